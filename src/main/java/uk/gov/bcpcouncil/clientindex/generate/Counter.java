package uk.gov.bcpcouncil.clientindex.generate;

/** Mutable tallies for one source while generating. */
final class Counter {
    long persons;
    long addresses;
    long aliases;
    long involvements;
    long invalidNhsNumbers;

    GenerationResult.SourceCounts freeze() {
        return new GenerationResult.SourceCounts(persons, addresses, aliases, involvements, invalidNhsNumbers);
    }
}
