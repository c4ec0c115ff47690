package uk.gov.bcpcouncil.clientindex.mapping;

import java.util.Map;

import uk.gov.bcpcouncil.clientindex.SourceSystem;
import uk.gov.bcpcouncil.clientindex.mapping.definition.CodeTable;
import uk.gov.bcpcouncil.clientindex.mapping.definition.MappingDefinition;

/**
 * The validated contents of {@code mappings/}: one definition per source, the code tables, and the
 * SHA-256 checksum of every file, recorded with each run (a restart with different mappings is refused).
 * Immutable and thread-safe.
 */
public record Mappings(Map<SourceSystem, MappingDefinition> definitions, Map<String, CodeTable> codeTables,
        String checksum) {

    public MappingDefinition definition(SourceSystem source) {
        return definitions.get(source);
    }
}
