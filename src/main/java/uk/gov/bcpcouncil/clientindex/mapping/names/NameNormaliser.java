package uk.gov.bcpcouncil.clientindex.mapping.names;

import uk.gov.bcpcouncil.clientindex.mapping.ListResource;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.commons.lang3.StringUtils;
import org.apache.commons.text.WordUtils;

/**
 * Cleans personal names from the legacy systems and derives comparison keys from them.
 *
 * <ul>
 *   <li>{@link #clean(String)} gives the display form: NFC, trimmed, single spaces, one apostrophe and one
 *       hyphen character, no spaces around hyphens, each part title-cased; accents are kept.</li>
 *   <li>{@link #matchKey(String)} gives the comparison form: accents removed, upper case, no apostrophes,
 *       hyphens or spaces, so {@code O'Brien} = {@code OBRIEN} and {@code Smith-Jones} = {@code Smith Jones}.</li>
 *   <li>{@link #isPlaceholder(String, String)} recognises names recorded for newborn, unborn or
 *       unidentified children ({@code Baby}, {@code Unborn}, {@code Baby of Smith}, {@code Twin 1}, ...).
 *       Such names are not evidence that two records are the same child. The word list is the classpath
 *       resource {@code /names/placeholders.txt}.</li>
 * </ul>
 * Every method accepts null and never throws for any string input.
 *
 * <p>Thread safety: stateless apart from the placeholder lists, which are loaded once during class
 * initialisation into immutable collections; all methods are safe to call from any number of threads.
 */
