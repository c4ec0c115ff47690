package uk.gov.bcpcouncil.clientindex.matching;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import uk.gov.bcpcouncil.clientindex.mapping.names.NameNormaliser;

/**
 * The FEBRL benchmark: reads the FEBRL files straight into the matcher through a benchmark mapping (every
 * FEBRL field; {@code soc_sec_id} is an ordinary compared field, never a guard), clusters and scores the
 * clusters against the truth in the record IDs ({@code rec-<n>-org}, {@code rec-<n>-dup-<k>}). FEBRL 3
 * is deduplicated; FEBRL 4 links 4a against 4b (each file is free of duplicates, so a cluster holds at most
 * one record of each). Review-band pairs count as non-matches. No database is used.
 */
public final class FebrlBenchmark {

    private static final DateTimeFormatter YMD = DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);

    private FebrlBenchmark() {
    }

    public record Outcome(LinkageScore score, long records, long candidatePairs, Map<String, Long> pairsByBlock,
            long matches, long reviews, long guards, long refused, double seconds, ProbabilisticMatcher matcher,
            Matcher.Result result) {

        public String text(String name) {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "benchmark %s: %d records%n", name, records));
            sb.append(score.text()).append(System.lineSeparator());
            sb.append(String.format(Locale.ROOT, "candidate pairs %d %s%n", candidatePairs, pairsByBlock));
            sb.append(String.format(Locale.ROOT, "auto-matched pairs %d, review queue %d, guarded %d, split at clustering %d%n",
                    matches, reviews, guards, refused));
            FellegiSunterModel m = result.model();
            sb.append(String.format(Locale.ROOT, "model: prior %.4f, EM rounds %d%n", m.lambda(), m.iterations()));
            sb.append(String.format(Locale.ROOT, "time %.1f s", seconds));
            return sb.toString();
        }
    }

    public static Outcome run(String dataset, Path folder, MatchingProperties settings, NameVariants variants)
            throws IOException {
        long started = System.nanoTime();
        Map<String, String> truth = new LinkedHashMap<>();
        List<MatchRecord> records = new ArrayList<>();
        boolean link;
        switch (dataset) {
            case "febrl3" -> {
                records.addAll(read(folder.resolve("dataset3.csv"), "F3", truth));
                link = false;
            }
            case "febrl4" -> {
                records.addAll(read(folder.resolve("dataset4a.csv"), "A", truth));
                records.addAll(read(folder.resolve("dataset4b.csv"), "B", truth));
                link = true;
            }
            default -> throw new IllegalArgumentException("unknown FEBRL data set '" + dataset + "' (febrl3 or febrl4)");
        }
        ProbabilisticMatcher matcher = new ProbabilisticMatcher(settings, Comparisons.febrl(variants),
                BlockingRule.febrl(), variants, link, false);
        Matcher.Result result = matcher.match(records);
        ClusterBuilder builder = new ClusterBuilder(records);
        if (link) {
            builder.oneRecordPerSource();
        }
        Map<String, String> clusters = builder.apply(result.decisions()).clusters();
        LinkageScore score = LinkageScore.of(clusters, truth);
        long matches = count(result, MatchDecision.Verdict.MATCH);
        long reviews = count(result, MatchDecision.Verdict.REVIEW) + builder.refused().size();
        long guards = count(result, MatchDecision.Verdict.NO_MATCH_GUARD);
        return new Outcome(score, records.size(), result.candidatePairs(), result.candidatePairsByBlock(), matches,
                reviews, guards, builder.refused().size(), (System.nanoTime() - started) / 1e9, matcher, result);
    }

    private static long count(Matcher.Result result, MatchDecision.Verdict verdict) {
        return result.decisions().stream().filter(d -> d.verdict() == verdict).count();
    }

    /** Reads one FEBRL file: key {@code <tag>:<rec_id>}, truth entity the {@code <n>} of the record ID. */
    static List<MatchRecord> read(Path csv, String tag, Map<String, String> truth) throws IOException {
        List<MatchRecord> records = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                var parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                        .setIgnoreSurroundingSpaces(true).get().parse(reader)) {
            for (CSVRecord r : parser) {
                String id = r.get("rec_id");
                truth.put(tag + ":" + id, id.split("-")[1]);
                records.add(of(tag + ":" + id, r));
            }
        }
        return records;
    }

    static MatchRecord of(String key, CSVRecord r) {
        String given = NameNormaliser.matchKey(value(r, "given_name"));
        String surname = NameNormaliser.matchKey(value(r, "surname"));
        Map<String, String> attributes = new HashMap<>();
        for (String field : List.of("street_number", "address_2", "suburb", "state", "soc_sec_id")) {
            String v = value(r, field);
            if (v != null) {
                attributes.put(field, v.toUpperCase(Locale.ROOT));
            }
        }
        String postcode = value(r, "postcode");
        String address = value(r, "address_1");
        return new MatchRecord(key, given == null ? List.of() : List.of(given), surname,
                surname == null ? List.of() : List.of(surname), date(value(r, "date_of_birth")), null, null, null,
                postcode, false, postcode == null ? List.of() : List.of(postcode),
                address == null ? List.of() : List.of(address.toUpperCase(Locale.ROOT)), List.of(), null, attributes);
    }

    private static String value(CSVRecord r, String field) {
        String v = r.get(field);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static LocalDate date(String v) {
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v, YMD);
        } catch (DateTimeParseException e) {
            return null; // a corrupted date: the comparison treats it as missing
        }
    }
}
