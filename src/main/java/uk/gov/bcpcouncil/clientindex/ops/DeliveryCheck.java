package uk.gov.bcpcouncil.clientindex.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import uk.gov.bcpcouncil.clientindex.SourceSystem;
import uk.gov.bcpcouncil.clientindex.extract.ChristchurchDelivery;
import uk.gov.bcpcouncil.clientindex.extract.ChristchurchFormat;
import uk.gov.bcpcouncil.clientindex.extract.ExtractRefusedException;
import uk.gov.bcpcouncil.clientindex.extract.TrailerVerifier;
import uk.gov.bcpcouncil.clientindex.mapping.Mappings;

/**
 * Preflight of the Christchurch delivery folder: finds the delivery a run would use (the newest complete
 * one), verifies both files' headers and trailers exactly as the job's first step does, warns when a newer
 * delivery is incomplete, and checks the mapped columns exist in the extract format. Reads only.
 * Stateless and thread-safe.
 */
final class DeliveryCheck {

    /** The check whose failures are the delivery's, not the configuration's. */
    static final String DELIVERY = "christchurch delivery";
    private static final Pattern CLIENTS = Pattern.compile("christchurch_clients_(\\d{8})\\.txt");

    private final Path directory;

    DeliveryCheck(Path directory) {
        this.directory = directory;
    }

    List<CheckResult> run(Mappings mappings) {
        List<CheckResult> results = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            results.add(CheckResult.fail("christchurch", "delivery folder " + directory.toAbsolutePath()
                    + " does not exist (clientindex.sources.christchurch.directory)"));
            return results;
        }
        ChristchurchDelivery delivery;
        try {
            delivery = ChristchurchDelivery.newestComplete(directory).orElse(null);
        } catch (IOException e) {
            results.add(CheckResult.fail("christchurch", "cannot list " + directory.toAbsolutePath() + ": "
                    + e.getMessage()));
            return results;
        }
        if (delivery == null) {
            results.add(CheckResult.fail(DELIVERY, "no complete delivery in " + directory.toAbsolutePath()
                    + " (christchurch_clients_YYYYMMDD.txt with its christchurch_involvements_YYYYMMDD.txt)"));
            return results;
        }
        String newer = newerIncomplete(delivery.date());
        if (newer != null) {
            results.add(CheckResult.warn(DELIVERY, "delivery " + newer + " has no involvements file and is"
                    + " passed over; delivery " + delivery.date() + " will be used"));
        }
        TrailerVerifier verifier = new TrailerVerifier();
        try {
            long clients = verifier.verify(delivery.clientsFile(), ChristchurchFormat.CLIENT_COLUMNS, true)
                    .dataLines();
            long involvements = verifier.verify(delivery.involvementsFile(), ChristchurchFormat.INVOLVEMENT_COLUMNS)
                    .dataLines();
            String missing = missingColumns(mappings);
            if (missing != null) {
                results.add(CheckResult.fail("christchurch columns", missing));
                return results;
            }
            results.add(CheckResult.pass(DELIVERY, String.format(Locale.UK, "delivery %s: %,d clients and %,d"
                    + " involvements, headers and trailers agree", delivery.date(), clients, involvements)));
        } catch (ExtractRefusedException e) {
            results.add(CheckResult.fail(DELIVERY, e.getMessage()));
        }
        return results;
    }

    private String newerIncomplete(String used) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> CLIENTS.matcher(p.getFileName().toString())).filter(Matcher::matches)
                    .map(m -> m.group(1)).filter(d -> d.compareTo(used) > 0).max(String::compareTo).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static String missingColumns(Mappings mappings) {
        if (mappings == null) {
            return null;
        }
        var definition = mappings.definition(SourceSystem.CHRISTCHURCH);
        Set<String> missing = new TreeSet<>();
        missing.addAll(absent(LegacyAccessCheck.columnsOf(definition.person()), ChristchurchFormat.CLIENT_COLUMNS));
        missing.addAll(absent(LegacyAccessCheck.columnsOf(definition.involvement()),
                ChristchurchFormat.INVOLVEMENT_COLUMNS));
        return missing.isEmpty() ? null
                : "the extract format has no column " + String.join(", ", missing) + " named in mappings/christchurch.yaml";
    }

    private static Set<String> absent(Set<String> used, List<String> format) {
        Set<String> missing = new TreeSet<>(used);
        format.forEach(c -> missing.remove(c.toLowerCase(Locale.ROOT)));
        return missing;
    }
}