public final class NameNormaliser {

    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\p{Z}]+");
    /** Right/left single quotation marks, grave, acute accent, modifier letter apostrophe. */
    private static final Pattern APOSTROPHES = Pattern.compile("[\u2019\u2018`\u00B4\u02BC]");
    /** Hyphen, non-breaking hyphen, figure dash, en dash, em dash, minus sign. */
    private static final Pattern HYPHENS = Pattern.compile("[\u2010\u2011\u2012\u2013\u2014\u2212]");
    private static final Pattern SPACED_HYPHEN = Pattern.compile(" ?- ?");
    private static final Pattern SPACED_SLASH = Pattern.compile(" ?/ ?");
    private static final Pattern KEY_REMOVALS = Pattern.compile("['\\- ]");
    private static final Pattern SURNAME_SEPARATORS = Pattern.compile("[- ]");
    private static final Pattern PLACEHOLDER_TOKEN_SEPARATORS = Pattern.compile("[- ]+");
    private static final char[] WORD_DELIMITERS = {' ', '-', '\''};

    private static final String PLACEHOLDERS_RESOURCE = "/names/placeholders.txt";
    private static final String GIVEN_SECTION = "[given]";
    private static final String FAMILY_SECTION = "[family]";
    /** Token sequences; a given name starting with any of them is a placeholder. */
    private static final List<List<String>> GIVEN_PLACEHOLDERS;
    /** Whole family names that are placeholders. */
    private static final Set<String> FAMILY_PLACEHOLDERS;

    /**
     * The first tokens of {@link #GIVEN_PLACEHOLDERS}: a given name whose first token is none of them is no
     * placeholder (null when a phrase is empty, which every given name starts with).
     */
    private static final Set<String> GIVEN_FIRST_TOKENS;

    static {
        List<List<String>> given = new ArrayList<>();
        List<String> family = new ArrayList<>();
        loadPlaceholders(given, family);
        GIVEN_PLACEHOLDERS = List.copyOf(given);
        FAMILY_PLACEHOLDERS = Set.copyOf(family);
        GIVEN_FIRST_TOKENS = given.stream().anyMatch(List::isEmpty) ? null
                : given.stream().map(phrase -> phrase.get(0)).collect(Collectors.toUnmodifiableSet());
    }

    private NameNormaliser() {
    }

    /**
     * Cleans a name for display and storage.
     *
     * @param raw a given name, family name or full name as recorded; may be null
     * @return the cleaned name, e.g. {@code "o’brien"} gives {@code "O'Brien"}, {@code "SMITH - JONES"}
     *         gives {@code "Smith-Jones"}; null when {@code raw} is null or blank
     */
    public static String clean(String raw) {
        if (raw == null) {
            return null;
        }
        if (plainAscii(raw)) {
            return capitalizeAscii(raw);
        }
        return cleanByRules(raw);
    }

    /**
     * Whether {@link #cleanByRules} would change nothing but the letters' case: non-empty ASCII letters,
     * apostrophes, hyphens and single inner spaces, no space beside a hyphen (most recorded names).
     */
    static boolean plainAscii(String s) {
        int n = s.length();
        if (n == 0 || s.charAt(0) == ' ' || s.charAt(n - 1) == ' ') {
            return false;
        }
        char previous = 'a';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (!letter && c != '\'' && c != '-' && c != ' ') {
                return false;
            }
            if ((c == ' ' && (previous == ' ' || previous == '-')) || (c == '-' && previous == ' ')) {
                return false;
            }
            previous = c;
        }
        return true;
    }

    /** {@code WordUtils.capitalize(s.toLowerCase(Locale.ROOT), ' ', '-', '\'')} for ASCII text. */
    private static String capitalizeAscii(String s) {
        char[] out = new char[s.length()];
        boolean next = true;
        for (int i = 0; i < out.length; i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '-' || c == '\'') {
                next = true;
            } else if (next) {
                c = c >= 'a' && c <= 'z' ? (char) (c - 32) : c;
                next = false;
            } else {
                c = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
            }
            out[i] = c;
        }
        return new String(out);
    }

    /** The general clean-up of {@link #clean}, for any text (the result {@link #clean} gives in every case). */
    static String cleanByRules(String raw) {
        String s = Normalizer.normalize(raw, Normalizer.Form.NFC);
        s = WHITESPACE.matcher(s).replaceAll(" ").strip();
        if (s.isEmpty()) {
            return null;
        }
        s = APOSTROPHES.matcher(s).replaceAll("'");
        s = HYPHENS.matcher(s).replaceAll("-");
        s = SPACED_HYPHEN.matcher(s).replaceAll("-");
        return WordUtils.capitalize(s.toLowerCase(Locale.ROOT), WORD_DELIMITERS);
    }

    /**
     * Derives the comparison key of a name.
     *
     * @param raw a name as recorded; may be null
     * @return the cleaned name without accents, upper case, with apostrophes, hyphens and spaces removed
     *         (e.g. {@code "Zoë O'Brien-Smith"} gives {@code "ZOEOBRIENSMITH"}); null when {@code raw} is
     *         null or blank or nothing is left
     */
    public static String matchKey(String raw) {
        String cleaned = clean(raw);
        if (cleaned == null) {
            return null;
        }
        String key = KEY_REMOVALS.matcher(StringUtils.stripAccents(cleaned).toUpperCase(Locale.ROOT)).replaceAll("");
        return key.isEmpty() ? null : key;
    }

    /**
     * Whether a child's recorded name is a placeholder rather than a real name.
     *
     * @param given  the given name(s) as recorded; may be null
     * @param family the family name as recorded; may be null
     * @return true when the given name starts with a placeholder word or phrase listed in the resource
     *         (e.g. {@code Baby}, {@code Baby of Smith}, {@code Unborn Baby}, {@code Twin 1}, {@code B/O Smith},
     *         {@code Not Known}), or the whole family name is a listed placeholder (e.g. {@code Unknown},
     *         {@code NK}); comparison ignores case, accents and spacing. An absent name is not a placeholder.
     */
    public static boolean isPlaceholder(String given, String family) {
        List<String> givenTokens = placeholderTokens(given);
        if (!givenTokens.isEmpty() && (GIVEN_FIRST_TOKENS == null || GIVEN_FIRST_TOKENS.contains(givenTokens.get(0)))) {
            for (List<String> phrase : GIVEN_PLACEHOLDERS) {
                if (givenTokens.size() >= phrase.size() && givenTokens.subList(0, phrase.size()).equals(phrase)) {
                    return true;
                }
            }
        }
        List<String> familyTokens = placeholderTokens(family);
        return !familyTokens.isEmpty() && FAMILY_PLACEHOLDERS.contains(String.join(" ", familyTokens));
    }

    /**
     * Splits a given-names field into individual given names.
     *
     * @param raw the given names as recorded, e.g. {@code "mary  ellen"}; may be null
     * @return the cleaned names in order ({@code [Mary, Ellen]}); hyphenated names stay whole; an empty
     *         list for null or blank; the list is unmodifiable
     */
    public static List<String> splitGiven(String raw) {
        String cleaned = clean(raw);
        return cleaned == null ? List.of() : List.of(cleaned.split(" "));
    }

    /**
     * Splits a (possibly double-barrelled) family name into its parts, as match keys.
     *
     * @param raw the family name as recorded, e.g. {@code "Smith-Jones"} or {@code "Smith Jones"}; may be null
     * @return the {@link #matchKey(String) match keys} of the parts ({@code [SMITH, JONES]}); an empty list
     *         for null or blank; the list is unmodifiable
     */
    public static List<String> surnameParts(String raw) {
        String cleaned = clean(raw);
        if (cleaned == null) {
            return List.of();
        }
        return Arrays.stream(SURNAME_SEPARATORS.split(cleaned))
                .map(NameNormaliser::matchKey)
                .filter(part -> part != null)
                .toList();
    }

    /** Upper-case, accent-free tokens of a name for placeholder comparison; "B / O" becomes "B/O". */
    private static List<String> placeholderTokens(String raw) {
        String cleaned = clean(raw);
        if (cleaned == null) {
            return List.of();
        }
        if (asciiWithoutSlash(cleaned)) { // most names: no accents to strip, no slash to join
            return asciiTokens(cleaned.toUpperCase(Locale.ROOT));
        }
        String s = StringUtils.stripAccents(cleaned).toUpperCase(Locale.ROOT);
        s = SPACED_SLASH.matcher(s).replaceAll("/");
        return Arrays.stream(PLACEHOLDER_TOKEN_SEPARATORS.split(s)).filter(t -> !t.isEmpty()).toList();
    }

    /** Only ASCII characters (nothing for {@code stripAccents} to change) and no {@code /}. */
    private static boolean asciiWithoutSlash(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || c == '/') {
                return false;
            }
        }
        return true;
    }

    /** {@code PLACEHOLDER_TOKEN_SEPARATORS.split(s)} without the empty tokens, without a matcher. */
    private static List<String> asciiTokens(String s) {
        List<String> tokens = new ArrayList<>(2);
        int start = -1;
        for (int i = 0; i <= s.length(); i++) {
            boolean separator = i == s.length() || s.charAt(i) == ' ' || s.charAt(i) == '-';
            if (separator && start >= 0) {
                tokens.add(s.substring(start, i));
                start = -1;
            } else if (!separator && start < 0) {
                start = i;
            }
        }
        return List.copyOf(tokens);
    }

    private static void loadPlaceholders(List<List<String>> given, List<String> family) {
        String section = null;
        for (ListResource.Entry entry : ListResource.read(NameNormaliser.class, PLACEHOLDERS_RESOURCE)) {
            String content = entry.text();
            if (content.equals(GIVEN_SECTION) || content.equals(FAMILY_SECTION)) {
                section = content;
            } else if (GIVEN_SECTION.equals(section)) {
                given.add(placeholderTokens(content));
            } else if (FAMILY_SECTION.equals(section)) {
                family.add(String.join(" ", placeholderTokens(content)));
            } else {
                throw new IllegalStateException(
                        PLACEHOLDERS_RESOURCE + " line " + entry.line() + ": entry before a section header");
            }
        }
    }
}
