package uk.gov.bcpcouncil.clientindex.generate;

import java.time.LocalDate;
import java.util.List;
import uk.gov.bcpcouncil.clientindex.SourceSystem;

/**
 * One real child as the generator imagines them: the truth behind the legacy records. Mutable
 * only while {@link ChildFactory} builds it.
 */
final class TrueChild {

    /** What is special about the child; the truth kind of the child's main records. */
    enum Kind {
        ORDINARY("PRIMARY"),
        TWIN("TWIN"),
        UNBORN("UNBORN"),
        ADOPTED_PREVIOUS("ADOPTED_PREVIOUS_IDENTITY"),
        ADOPTED_NEW("ADOPTED_NEW_IDENTITY");

        final String truthKind;

        Kind(String truthKind) {
            this.truthKind = truthKind;
        }
    }

    enum Sex { MALE, FEMALE, INDETERMINATE }

    /** An address the child lived at, from a date and (unless current) to a date. */
    record Address(Addresses.Place place, LocalDate from, LocalDate to) {
    }

    /**
     * The time one legacy system worked with the child, and the addresses it knew.
     *
     * @param latest whether this is the child's most recent system (records there may be open)
     */
    record Segment(SourceSystem system, LocalDate start, LocalDate end, boolean latest, List<Address> addresses) {
    }

    String id;
    Kind kind;
    Sex sex;
    Ethnicities.Ethnicity ethnicity;
    String firstName;
    String middleName;
    /** Surname at birth; equals {@link #currentSurname} unless the surname changed. */
    String birthSurname;
    String currentSurname;
    LocalDate surnameChangedOn;
    /** Date of birth, or the expected date of an unborn child. */
    LocalDate dob;
    boolean dobEstimated;
    /** Whether the child has an NHS number (every born child); it is issued when first recorded. */
    boolean hasNhsNumber;
    /** The NHS number, issued by {@link RecordStyler} the first time a record shows it. */
    String nhs;
    String upn;
    LocalDate upnFrom;
    LocalDate deathDate;
    LocalDate adoptionDate;
    LocalDate windowStart;
    LocalDate windowEnd;
    List<Segment> segments;
    SourceSystem prebirthSystem;
    LocalDate prebirthExpected;
    TrueChild twinOf;
    /** The other twin, on both twins (the records of one twin never show the other twin's first name). */
    TrueChild coTwin;

    boolean isUnborn() {
        return kind == Kind.UNBORN;
    }
}
