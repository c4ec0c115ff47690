package uk.gov.bcpcouncil.clientindex.generate;

import uk.gov.bcpcouncil.clientindex.mapping.identifiers.Upns;

/**
 * Synthetic Unique Pupil Numbers: LA number, establishment number, two-digit year and serial, with
 * the modulus 23 check letter from {@link Upns}, the check the client index itself applies.
 */
final class SyntheticUpns {

    private SyntheticUpns() {
    }

    /** A permanent UPN for the given components. */
    static String permanent(int laNumber, int establishment, int yearOfAllocation, int serial) {
        String twelve = String.format("%03d%04d%02d%03d", laNumber, establishment, yearOfAllocation % 100, serial);
        return Upns.withCheckLetter(twelve);
    }
}
