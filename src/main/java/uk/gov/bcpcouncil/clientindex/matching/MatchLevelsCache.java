package uk.gov.bcpcouncil.clientindex.matching;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;
import java.util.stream.IntStream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The comparison levels of a run's candidate pairs, kept with the run ({@code ci_match_levels}) so that a later
 * incremental run compares only the pairs that touch a changed or new record.
 * <p><b>What is cached</b>: per run, one compressed blob (in chunks of {@value #CHUNK} bytes) holding a
 * fingerprint, every candidate record's key with a 128-bit content hash of its {@link MatchRecord} (SHA-256 of
 * an unambiguous encoding of every component), every candidate pair (as indexes into the key-sorted records)
 * and the pair's level per comparison (one byte each). The match views themselves are not cached: each mapped
 * record carries its own ({@code ci_mapped_record.match_view}), and carry-over copies it with the record.
 * <p><b>Keyed on what</b>: the run; a base run's cache is used only when its fingerprint equals this run's. The
 * fingerprint is a SHA-256 over the mapping checksum (which covers {@code name-variants.csv}, the one table the
 * comparisons read) and the bytes of every class of this package (the comparisons and their levels) and of the
 * mapping packages (which make a record's match view from its mapped JSON), and of the Commons Text / Codec
 * algorithms the comparisons call: any change of that code or library makes a base cache unusable, and the run
 * then reads every record and compares every pair, as a full run does.
 * <p><b>Why the result equals a full run's</b>: a pair's levels are a pure function of its two
 * {@link MatchRecord}s ({@link Comparison}'s contract) under one fingerprint. A pair is taken from the base only
 * when both records' content hashes equal the base run's, i.e. both records are the same as when the base run
 * compared them; every other pair (a changed or new record, or a pair the base did not block together) is
 * compared now. So every pair gets exactly the levels a full run computes, and everything downstream (blocking
 * counts, EM, term frequencies, guards, decisions, clustering) runs unchanged on the same inputs. Records and
 * pairs are held in the run's own key order, which is the base's too for the unchanged records (both sorted by
 * key), so a pair of unchanged records keeps {@code i < j} in the base's indexes.
 * <p>Counts of pairs compared ({@link #computed()}) and taken from the base ({@link #reused()}) show that
 * an incremental run did reuse the cache.
 * <p>Idempotent: {@link #write} replaces the run's rows. Thread safety: {@link #levels} may compare pairs on
 * several threads (counters are {@link LongAdder}s, each pair has its own slot); one instance per step
 * execution, not to be shared between runs.
 */
public final class MatchLevelsCache implements LevelsSource {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MatchLevelsCache.class);

    static final int FORMAT = 3;
    static final int CHUNK = 8 * 1024 * 1024;

    private final String fingerprint;
    private final Snapshot base;
    private final LongAdder computed = new LongAdder();
    private final LongAdder reused = new LongAdder();
    private Snapshot current;
    private volatile long millis;

    /** A run's cached levels: keys sorted, hashes two longs per record, pairs sorted, levels {@code comparisons} bytes per pair. */
    record Snapshot(String fingerprint, int comparisons, String[] keys, long[] hashes, long[] pairs, byte[] levels) {
    }

    private MatchLevelsCache(String fingerprint, Snapshot base) {
        this.fingerprint = fingerprint;
        this.base = base;
    }

    /** Takes unchanged pairs' levels from {@code base} when its fingerprint is this one (tests). */
    static MatchLevelsCache of(Snapshot base, String fingerprint) {
        return new MatchLevelsCache(fingerprint, base != null && base.fingerprint().equals(fingerprint) ? base : null);
    }

    /** The levels of the last {@link #levels} call, as {@link #write} stores them; null before one. */
    Snapshot snapshot() {
        return current;
    }

    /** Computes every pair and keeps them for {@link #write} (a full run, or no usable base). */
    public static MatchLevelsCache withoutBase(String fingerprint) {
        return new MatchLevelsCache(fingerprint, null);
    }

    /**
     * Takes the levels of unchanged pairs from {@code baseRun}'s cache when it has one with this fingerprint;
     * otherwise computes every pair (and logs why).
     */
    public static MatchLevelsCache fromBase(JdbcTemplate jdbc, String baseRun, String fingerprint) {
        List<byte[]> chunks = jdbc.query("SELECT data FROM ci_match_levels WHERE run_id = ? ORDER BY chunk",
                (rs, i) -> rs.getBytes(1), baseRun);
        if (chunks.isEmpty()) {
            LOG.info("matchRecords: base run {} kept no comparison levels; every candidate pair is compared", baseRun);
            return withoutBase(fingerprint);
        }
        Snapshot snapshot = read(chunks);
        if (!snapshot.fingerprint().equals(fingerprint)) {
            LOG.info("matchRecords: base run {} compared with other matching code or mappings; every candidate pair"
                    + " is compared", baseRun);
            return withoutBase(fingerprint);
        }
        LOG.info("matchRecords: comparison levels of {} records' {} pairs from base run {}", snapshot.keys().length,
                snapshot.pairs().length, baseRun);
        return new MatchLevelsCache(fingerprint, snapshot);
    }

    @Override
    public int[][] levels(List<MatchRecord> records, long[] pairs, BiFunction<MatchRecord, MatchRecord, int[]> compute) {
        long started = System.nanoTime();
        int n = records.size();
        long[] hashes = new long[2 * n];
        IntStream.range(0, n).parallel().forEach(i -> hash(records.get(i), hashes, i));
        // each record's index in the base, when it is there with the same content; else -1
        int[] inBase = new int[n];
        Arrays.fill(inBase, -1);
        if (base != null) {
            Map<String, Integer> baseIndex = new HashMap<>(base.keys().length * 2);
            for (int i = 0; i < base.keys().length; i++) {
                baseIndex.put(base.keys()[i], i);
            }
            for (int i = 0; i < n; i++) {
                Integer b = baseIndex.get(records.get(i).key());
                if (b != null && base.hashes()[2 * b] == hashes[2 * i] && base.hashes()[2 * b + 1] == hashes[2 * i + 1]) {
                    inBase[i] = b;
                }
            }
        }
        int[][] levels = new int[pairs.length][];
        IntStream.range(0, pairs.length).parallel().forEach(k -> {
            int i = (int) (pairs[k] >>> 32);
            int j = (int) pairs[k];
            if (inBase[i] >= 0 && inBase[j] >= 0) {
                int at = Arrays.binarySearch(base.pairs(), ((long) inBase[i] << 32) | inBase[j]);
                if (at >= 0) {
                    int[] v = new int[base.comparisons()];
                    for (int c = 0; c < v.length; c++) {
                        v[c] = base.levels()[at * base.comparisons() + c];
                    }
                    levels[k] = v;
                    reused.increment();
                    return;
                }
            }
            levels[k] = compute.apply(records.get(i), records.get(j));
            computed.increment();
        });
        String[] keys = records.stream().map(MatchRecord::key).toArray(String[]::new);
        int c = pairs.length == 0 ? 0 : levels[0].length;
        byte[] bytes = new byte[pairs.length * c];
        for (int k = 0; k < pairs.length; k++) {
            for (int x = 0; x < c; x++) {
                int l = levels[k][x];
                if (l < Byte.MIN_VALUE || l > Byte.MAX_VALUE) {
                    throw new IllegalStateException("a comparison level out of byte range: " + l);
                }
                bytes[k * c + x] = (byte) l;
            }
        }
        current = new Snapshot(fingerprint, c, keys, hashes, pairs.clone(), bytes);
        millis = (System.nanoTime() - started) / 1_000_000;
        return levels;
    }

    /** Milliseconds the last {@link #levels} call took (hashing, lookups and comparisons). */
    public long millis() {
        return millis;
    }

    /** Candidate pairs compared in this run. */
    public long computed() {
        return computed.sum();
    }

    /** Candidate pairs whose levels came from the base run. */
    public long reused() {
        return reused.sum();
    }

    /** Whether a base run's levels were usable. */
    public boolean hasBase() {
        return base != null;
    }

    /**
     * Replaces {@code runId}'s cached levels with those of the last {@link #levels} call; deletes them when
     * the matcher did not ask for levels (a matcher without comparison levels). Returns the bytes written.
     */
    public long write(JdbcTemplate jdbc, String runId) {
        return write(jdbc, runId, current == null ? null : serialise(current));
    }

    /**
     * The last {@link #levels} call's levels encoded (compressed) on another thread, so that the step's other
     * writes go on meanwhile; {@link #write(JdbcTemplate, String, byte[])} stores the result. Null inside when the
     * matcher did not ask for levels.
     */
    public java.util.concurrent.CompletableFuture<byte[]> encodeAsync() {
        Snapshot s = current;
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> s == null ? null : serialise(s));
    }

    /** Replaces {@code runId}'s cached levels with {@code blob} ({@link #encodeAsync}); null deletes them. */
    public long write(JdbcTemplate jdbc, String runId, byte[] blob) {
        jdbc.update("DELETE FROM ci_match_levels WHERE run_id = ?", runId);
        if (blob == null) {
            return 0;
        }
        List<Object[]> rows = new ArrayList<>();
        for (int at = 0, chunk = 0; at < blob.length; at += CHUNK, chunk++) {
            rows.add(new Object[] { runId, chunk, Arrays.copyOfRange(blob, at, Math.min(blob.length, at + CHUNK)) });
        }
        jdbc.batchUpdate("INSERT INTO ci_match_levels (run_id, chunk, data) VALUES (?, ?, ?)", rows);
        return blob.length;
    }

    static byte[] serialise(Snapshot s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try (DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(bytes, deflater, 1 << 16))) {
            out.writeInt(FORMAT);
            out.writeUTF(s.fingerprint());
            out.writeInt(s.comparisons());
            out.writeInt(s.keys().length);
            for (int i = 0; i < s.keys().length; i++) {
                out.writeUTF(s.keys()[i]);
                out.writeLong(s.hashes()[2 * i]);
                out.writeLong(s.hashes()[2 * i + 1]);
            }
            out.writeInt(s.pairs().length);
            for (long p : s.pairs()) {
                out.writeLong(p);
            }
            out.write(s.levels());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deflater.end();
        }
        return bytes.toByteArray();
    }

    static Snapshot read(List<byte[]> chunks) {
        InputStream joined = new java.io.SequenceInputStream(java.util.Collections.enumeration(
                chunks.stream().map(c -> (InputStream) new ByteArrayInputStream(c)).toList()));
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(new InflaterInputStream(joined), 1 << 16))) {
            int format = in.readInt();
            if (format != FORMAT) {
                return new Snapshot("format " + format, 0, new String[0], new long[0], new long[0], new byte[0]);
            }
            String fingerprint = in.readUTF();
            int comparisons = in.readInt();
            int n = in.readInt();
            String[] keys = new String[n];
            long[] hashes = new long[2 * n];
            for (int i = 0; i < n; i++) {
                keys[i] = in.readUTF();
                hashes[2 * i] = in.readLong();
                hashes[2 * i + 1] = in.readLong();
            }
            int p = in.readInt();
            long[] pairs = new long[p];
            for (int k = 0; k < p; k++) {
                pairs[k] = in.readLong();
            }
            byte[] levels = new byte[p * comparisons];
            in.readFully(levels);
            return new Snapshot(fingerprint, comparisons, keys, hashes, pairs, levels);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read cached comparison levels", e);
        }
    }

    /** Every component of the match view (all of them, so that a field added later is hashed too). */
    private static final RecordComponent[] COMPONENTS = MatchRecord.class.getRecordComponents();
    private static final java.lang.reflect.Method[] ACCESSORS = Arrays.stream(COMPONENTS)
            .map(RecordComponent::getAccessor).toArray(java.lang.reflect.Method[]::new);

    /** 128 bits of SHA-256 over every component of the record, each length-prefixed (lists element by element). */
    static void hash(MatchRecord r, long[] into, int i) {
        MessageDigest sha = sha256();
        StringBuilder text = new StringBuilder(256);
        for (int c = 0; c < COMPONENTS.length; c++) {
            Object value;
            try {
                value = ACCESSORS[c].invoke(r);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            text.append(COMPONENTS[c].getName());
            encode(value, text);
        }
        byte[] d = sha.digest(text.toString().getBytes(StandardCharsets.UTF_8));
        into[2 * i] = java.nio.ByteBuffer.wrap(d, 0, 8).getLong();
        into[2 * i + 1] = java.nio.ByteBuffer.wrap(d, 8, 8).getLong();
    }

    private static void encode(Object value, StringBuilder text) {
        if (value == null) {
            text.append("~");
        } else if (value instanceof List<?> list) {
            text.append('[').append(list.size()).append(':');
            list.forEach(v -> encode(v, text));
        } else if (value instanceof Map<?, ?> map) {
            text.append('{').append(map.size()).append(':');
            map.entrySet().stream().sorted(Comparator.comparing(e -> String.valueOf(e.getKey()))).forEach(e -> {
                encode(String.valueOf(e.getKey()), text);
                encode(e.getValue(), text);
            });
        } else {
            String s = value.toString();
            text.append('"').append(s.length()).append(':').append(s);
        }
    }

    /**
     * The fingerprint of the comparisons: the mapping checksum and the bytes of this package's classes (which
     * define the comparisons, their levels and the record's match view) and of the Commons algorithms they call.
     */
    public static String fingerprint(String mappingChecksum) {
        MessageDigest sha = sha256();
        sha.update(("format " + FORMAT + "\nmappings " + mappingChecksum + "\n").getBytes(StandardCharsets.UTF_8));
        sha.update(CODE.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha.digest());
    }

    private static final String CODE = codeHash();

    private static String codeHash() {
        MessageDigest sha = sha256();
        try {
            PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(
                    MatchLevelsCache.class.getClassLoader());
            List<Resource> found = new ArrayList<>();
            // the comparisons, and the code that makes a record's match view (MatchRecords, the mapping's names,
            // identifiers and canonical record)
            found.addAll(List.of(resolver.getResources("classpath*:uk/gov/bcpcouncil/clientindex/matching/*.class")));
            found.addAll(List.of(resolver.getResources("classpath*:uk/gov/bcpcouncil/clientindex/mapping/**/*.class")));
            Resource[] classes = found.toArray(Resource[]::new);
            Arrays.sort(classes, Comparator.comparing(MatchLevelsCache::path));
            if (classes.length == 0) {
                throw new IllegalStateException("no matching classes found to fingerprint");
            }
            for (Resource r : classes) {
                sha.update(path(r).getBytes(StandardCharsets.UTF_8));
                try (InputStream in = r.getInputStream()) {
                    sha.update(in.readAllBytes());
                }
            }
            for (Class<?> library : List.of(org.apache.commons.text.similarity.JaroWinklerSimilarity.class,
                    org.apache.commons.text.similarity.DamerauLevenshteinDistance.class,
                    org.apache.commons.codec.language.DoubleMetaphone.class)) {
                try (InputStream in = library.getResourceAsStream(library.getSimpleName() + ".class")) {
                    sha.update(library.getName().getBytes(StandardCharsets.UTF_8));
                    sha.update(in.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fingerprint the matching code", e);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** A class file's path from the package root, the same in a jar and in a classes folder. */
    private static String path(Resource r) {
        try {
            String url = r.getURL().toString();
            int at = url.lastIndexOf("uk/gov/bcpcouncil/");
            return at < 0 ? r.getFilename() : url.substring(at);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
