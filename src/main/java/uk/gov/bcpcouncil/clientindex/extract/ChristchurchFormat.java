package uk.gov.bcpcouncil.clientindex.extract;

import java.nio.charset.Charset;
import java.util.List;

/** The Dorset extract format of the Christchurch deliveries (see legacy/christchurch-extract.md). */
public final class ChristchurchFormat {

    public static final Charset CHARSET = Charset.forName("windows-1252");
    public static final String SEPARATOR_REGEX = "\\|";
    public static final String TRAILER_TAG = "TRL";

    public static final List<String> CLIENT_COLUMNS = List.of("DCC_ID", "SURNAME", "FORENAMES", "ALIAS_NAMES", "DOB",
            "DOB_FLAG", "SEX", "NHS", "UPN", "ETHNICITY", "ADDRESS", "POSTCODE", "DATE_OF_DEATH", "LAST_UPDATED");
    public static final List<String> INVOLVEMENT_COLUMNS = List.of("DCC_ID", "TYPE", "START", "END", "CODE");

    private ChristchurchFormat() {
    }

    /** Splits a line into its values, keeping empty trailing values. */
    public static String[] split(String line) {
        return line.split(SEPARATOR_REGEX, -1);
    }

    public static boolean isTrailer(String line) {
        return line.startsWith(TRAILER_TAG + "|");
    }
}
