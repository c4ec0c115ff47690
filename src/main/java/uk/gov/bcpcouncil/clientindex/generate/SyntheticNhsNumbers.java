package uk.gov.bcpcouncil.clientindex.generate;

import java.util.SplittableRandom;
import uk.gov.bcpcouncil.clientindex.mapping.identifiers.IdentifierStatus;
import uk.gov.bcpcouncil.clientindex.mapping.identifiers.NhsNumbers;

/**
 * Synthetic NHS numbers from the test range 999 000 0000 to 999 999 9999, which is never issued to
 * patients, and the ways they are mistyped and displayed. Check digits and validity come from
 * {@link NhsNumbers}, the Modulus 11 check the client index itself applies.
 */
final class SyntheticNhsNumbers {

    /** First three digits of every synthetic NHS number. */
    static final long TEST_RANGE_PREFIX = 999L;
    private static final int STEMS_IN_RANGE = 1_000_000;

    private SyntheticNhsNumbers() {
    }

    /** The usual 3-3-4 display form: {@code 999 123 4567}. */
    static String spaced(String tenDigits) {
        return tenDigits.substring(0, 3) + ' ' + tenDigits.substring(3, 6) + ' ' + tenDigits.substring(6);
    }

    /**
     * A typing error in a valid number that the Modulus 11 check detects ({@link NhsNumbers#check}
     * gives {@link IdentifierStatus#INVALID_CHECK}): one digit changed, or two different adjacent
     * digits swapped, always after the 999 prefix.
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
            if (NhsNumbers.check(candidate).status() == IdentifierStatus.INVALID_CHECK) {
                return candidate;
            }
        }
        throw new IllegalStateException("could not mistype " + validTenDigits);
    }

    /**
     * Hands out distinct valid NHS numbers from the test range in a seed-dependent order. The
     * range holds about 909,000 valid numbers (every eleventh stem is unusable, and repdigits are
     * skipped); when they run out, {@link #next()} returns {@code null}.
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
                String number = NhsNumbers.withCheckDigit(Long.toString(stem));
                // VALID rules out 9999999999, which passes Modulus 11 but is a repdigit, never issued
                if (number != null && NhsNumbers.check(number).status() == IdentifierStatus.VALID) {
                    return number;
                }
            }
            return null;
        }
    }
}
