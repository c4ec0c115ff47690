package uk.gov.bcpcouncil.clientindex.generate;

import java.util.List;
import java.util.SplittableRandom;
import uk.gov.bcpcouncil.clientindex.generate.NameCatalogue.Group;

/**
 * The DfE ethnicity code set with how each legacy system writes it: Bournemouth local codes (see
 * {@code legacy/bournemouth-ethnicity-codes.csv}, including the codes retired in 2011), Poole DfE
 * codes or old free text, and Dorset's descriptions for Christchurch. Also which naming traditions
 * go with each code, so that names and ethnicity agree.
 */
final class Ethnicities {

    /**
     * @param dfe             DfE main code
     * @param weight          relative frequency among generated children
     * @param bournemouth     Bournemouth local code in use
     * @param retired         Bournemouth code retired in 2011 that covered this one, or null
     * @param christchurch    Dorset description(s); the first is the usual one
     * @param pooleFreeText   free text found in old Poole rows
     * @param firstNameGroups naming traditions for first names (repeats weight them)
     * @param surnameGroups   naming traditions for surnames
     */
    record Ethnicity(String dfe, double weight, String bournemouth, String retired, List<String> christchurch,
            List<String> pooleFreeText, List<Group> firstNameGroups, List<Group> surnameGroups) {
    }

    private static final Group BR = Group.BRITISH;

    static final List<Ethnicity> ALL = List.of(
            e("WBRI", 760, "WBR", "W", List.of("White - British"), List.of("White British", "White - British", "British", "white british"),
                    List.of(BR, BR, BR, BR, BR, BR, BR, BR, Group.WELSH, Group.IRISH), List.of(BR, BR, BR, BR, BR, BR, BR, BR, Group.WELSH, Group.IRISH)),
            e("WIRI", 6, "WIR", "W", List.of("White - Irish"), List.of("Irish", "White Irish"), List.of(Group.IRISH, BR), List.of(Group.IRISH)),
            e("WIRT", 3, "WTR", "W", List.of("White - Traveller of Irish heritage"), List.of("Irish Traveller", "Traveller"), List.of(Group.IRISH, BR), List.of(Group.IRISH, BR)),
            e("WROM", 4, "WRO", "W", List.of("White - Gypsy/Roma"), List.of("Gypsy/Roma", "Roma"), List.of(Group.ROMANIAN, BR), List.of(Group.ROMANIAN, BR)),
            e("WOTH", 60, "WOT", "W", List.of("White - Any other White background"), List.of("White Other", "Polish", "White - Other", "Romanian"),
                    List.of(Group.POLISH, Group.POLISH, Group.ROMANIAN, BR), List.of(Group.POLISH, Group.POLISH, Group.ROMANIAN, BR)),
            e("MWBC", 12, "MWC", null, List.of("Mixed - White and Black Caribbean"), List.of("Mixed White/Black Caribbean", "White & Black Caribbean"),
                    List.of(BR, BR, Group.CARIBBEAN), List.of(BR, Group.CARIBBEAN)),
            e("MWBA", 6, "MWA", null, List.of("Mixed - White and Black African"), List.of("Mixed White/Black African", "White & Black African"),
                    List.of(BR, Group.AFRICAN), List.of(BR, Group.AFRICAN)),
            e("MWAS", 12, "MWS", null, List.of("Mixed - White and Asian"), List.of("Mixed White/Asian", "White & Asian"),
                    List.of(BR, Group.SOUTH_ASIAN, Group.MUSLIM), List.of(BR, Group.SOUTH_ASIAN, Group.MUSLIM)),
            e("MOTH", 12, "MOT", null, List.of("Mixed - Any other Mixed background"), List.of("Mixed Other", "Mixed"), List.of(BR), List.of(BR, Group.CHINESE, Group.AFRICAN)),
            e("AIND", 8, "AIN", "A", List.of("Asian or Asian British - Indian"), List.of("Indian", "Asian Indian"), List.of(Group.SOUTH_ASIAN), List.of(Group.SOUTH_ASIAN)),
            e("APKN", 5, "APK", "A", List.of("Asian or Asian British - Pakistani"), List.of("Pakistani"), List.of(Group.MUSLIM), List.of(Group.MUSLIM)),
            e("ABAN", 5, "ABA", "A", List.of("Asian or Asian British - Bangladeshi"), List.of("Bangladeshi"), List.of(Group.MUSLIM), List.of(Group.MUSLIM)),
            e("AOTH", 8, "AOT", "A", List.of("Asian or Asian British - Any other Asian background"), List.of("Asian Other", "Other Asian"),
                    List.of(Group.SOUTH_ASIAN, Group.MUSLIM), List.of(Group.SOUTH_ASIAN, Group.MUSLIM)),
            e("BCRB", 3, "BCA", "B", List.of("Black or Black British - Caribbean"), List.of("Black Caribbean", "Caribbean"), List.of(Group.CARIBBEAN, BR), List.of(Group.CARIBBEAN)),
            e("BAFR", 12, "BAF", "B", List.of("Black or Black British - African"), List.of("Black African", "African", "Somali"),
                    List.of(Group.AFRICAN, Group.AFRICAN, Group.MUSLIM), List.of(Group.AFRICAN, Group.AFRICAN, Group.MUSLIM)),
            e("BOTH", 3, "BOT", "B", List.of("Black or Black British - Any other Black background"), List.of("Black Other", "Black British"),
                    List.of(Group.AFRICAN, Group.CARIBBEAN, BR), List.of(Group.AFRICAN, Group.CARIBBEAN)),
            e("CHNE", 5, "CHI", null, List.of("Chinese"), List.of("Chinese"), List.of(Group.CHINESE, Group.CHINESE, BR), List.of(Group.CHINESE)),
            e("OOTH", 12, "OTH", null, List.of("Any other ethnic group"), List.of("Other", "Arab", "Kurdish"), List.of(Group.MUSLIM), List.of(Group.MUSLIM)),
            e("REFU", 10, "REF", null, List.of("Refused"), List.of("Refused", "Declined"), List.of(BR), List.of(BR)),
            e("NOBT", 37, "NK", null, List.of("Not stated", "Information not yet obtained"), List.of("Not known", "Unknown", "TBC"), List.of(BR), List.of(BR)));

    private static final double TOTAL = ALL.stream().mapToDouble(Ethnicity::weight).sum();

    private Ethnicities() {
    }

    static Ethnicity draw(SplittableRandom random) {
        double x = random.nextDouble() * TOTAL;
        for (Ethnicity e : ALL) {
            x -= e.weight();
            if (x < 0) {
                return e;
            }
        }
        return ALL.get(0);
    }

    private static Ethnicity e(String dfe, double weight, String local, String retired, List<String> dorset,
            List<String> freeText, List<Group> first, List<Group> surname) {
        return new Ethnicity(dfe, weight, local, retired, dorset, freeText, first, surname);
    }
}
