package uk.gov.bcpcouncil.clientindex.extract;

import java.util.Map;

import uk.gov.bcpcouncil.clientindex.SourceSystem;

/**
 * One legacy row as read: its columns as text (dates in ISO form), keyed by the legacy column names.
 *
 * @param rowId    the row's key in its table (or line in its file), unique per source and entity
 * @param personId the person record the row belongs to (its own key for a person row)
 */
public record StagedRow(SourceSystem source, Entity entity, String rowId, String personId, Map<String, String> data) {
}
