package uk.gov.bcpcouncil.clientindex.extract;

import uk.gov.bcpcouncil.clientindex.SourceSystem;

/**
 * A legacy table the job reads, and how: keyset paging on {@code keyColumn} (its primary key), so a
 * restarted read resumes after the last key committed.
 *
 * @param stepName     the step's name: a restart contract, never renamed
 * @param table        the table as the legacy system names it
 * @param keyColumn    primary key, the keyset and the staged row id
 * @param personColumn column naming the person the row belongs to
 */
public record LegacyTable(String stepName, SourceSystem source, Entity entity, String table, String keyColumn,
        String personColumn) {

    public static final LegacyTable BOURNEMOUTH_CLIENT = new LegacyTable("extractBournemouthClients",
            SourceSystem.BOURNEMOUTH, Entity.PERSON, "client", "client_id", "client_id");
    public static final LegacyTable BOURNEMOUTH_ADDRESS = new LegacyTable("extractBournemouthAddresses",
            SourceSystem.BOURNEMOUTH, Entity.ADDRESS, "client_address", "address_id", "client_id");
    public static final LegacyTable BOURNEMOUTH_INVOLVEMENT = new LegacyTable("extractBournemouthInvolvements",
            SourceSystem.BOURNEMOUTH, Entity.INVOLVEMENT, "client_involvement", "involvement_id", "client_id");
    public static final LegacyTable POOLE_PERSON = new LegacyTable("extractPoolePersons",
            SourceSystem.POOLE, Entity.PERSON, "poole.person", "person_ref", "person_ref");
    public static final LegacyTable POOLE_ALIAS = new LegacyTable("extractPooleAliases",
            SourceSystem.POOLE, Entity.ALIAS, "poole.person_alias", "alias_id", "person_ref");
    public static final LegacyTable POOLE_ADDRESS = new LegacyTable("extractPooleAddresses",
            SourceSystem.POOLE, Entity.ADDRESS, "poole.person_address", "address_id", "person_ref");
    public static final LegacyTable POOLE_EPISODE = new LegacyTable("extractPooleEpisodes",
            SourceSystem.POOLE, Entity.INVOLVEMENT, "poole.episode", "episode_id", "person_ref");

    /** Every legacy table the job extracts, in step order. */
    public static final java.util.List<LegacyTable> ALL = java.util.List.of(BOURNEMOUTH_CLIENT, BOURNEMOUTH_ADDRESS,
            BOURNEMOUTH_INVOLVEMENT, POOLE_PERSON, POOLE_ALIAS, POOLE_ADDRESS, POOLE_EPISODE);

    /** Reader name: prefixes the reader's ExecutionContext keys (restart contract). */
    public String readerName() {
        return stepName + "Reader";
    }
}
