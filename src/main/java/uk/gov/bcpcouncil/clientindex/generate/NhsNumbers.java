package uk.gov.bcpcouncil.clientindex.generate;

import java.util.SplittableRandom;

/**
 * NHS numbers: the Modulus 11 check and synthetic numbers from the test range 999 000 0000 to
 * 999 999 9999, which is never issued to patients.
 */
public final class NhsNumbers {

    /** First three digits of every synthetic NHS number. */
    static final long TEST_RANGE_PREFIX = 999L;
    private static final int STEMS_IN_RANGE = 1_000_000;

    private NhsNumbers() {
    }

    /**
     * The check digit for the first nine digits, or -1 when the stem is unusable (check value 10).
     *
     * @param nineDigits exactly nine ASCII digits
     */
    public static int checkDigit(CharSequence nineDigits) {
        if (nineDigits.length() != 9) {
            throw new IllegalArgumentException("an NHS number stem has 9 digits");
        }
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            char c = nineDigits.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("an NHS number stem has only digits");
            }
            sum += (c - '0') * (10 - i);
        }
        int check = 11 - (sum % 11);
        if (check == 11) {
            return 0;
        }
        return check == 10 ? -1 : check;
    }

    /**
     * Whether the value, after removing spaces, is ten digits whose tenth is the Modulus 11 check
     * digit of the first nine. Repdigits such as {@code 9999999999} pass this check (as the NHS
     * algorithm says); callers that must reject them test that separately.
     */
    public static boolean passesModulus11(String value) {
        if (value == null) {
            return false;
        }
        String digits = value.replace(" ", "");
        if (digits.length() != 10) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (!Character.isDigit(digits.charAt(i)) || digits.charAt(i) > '9') {
                return false;
            }
        }
        int check = checkDigit(digits.substring(0, 9));
        return check >= 0 && check == digits.charAt(9) - '0';
    }

    /** The usual 3-3-4 display form: {@code 999 123 4567}. */
    public static String spaced(String tenDigits) {
        return tenDigits.substring(0, 3) + ' ' + tenDigits.substring(3, 6) + ' ' + tenDigits.substring(6);
    }

    /**
     * A typing error in a valid number that the Modulus 11 check detects: one digit changed, or
     * two different adjacent digits swapped, always after the 999 prefix.
     */
    static String mistype(String validTenDigits, SplittableRandom random) {
        char[] digits = validTenDigits.toCharArray();
        for (int attempt = 0; attempt < 100; attempt++) {
            char[] typed = digits.clone();
            if (random.nextInt(3) == 0) {
                int i = 3 + random.nextInt(6); // swap positions i and i+1 within digits 4..10
                char t = typed[i];
                typed[i] = typed[i + 1];
                typed[i + 1] = t;
            } else {
                int i = 3 + random.nextInt(7);
                typed[i] = (char) ('0' + (typed[i] - '0' + 1 + random.nextInt(9)) % 10);
            }
            String candidate = new String(typed);
            if (!passesModulus11(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("could not mistype " + validTenDigits);
    }

    /**
     * Hands out distinct valid NHS numbers from the test range in a seed-dependent order. The
     * range holds about 909,000 valid numbers (every eleventh stem is unusable); when they run out,
     * {@link #next()} returns {@code null}.
     */
    static final class Allocator {
        private final long multiplier;
        private final long offset;
        private long index;

        Allocator(long seed) {
            SplittableRandom random = new SplittableRandom(seed ^ 0x4E48_5331L);
            long m;
            do {
                m = 1 + random.nextLong(STEMS_IN_RANGE - 1);
            } while (m % 2 == 0 || m % 5 == 0); // coprime with 10^6: a permutation of the stems
            this.multiplier = m;
            this.offset = random.nextLong(STEMS_IN_RANGE);
        }

        String next() {
            while (index < STEMS_IN_RANGE) {
                long stem = TEST_RANGE_PREFIX * STEMS_IN_RANGE + (multiplier * index + offset) % STEMS_IN_RANGE;
                index++;
                String nine = Long.toString(stem);
                int check = checkDigit(nine);
                String number = nine + check;
                if (check >= 0 && !isRepdigit(number)) {
                    return number;
                }
            }
            return null;
        }

        private static boolean isRepdigit(String number) {
            return number.chars().distinct().count() == 1;
        }
    }
}
