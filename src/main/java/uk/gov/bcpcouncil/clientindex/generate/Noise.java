package uk.gov.bcpcouncil.clientindex.generate;

import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.commons.lang3.StringUtils;

/** The ways people mistype and restyle names. Pure functions of the text and the random source. */
final class Noise {

    private static final String[] QWERTY_NEIGHBOURS = new String[26];

    static {
        String[] rows = {"qwertyuiop", "asdfghjkl", "zxcvbnm"};
        for (int r = 0; r < rows.length; r++) {
            for (int i = 0; i < rows[r].length(); i++) {
                StringBuilder near = new StringBuilder();
                if (i > 0) {
                    near.append(rows[r].charAt(i - 1));
                }
                if (i < rows[r].length() - 1) {
                    near.append(rows[r].charAt(i + 1));
                }
                if (r > 0 && i < rows[r - 1].length()) {
                    near.append(rows[r - 1].charAt(i));
                }
                if (r < 2 && i < rows[r + 1].length()) {
                    near.append(rows[r + 1].charAt(i));
                }
                QWERTY_NEIGHBOURS[rows[r].charAt(i) - 'a'] = near.toString();
            }
        }
    }

    private Noise() {
    }

    /**
     * One typing error: two adjacent letters swapped, a letter dropped, a letter doubled, or a
     * neighbouring key hit. The result always differs from the input when the input has at least
     * two letters.
     */
    static String typo(String text, SplittableRandom random) {
        if (text == null) {
            return null;
        }
        int letters = 0;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isLetter(text.charAt(i))) {
                letters++;
            }
        }
        if (letters < 2) {
            return text;
        }
        for (int attempt = 0; attempt < 10; attempt++) {
            int i = letterPosition(text, random.nextInt(letters));
            char c = text.charAt(i);
            String typed;
            switch (random.nextInt(4)) {
                case 0 -> {
                    if (i + 1 >= text.length() || !Character.isLetter(text.charAt(i + 1))
                            || Character.toLowerCase(text.charAt(i + 1)) == Character.toLowerCase(c)) {
                        continue;
                    }
                    char next = text.charAt(i + 1);
                    char a = next;
                    char b = c;
                    if (Character.isUpperCase(c) && Character.isLowerCase(next)) { // keep the capital first
                        a = Character.toUpperCase(next);
                        b = Character.toLowerCase(c);
                    }
                    typed = text.substring(0, i) + a + b + text.substring(i + 2);
                }
                case 1 -> {
                    if (letters < 4 || i == 0) {
                        continue;
                    }
                    typed = text.substring(0, i) + text.substring(i + 1);
                }
                case 2 -> typed = text.substring(0, i + 1) + Character.toLowerCase(c) + text.substring(i + 1);
                default -> {
                    char lower = Character.toLowerCase(c);
                    if (lower < 'a' || lower > 'z') {
                        continue;
                    }
                    String near = QWERTY_NEIGHBOURS[lower - 'a'];
                    char hit = near.charAt(random.nextInt(near.length()));
                    typed = text.substring(0, i) + (Character.isUpperCase(c) ? Character.toUpperCase(hit) : hit)
                            + text.substring(i + 1);
                }
            }
            if (!typed.equals(text)) {
                return typed;
            }
        }
        return text;
    }

    private static int letterPosition(String text, int nthLetter) {
        int seen = 0;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isLetter(text.charAt(i))) {
                if (seen == nthLetter) {
                    return i;
                }
                seen++;
            }
        }
        return 0;
    }

    /** All upper case (usually) or all lower case. */
    static String caseVariant(String text, SplittableRandom random) {
        if (text == null) {
            return null;
        }
        return random.nextInt(10) < 7 ? text.toUpperCase(Locale.ROOT) : text.toLowerCase(Locale.ROOT);
    }

    /** Smith-Jones as 'Smith Jones', 'SmithJones', 'Smith' or 'Jones'. */
    static String doubleBarrelVariant(String surname, SplittableRandom random) {
        int hyphen = surname.indexOf('-');
        if (hyphen <= 0 || hyphen == surname.length() - 1) {
            return surname;
        }
        return switch (random.nextInt(10)) {
            case 0, 1, 2, 3 -> surname.replace('-', ' ');
            case 4 -> surname.replace("-", "");
            case 5, 6 -> surname.substring(0, hyphen);
            default -> surname.substring(hyphen + 1);
        };
    }

    /** O'Brien as 'OBrien', 'O Brien', 'O'brien' or with a typographic apostrophe. */
    static String apostropheVariant(String surname, SplittableRandom random) {
        int apostrophe = surname.indexOf('\'');
        if (apostrophe < 0) {
            return surname;
        }
        return switch (random.nextInt(10)) {
            case 0, 1, 2, 3 -> surname.replace("'", "");
            case 4, 5 -> surname.replace("'", " ");
            case 6, 7 -> surname.substring(0, apostrophe + 1) + surname.substring(apostrophe + 1).toLowerCase(Locale.ROOT);
            default -> surname.replace('\'', '\u2019');
        };
    }

    /** The name without accents (Zoë as Zoe, Łukasz as Lukasz). */
    static String dropAccents(String text) {
        return text == null ? null : StringUtils.stripAccents(text);
    }

    /** Whether a name has accents or other letters outside ASCII. */
    static boolean hasAccents(String text) {
        return text != null && !NameCatalogue.isAscii(text);
    }
}
