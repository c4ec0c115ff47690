package uk.gov.bcpcouncil.clientindex.matching;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Receives one record's blocking keys part by part ({@code start().add(..).add(..).end()}), so that a rule is
 * written once and its keys come out either as strings ({@link Strings}: tests and {@code BlockingLab}) or
 * straight as 64-bit hashes ({@link Hashes}: the matcher, which builds millions of keys per rule and only sorts
 * their hashes). A key's hash is the FNV-1a of its characters, mixed ({@link #hash64}), whichever way it was
 * built: {@code Hashes} of a key equals {@code hash64} of the string {@code Strings} makes of it. A record's
 * keys are a set: a key given twice counts once. Not thread-safe: one instance per record (or per thread).
 */
public abstract class BlockingKeys {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    /** Begins a new key. */
    public abstract BlockingKeys start();

    /** Appends a text to the key being built. */
    public abstract BlockingKeys add(String part);

    /** Appends a character. */
    public abstract BlockingKeys add(char part);

    /** Appends a number in decimal, as {@link Integer#toString(int)} writes it. */
    public abstract BlockingKeys add(int part);

    /** Ends the key being built: it is one of the record's keys. */
    public abstract void end();

    /** Appends a date as {@link LocalDate#toString()} writes it ({@code 2015-03-07}). */
    public BlockingKeys add(LocalDate date) {
        int year = date.getYear();
        if (year < 1000 || year > 9999) {
            return add(date.toString());
        }
        add(year).add('-');
        twoDigits(date.getMonthValue()).add('-');
        return twoDigits(date.getDayOfMonth());
    }

    private BlockingKeys twoDigits(int n) {
        return add((char) ('0' + n / 10)).add((char) ('0' + n % 10));
    }

    /** A whole key at once. */
    public void key(String whole) {
        start().add(whole).end();
    }

    /** 64-bit FNV-1a of the key's characters, mixed: what {@link Hashes} makes of the same key. */
    public static long hash64(String key) {
        long h = FNV_OFFSET;
        for (int c = 0; c < key.length(); c++) {
            h ^= key.charAt(c);
            h *= FNV_PRIME;
        }
        return mix(h);
    }

    /** A 64-bit mix (SplitMix64's finaliser). */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** The keys as strings, in the order first given. */
    public static final class Strings extends BlockingKeys {
        private final StringBuilder key = new StringBuilder();
        private final Set<String> keys = new LinkedHashSet<>();

        @Override
        public BlockingKeys start() {
            key.setLength(0);
            return this;
        }

        @Override
        public BlockingKeys add(String part) {
            key.append(part);
            return this;
        }

        @Override
        public BlockingKeys add(char part) {
            key.append(part);
            return this;
        }

        @Override
        public BlockingKeys add(int part) {
            key.append(part);
            return this;
        }

        @Override
        public void end() {
            keys.add(key.toString());
        }

        public Set<String> keys() {
            return keys;
        }
    }

    /** The keys' hashes, without building a string; {@link #distinct()} gives them sorted and without repeats. */
    public static final class Hashes extends BlockingKeys {
        private long h;
        private long[] hashes = new long[8];
        private int size;

        /** Forgets the keys given so far (the instance is reused for the next record). */
        public Hashes clear() {
            size = 0;
            return this;
        }

        @Override
        public BlockingKeys start() {
            h = FNV_OFFSET;
            return this;
        }

        @Override
        public BlockingKeys add(String part) {
            long x = h;
            for (int c = 0; c < part.length(); c++) {
                x ^= part.charAt(c);
                x *= FNV_PRIME;
            }
            h = x;
            return this;
        }

        @Override
        public BlockingKeys add(char part) {
            h = (h ^ part) * FNV_PRIME;
            return this;
        }

        @Override
        public BlockingKeys add(int part) {
            if (part < 0) {
                if (part == Integer.MIN_VALUE) {
                    return add(Integer.toString(part));
                }
                add('-');
                part = -part;
            }
            int div = 1;
            while (part / div >= 10) {
                div *= 10;
            }
            for (; div > 0; div /= 10) {
                add((char) ('0' + (part / div) % 10));
            }
            return this;
        }

        @Override
        public void end() {
            if (size == hashes.length) {
                hashes = Arrays.copyOf(hashes, size * 2);
            }
            hashes[size++] = mix(h);
        }

        /** The hashes of the keys given since the last {@link #clear()}, sorted, each once. */
        public long[] distinct() {
            if (size == 0) {
                return EMPTY;
            }
            long[] sorted = Arrays.copyOf(hashes, size);
            Arrays.sort(sorted);
            int w = 1;
            for (int k = 1; k < sorted.length; k++) {
                if (sorted[k] != sorted[w - 1]) {
                    sorted[w++] = sorted[k];
                }
            }
            return w == sorted.length ? sorted : Arrays.copyOf(sorted, w);
        }

        private static final long[] EMPTY = new long[0];
    }
}
