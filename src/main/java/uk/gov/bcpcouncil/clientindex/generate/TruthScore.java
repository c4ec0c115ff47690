package uk.gov.bcpcouncil.clientindex.generate;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Scores a run's {@code lineage.csv} against the generator's ground truth: pairwise precision (of the
 * pairs of indexed records the job put in one client, how many are truly one child) and recall (of the
 * pairs that are truly one child, how many the job put in one client). Only INDEXED records count.
 */
public record TruthScore(long predictedPairs, long truePairs, long truePositives, long wronglyMergedClients) {

    public double precision() {
        return predictedPairs == 0 ? 1.0 : (double) truePositives / predictedPairs;
    }

    public double recall() {
        return truePairs == 0 ? 1.0 : (double) truePositives / truePairs;
    }

    public static TruthScore score(Path lineageCsv, Path truthCsv) throws IOException {
        Map<String, String> truth = new HashMap<>();
        for (CSVRecord r : read(truthCsv)) {
            truth.put(r.get("source_system") + ":" + r.get("source_record_id"), r.get("true_child_id"));
        }
        Map<String, Long> byClient = new HashMap<>();
        Map<String, Long> byChild = new HashMap<>();
        Map<String, Long> byBoth = new HashMap<>();
        Map<String, String> childOfClient = new HashMap<>();
        Map<String, Boolean> mixed = new HashMap<>();
        for (CSVRecord r : read(lineageCsv)) {
            if (!"INDEXED".equals(r.get("outcome"))) {
                continue;
            }
            String key = r.get("source_system") + ":" + r.get("source_record_id");
            String child = truth.get(key);
            if (child == null) {
                throw new IllegalArgumentException("record " + key + " is not in the ground truth");
            }
            String client = r.get("client_id");
            byClient.merge(client, 1L, Long::sum);
            byChild.merge(child, 1L, Long::sum);
            byBoth.merge(client + "|" + child, 1L, Long::sum);
            String seen = childOfClient.putIfAbsent(client, child);
            if (seen != null && !seen.equals(child)) {
                mixed.put(client, true);
            }
        }
        return new TruthScore(pairs(byClient), pairs(byChild), pairs(byBoth), mixed.size());
    }

    private static long pairs(Map<String, Long> groups) {
        return groups.values().stream().mapToLong(n -> n * (n - 1) / 2).sum();
    }

    private static java.util.List<CSVRecord> read(Path csv) throws IOException {
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                var parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
            return parser.getRecords();
        }
    }
}
