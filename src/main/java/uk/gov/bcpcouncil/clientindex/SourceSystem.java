package uk.gov.bcpcouncil.clientindex;

/** The three legacy systems; the names appear in lineage.csv, summary.json and every table. */
public enum SourceSystem {
    BOURNEMOUTH, POOLE, CHRISTCHURCH
}
