package uk.gov.bcpcouncil.clientindex.extract;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Checks a Dorset extract file against its own control totals before any row of it is used: the header
 * names the expected columns, the last line is {@code TRL|<data lines>|<sum of DCC_ID>}, nothing follows
 * it, and the counted lines and DCC_ID sum agree with it; in the clients file, no DCC_ID is on two lines. Streams
 * the file once (also computing its SHA-256 for the report). Stateless and thread-safe.
 */
public final class TrailerVerifier {

    /** What a verified file holds. */
    public record Verified(Path file, long dataLines, BigInteger idSum, String sha256) {
    }

    public Verified verify(Path file, List<String> expectedColumns) {
        return verify(file, expectedColumns, false);
    }

    /**
     * @param uniqueIds true for a file that holds each DCC_ID on one line only (the clients file): a DCC_ID on more
     *                  than one line refuses the file, with the count and no id (staged twice, one line's record would
     *                  replace the other's)
     */
    public Verified verify(Path file, List<String> expectedColumns, boolean uniqueIds) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        String name = file.getFileName().toString();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, ChristchurchFormat.CHARSET))) {
            String header = reader.readLine();
            if (header == null) {
                throw refused(name, "the file is empty");
            }
            if (!List.of(ChristchurchFormat.split(header)).equals(expectedColumns)) {
                throw refused(name, "its header is not " + String.join("|", expectedColumns));
            }
            long lines = 0;
            long repeated = 0;
            Set<String> ids = uniqueIds ? new HashSet<>() : null;
            BigInteger sum = BigInteger.ZERO;
            String trailer = null;
            String line;
            while ((line = reader.readLine()) != null) {
                if (trailer != null) {
                    throw refused(name, "there are lines after the trailer");
                }
                if (ChristchurchFormat.isTrailer(line)) {
                    trailer = line;
                    continue;
                }
                lines++;
                String id = ChristchurchFormat.split(line)[0].trim();
                if (id.matches("\\d{1,18}")) {
                    sum = sum.add(new BigInteger(id));
                }
                if (ids != null && !ids.add(id)) {
                    repeated++;
                }
            }
            while (in.read() >= 0) {
                // drain so the checksum covers the whole file
            }
            if (trailer == null) {
                throw refused(name, "it has no trailer line (the file was cut short)");
            }
            String[] t = ChristchurchFormat.split(trailer);
            if (t.length != 3 || !t[1].matches("\\d+") || !t[2].matches("\\d+")) {
                throw refused(name, "its trailer is malformed");
            }
            long expectedLines = Long.parseLong(t[1]);
            BigInteger expectedSum = new BigInteger(t[2]);
            if (expectedLines != lines || !expectedSum.equals(sum)) {
                throw refused(name, "its trailer says " + expectedLines + " data lines with DCC_ID sum " + expectedSum
                        + " but the file holds " + lines + " data lines with DCC_ID sum " + sum);
            }
            if (repeated > 0) {
                throw refused(name, "it holds " + repeated + " line(s) whose DCC_ID an earlier line holds (each client"
                        + " must appear once)");
            }
            return new Verified(file, lines, sum, HexFormat.of().formatHex(sha.digest()));
        } catch (IOException e) {
            throw refused(name, "it cannot be read: " + e.getMessage());
        }
    }

    private static ExtractRefusedException refused(String file, String why) {
        return new ExtractRefusedException("Christchurch delivery refused: " + file + " failed its control totals because "
                + why + ". Nothing from this delivery was loaded; ask Dorset to resend it.");
    }
}
