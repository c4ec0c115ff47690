/**
 * Operating the job overnight: the preflight check ({@code run.sh check}), progress with an ETA, the per-run
 * log file, the machine-readable {@code status.json} and the run-end alerting hooks. Nothing here logs a
 * child's data: lines carry run IDs, step names, table names and counts only.
 */
package uk.gov.bcpcouncil.clientindex.ops;
