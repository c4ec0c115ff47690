package uk.gov.bcpcouncil.clientindex.mapping;

import java.util.List;
import java.util.Map;

import uk.gov.bcpcouncil.clientindex.SourceSystem;

/** A staged legacy person row with its child rows (addresses, involvements, aliases), as text. */
public record StagedPerson(SourceSystem source, String recordId, Map<String, String> person,
        List<Map<String, String>> addresses, List<Map<String, String>> involvements,
        List<Map<String, String>> aliases) {
}
