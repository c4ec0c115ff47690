package uk.gov.bcpcouncil.clientindex.extract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One delivery from Dorset: the clients and involvements files of the same date.
 *
 * @param date YYYYMMDD as in the file names
 */
public record ChristchurchDelivery(String date, Path clientsFile, Path involvementsFile) {

    private static final Pattern CLIENTS = Pattern.compile("christchurch_clients_(\\d{8})\\.txt");

    /**
     * The newest delivery in {@code directory} whose two files are both present. A newer clients file
     * without its involvements file is an incomplete delivery and is passed over.
     */
    public static Optional<ChristchurchDelivery> newestComplete(Path directory) throws IOException {
        if (directory == null || !Files.isDirectory(directory)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> CLIENTS.matcher(p.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(m -> m.group(1))
                    .sorted(Comparator.reverseOrder())
                    .map(date -> new ChristchurchDelivery(date, directory.resolve("christchurch_clients_" + date + ".txt"),
                            directory.resolve("christchurch_involvements_" + date + ".txt")))
                    .filter(d -> Files.isRegularFile(d.involvementsFile()))
                    .findFirst();
        }
    }
}
