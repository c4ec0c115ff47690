package uk.gov.bcpcouncil.clientindex.mapping;

import java.util.Map;
import java.util.Set;

/** The canonical slots each mapping section may fill; any other name in a mapping file is an error. */
public final class Slots {

    public static final String GIVEN_NAMES = "given_names";
    public static final String FAMILY_NAME = "family_name";
    public static final String PREFERRED_NAME = "preferred_name";
    public static final String OTHER_NAMES = "other_names";
    public static final String BIRTH_DATE = "birth_date";
    public static final String BIRTH_DATE_KIND = "birth_date_kind";
    public static final String SEX = "sex";
    public static final String NHS_NUMBER = "nhs_number";
    public static final String UPN = "upn";
    public static final String ETHNICITY = "ethnicity";
    public static final String DATE_OF_DEATH = "date_of_death";
    public static final String LAST_UPDATED = "last_updated";
    public static final String ADDRESS_TEXT = "address_text";
    public static final String POSTCODE = "postcode";
    public static final String FROM_DATE = "from_date";
    public static final String TO_DATE = "to_date";
    public static final String INVOLVEMENT_TYPE = "involvement_type";
    public static final String INVOLVEMENT_CODE = "involvement_code";
    public static final String LEGAL_STATUS = "legal_status";
    public static final String ALIAS_KIND = "alias_kind";

    public static final Map<String, Set<String>> BY_SECTION = Map.of(
            "person", Set.of(GIVEN_NAMES, FAMILY_NAME, PREFERRED_NAME, OTHER_NAMES, BIRTH_DATE, BIRTH_DATE_KIND, SEX,
                    NHS_NUMBER, UPN, ETHNICITY, DATE_OF_DEATH, LAST_UPDATED, ADDRESS_TEXT, POSTCODE),
            "address", Set.of(ADDRESS_TEXT, POSTCODE, FROM_DATE, TO_DATE),
            "involvement", Set.of(INVOLVEMENT_TYPE, FROM_DATE, TO_DATE, INVOLVEMENT_CODE, LEGAL_STATUS),
            "alias", Set.of(ALIAS_KIND, GIVEN_NAMES, FAMILY_NAME));

    private Slots() {
    }
}
