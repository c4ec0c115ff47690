package uk.gov.bcpcouncil.clientindex.extract;

/** Kinds of legacy row kept in staging. */
public enum Entity {
    PERSON, ADDRESS, INVOLVEMENT, ALIAS
}
