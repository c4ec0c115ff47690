package uk.gov.bcpcouncil.clientindex.mapping;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * A fast reader of dates in a fixed-width numeric pattern made of {@code dd}, {@code MM}, {@code uuuu} and
 * literal separators (such as {@code dd/MM/uuuu}, {@code uuuuMMdd}, {@code uuuu-MM-dd}), for the mapping's date
 * transforms: {@code DateTimeFormatter} parsing was about a quarter of {@code mapRecords}' processing time.
 * {@link #parse} answers only for text of exactly the pattern's shape (digits where the pattern has fields,
 * the same separators elsewhere): the date, or {@link #INVALID} for a day or month that does not exist, which
 * is what the strict formatter decides for such text; for any other text it returns {@code null}, and the
 * caller falls back to the formatter. Immutable and thread-safe.
 */
public final class FixedDates {

    /** The answer for text of the pattern's shape naming no real date (31/02/2020, 00/13/2020). */
    public static final LocalDate INVALID = LocalDate.MIN;

    /** The reader of ISO dates ({@code uuuu-MM-dd}). */
    public static final FixedDates ISO = of("iso");

    private final String pattern;
    private final int day;
    private final int month;
    private final int year;

    private FixedDates(String pattern, int day, int month, int year) {
        this.pattern = pattern;
        this.day = day;
        this.month = month;
        this.year = year;
    }

    /** The reader of {@code pattern} ({@code iso}: {@code uuuu-MM-dd}), or null when it is not fixed-width numeric. */
    public static FixedDates of(String pattern) {
        String p = pattern.equals("iso") ? "uuuu-MM-dd" : pattern;
        int day = p.indexOf("dd");
        int month = p.indexOf("MM");
        int year = p.indexOf("uuuu");
        if (day < 0 || month < 0 || year < 0 || p.indexOf("dd", day + 2) >= 0 || p.indexOf("MM", month + 2) >= 0
                || p.indexOf("uuuu", year + 4) >= 0) {
            return null;
        }
        for (int i = 0; i < p.length(); i++) {
            boolean field = (i >= day && i < day + 2) || (i >= month && i < month + 2) || (i >= year && i < year + 4);
            char c = p.charAt(i);
            if (!field && (Character.isLetterOrDigit(c) || c == '\'' || c == '[' || c == ']' || c == '#'
                    || c == '{' || c == '}')) {
                return null; // another field, a quote or an optional section: leave it to the formatter
            }
            if (field && c != 'd' && c != 'M' && c != 'u') {
                return null;
            }
        }
        return new FixedDates(p, day, month, year);
    }

    /** The date of {@code text}, {@link #INVALID}, or null when the text is not of the pattern's shape. */
    public LocalDate parse(String text) {
        return text.length() != pattern.length() ? null : parseFirst(text);
    }

    /**
     * The date the text starts with: {@link #parse} of its first characters, as many as the pattern has (null when
     * the text is shorter), without cutting them out.
     */
    public LocalDate parseStart(String text) {
        return text.length() < pattern.length() ? null : parseFirst(text);
    }

    /** {@link #parse} of the text's first {@code pattern.length()} characters (there are at least that many). */
    private LocalDate parseFirst(String text) {
        for (int i = 0; i < pattern.length(); i++) {
            char p = pattern.charAt(i);
            char c = text.charAt(i);
            boolean field = p == 'd' || p == 'M' || p == 'u';
            if (field ? c < '0' || c > '9' : c != p) {
                return null;
            }
        }
        try {
            return LocalDate.of(number(text, year, 4), number(text, month, 2), number(text, day, 2));
        } catch (DateTimeException e) {
            return INVALID;
        }
    }

    private static int number(String text, int from, int length) {
        int n = 0;
        for (int i = from; i < from + length; i++) {
            n = n * 10 + (text.charAt(i) - '0');
        }
        return n;
    }
}
