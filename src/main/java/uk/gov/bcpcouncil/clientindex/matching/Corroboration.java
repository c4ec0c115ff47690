package uk.gov.bcpcouncil.clientindex.matching;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Doubts about a pair that scored a match on its names and date of birth alone. Among a million children, exact
 * name and date of birth stop being unique: two children share them by chance, and such a pair scores like two
 * records of one child whose family moved. A match is <em>corroborated</em> when the records also have an identifier,
 * a place or a middle name in common: an NHS number or UPN, a postcode (current, former or one typing error away; not
 * merely a postcode district, which holds thousands of families), an address (exact, near or half its words) or a
 * middle name. An uncorroborated match goes to clerical review instead of being merged when
 * <ul>
 * <li>{@value #ONE_SOURCE}: both records are in one source system. A system that records a child twice
 * nearly always does so at one address, and one system holds one record of most children;</li>
 * <li>{@value #SIDE_BY_SIDE}: the two systems describe the child over periods that overlap by more than
 * {@value #OVERLAP_DAYS} days ({@link MatchRecord#PERIOD}), at different addresses. A child moving between the
 * predecessor councils leaves one system as the other takes it up; two systems following a child at two addresses
 * for years at once are more likely following two children;</li>
 * <li>{@value #ETHNICITY}: both records state an ethnicity ({@link MatchRecord#ETHNICITY}) and they differ. It is the
 * family's own statement; with nothing else in common, a different statement more likely means a different
 * child.</li>
 * </ul>
 * Without a date of birth on both records ({@value #WITHOUT_DATE_OF_BIRTH}), names (and a middle name) cannot carry
 * a match either: it needs an identifier in common, or an address and its postcode (at one address the names could
 * be a sibling's or a twin's). Otherwise a corroborated match is never doubted. Applies to children's records only
 * (the client index's matcher). Immutable; thread-safe.
 */
final class Corroboration {

    static final String ONE_SOURCE = "REVIEW_UNCORROBORATED_ONE_SOURCE";
    static final String SIDE_BY_SIDE = "REVIEW_UNCORROBORATED_SIDE_BY_SIDE";
    static final String ETHNICITY = "REVIEW_UNCORROBORATED_ETHNICITY";
    static final String WITHOUT_DATE_OF_BIRTH = "REVIEW_NAMES_WITHOUT_DATE_OF_BIRTH";
    /** Two years: one child's records in two systems overlap by the handover, a few months, not by years. */
    static final int OVERLAP_DAYS = 730;

    /** The levels of these comparisons that corroborate a match: every one but "no agreement" (and a district). */
    private static final Map<String, Set<String>> CORROBORATING = Map.of(
            "NHS_NUMBER", Set.of("SAME"),
            "UPN", Set.of("SAME"),
            "POSTCODE", Set.of("CURRENT_EQUAL", "HISTORY_EQUAL", "ONE_EDIT"),
            "ADDRESS", Set.of("EXACT", "JW_HIGH", "WORDS_SHARED"),
            "MIDDLE_NAME", Set.of("EXACT", "SIMILAR"));

    /** Per comparison, per level: whether the level corroborates ({@code null} for other comparisons). */
    private final boolean[][] corroborating;
    private final int birthDate;
    private final int nhsNumber;
    private final int upn;
    private final int postcode;
    private final int address;

    Corroboration(List<Comparison> comparisons) {
        List<String> names = comparisons.stream().map(Comparison::name).toList();
        birthDate = names.indexOf("DATE_OF_BIRTH");
        nhsNumber = names.indexOf("NHS_NUMBER");
        upn = names.indexOf("UPN");
        postcode = names.indexOf("POSTCODE");
        address = names.indexOf("ADDRESS");
        corroborating = new boolean[comparisons.size()][];
        for (int i = 0; i < comparisons.size(); i++) {
            Set<String> levels = CORROBORATING.get(comparisons.get(i).name());
            if (levels != null) {
                List<String> levelNames = comparisons.get(i).levels();
                corroborating[i] = new boolean[levelNames.size()];
                for (int l = 0; l < levelNames.size(); l++) {
                    corroborating[i][l] = levels.contains(levelNames.get(l));
                }
            }
        }
    }

    /** Whether an identifier, place or middle-name comparison agrees (levels in the comparisons' order). */
    boolean corroborated(int[] levels) {
        for (int i = 0; i < levels.length; i++) {
            if (agrees(i, levels)) {
                return true;
            }
        }
        return false;
    }

    /** The review rule for a pair that scored a match, or null when the match stands. */
    String doubt(MatchRecord a, MatchRecord b, int[] levels) {
        if (birthDate >= 0 && levels[birthDate] == Comparison.MISSING && !agrees(nhsNumber, levels) && !agrees(upn, levels)
                && !(agrees(postcode, levels) && agrees(address, levels))) {
            return WITHOUT_DATE_OF_BIRTH;
        }
        if (corroborated(levels)) {
            return null;
        }
        if (a.source().equals(b.source())) {
            return ONE_SOURCE;
        }
        if (overlapDays(a.period(), b.period()) > OVERLAP_DAYS) {
            return SIDE_BY_SIDE;
        }
        String x = a.attribute(MatchRecord.ETHNICITY);
        String y = b.attribute(MatchRecord.ETHNICITY);
        return x != null && y != null && !x.equals(y) ? ETHNICITY : null;
    }

    /** Whether the comparison (an index, -1 for none) is one that corroborates and agrees at such a level. */
    private boolean agrees(int comparison, int[] levels) {
        return comparison >= 0 && corroborating[comparison] != null && levels[comparison] >= 0
                && corroborating[comparison][levels[comparison]];
    }

    /** Days two periods have in common (negative for a gap; 0 when either is unknown). */
    static long overlapDays(LocalDate[] x, LocalDate[] y) {
        if (x == null || y == null) {
            return 0;
        }
        LocalDate start = x[0].isAfter(y[0]) ? x[0] : y[0];
        LocalDate end = x[1].isBefore(y[1]) ? x[1] : y[1];
        return ChronoUnit.DAYS.between(start, end);
    }
}
