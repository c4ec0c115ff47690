/**
 * Synthetic legacy data for the three BCP legacy systems, with a ground truth.
 *
 * <p>{@link uk.gov.bcpcouncil.clientindex.generate.LegacyDataGenerator} fills the Bournemouth
 * (MySQL/MariaDB) and Poole (PostgreSQL) legacy schemas and writes a Christchurch (Dorset) extract,
 * all from one set of synthetic "true" children, and writes {@code truth.csv}: which true child
 * every generated person record belongs to. The data carries the difficulties the data owners
 * describe (duplicates, merges in source, twins, adoption, unborn children, typing errors, name
 * variants, impossible dates, bad NHS numbers, retired and free-text ethnicity codes), at the rates
 * set in {@link uk.gov.bcpcouncil.clientindex.generate.GeneratorSettings}. Output is a pure function
 * of the settings and the seed.
 */
package uk.gov.bcpcouncil.clientindex.generate;
