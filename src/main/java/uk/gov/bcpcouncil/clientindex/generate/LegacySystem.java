package uk.gov.bcpcouncil.clientindex.generate;

/** The three legacy systems, named as in the truth file and the reconciliation reports. */
enum LegacySystem {
    BOURNEMOUTH(837, Addresses.Area.BOURNEMOUTH),
    POOLE(836, Addresses.Area.POOLE),
    CHRISTCHURCH(835, Addresses.Area.CHRISTCHURCH);

    /** DfE LA number of the predecessor authority that allocated UPNs before April 2019. */
    final int laNumber;
    final Addresses.Area area;

    LegacySystem(int laNumber, Addresses.Area area) {
        this.laNumber = laNumber;
        this.area = area;
    }
}
