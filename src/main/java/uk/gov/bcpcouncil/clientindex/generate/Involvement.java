package uk.gov.bcpcouncil.clientindex.generate;

import java.time.LocalDate;

/**
 * A period of work with a child, with its DfE code: CIN need code, CP category or LAC legal status.
 *
 * @param end null while open
 */
record Involvement(Type type, LocalDate start, LocalDate end, String code) {

    /** The four services, with each system's name for them. */
    enum Type {
        EARLY_HELP("EH", "EARLY_HELP", "Early Help"),
        CHILD_IN_NEED("CIN", "CHILD_IN_NEED", "Child in Need"),
        CHILD_PROTECTION("CP", "CHILD_PROTECTION", "Child Protection"),
        LOOKED_AFTER("LAC", "LOOKED_AFTER", "Looked After");

        final String bournemouth;
        final String poole;
        final String christchurch;

        Type(String bournemouth, String poole, String christchurch) {
            this.bournemouth = bournemouth;
            this.poole = poole;
            this.christchurch = christchurch;
        }
    }
}
