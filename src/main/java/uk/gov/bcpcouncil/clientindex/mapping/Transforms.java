package uk.gov.bcpcouncil.clientindex.mapping;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import uk.gov.bcpcouncil.clientindex.mapping.names.NameNormaliser;

/**
 * The named transforms a mapping file may use. A transform takes text and returns text, or null when
 * nothing usable is left; a date transform that cannot parse its input throws {@link InvalidValue}, which
 * the mapper records as a data-quality issue on the record (the value is not guessed).
 * <ul>
 * <li>{@code trim}: strip surrounding white space, empty to null</li>
 * <li>{@code upper}: upper case</li>
 * <li>{@code name}: name clean-up (case, hyphens, apostrophes, spaces)</li>
 * <li>{@code alias_list}: a {@code ;}-separated list of names, each cleaned, re-joined with {@code ;}</li>
 * <li>{@code address}: address text: parts split on commas, each trimmed with inner spaces collapsed, empty
 * parts dropped, re-joined with {@code ", "}; the letters are kept as recorded</li>
 * <li>{@code date:<pattern>}: a strict date in that java.time pattern, which must name a year ({@code uuuu}),
 * month ({@code MM}) and day ({@code dd}), to ISO;
 * {@code date:iso} for ISO dates and timestamps (date part kept)</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class Transforms {

    private static final Set<String> SIMPLE = Set.of("trim", "upper", "name", "alias_list", "address");
    /** Runs of white space inside an address part (compiled once: {@code String.replaceAll} compiles per call). */
    private static final Pattern SPACES = Pattern.compile("\\s+");

    /** The transforms a mapping file may name, for error messages. */
    public static final String NAMES = "trim, upper, name, alias_list, address, date:<pattern>, date:iso";

    /** A value the transform cannot read; the record keeps the slot empty and notes why. */
    public static final class InvalidValue extends RuntimeException {
        public InvalidValue(String message) {
            super(message, null, false, false);
        }
    }

    private Transforms() {
    }

    /** Whether {@code name} is a transform this version knows (with a valid argument). */
    public static boolean isKnown(String name) {
        if (SIMPLE.contains(name)) {
            return true;
        }
        if (name.startsWith("date:")) {
            String pattern = name.substring(5);
            boolean fullDate = pattern.equals("iso") || ((pattern.contains("uuuu") || pattern.contains("yyyy"))
                    && pattern.contains("MM") && pattern.contains("dd"));
            try {
                formatter(pattern);
                return fullDate;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return false;
    }

    public static UnaryOperator<String> of(String name) {
        switch (name) {
            case "trim":
                return Transforms::trim;
            case "upper":
                return s -> s == null ? null : s.toUpperCase(Locale.ROOT);
            case "name":
                return NameNormaliser::clean;
            case "alias_list":
                return Transforms::aliasList;
            case "address":
                return Transforms::address;
            default:
                if (name.startsWith("date:")) {
                    DateTimeFormatter f = formatter(name.substring(5));
                    boolean iso = name.equals("date:iso");
                    FixedDates fast = FixedDates.of(name.substring(5));
                    return s -> date(s, f, fast, iso);
                }
                throw new IllegalArgumentException("unknown transform " + name);
        }
    }

    static String trim(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }

    static String aliasList(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (String part : s.split(";")) {
            String clean = NameNormaliser.clean(part);
            if (clean != null) {
                out.append(out.length() == 0 ? "" : ";").append(clean);
            }
        }
        return out.length() == 0 ? null : out.toString();
    }

    static String address(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (String part : s.split(",")) {
            String stripped = part.strip();
            String clean = singleSpaced(stripped) ? stripped : SPACES.matcher(stripped).replaceAll(" ");
            if (!clean.isEmpty()) {
                out.append(out.length() == 0 ? "" : ", ").append(clean);
            }
        }
        return out.length() == 0 ? null : out.toString();
    }

    /**
     * Whether {@link #SPACES} would leave {@code s} as it is: no white space but single plain spaces (most address
     * parts; the matcher cost more than the rest of the transform).
     */
    private static boolean singleSpaced(String s) {
        char previous = 'x';
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c == ' ' && previous == ' ') || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r') {
                return false;
            }
            previous = c;
        }
        return true;
    }

    private static DateTimeFormatter formatter(String pattern) {
        if (pattern.equals("iso")) {
            return DateTimeFormatter.ISO_LOCAL_DATE;
        }
        return DateTimeFormatter.ofPattern(pattern, Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    }

    /** Only zeros, slashes and hyphens (00/00/0000). */
    private static boolean unknownDate(String t) {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c != '0' && c != '/' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static String date(String s, DateTimeFormatter f, FixedDates fast, boolean iso) {
        String t = trim(s);
        if (t == null || unknownDate(t)) {
            return null; // blank or 00/00/0000: unknown, not invalid
        }
        if (iso && t.length() > 10 && t.charAt(10) == 'T') {
            t = t.substring(0, 10);
        }
        LocalDate quick = fast == null ? null : fast.parse(t);
        if (quick == FixedDates.INVALID) {
            throw new InvalidValue("not a valid date");
        }
        if (quick != null) {
            return quick.toString();
        }
        try {
            return LocalDate.parse(t, f).toString();
        } catch (DateTimeParseException e) {
            throw new InvalidValue("not a valid date");
        }
    }
}
