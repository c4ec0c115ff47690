package uk.gov.bcpcouncil.clientindex.generate;

import java.time.LocalDateTime;
import java.util.List;
import uk.gov.bcpcouncil.clientindex.SourceSystem;

/** One person record to be written to one legacy system, before its values are styled. */
final class PlannedRecord {

    /** Why the record exists. */
    enum Role {
        MAIN(null),
        DUPLICATE("DUPLICATE"),
        MERGED("MERGED_IN_SOURCE"),
        DELETED("DELETED"),
        PREBIRTH("UNBORN");

        private final String truthKind;

        Role(String truthKind) {
            this.truthKind = truthKind;
        }
    }

    final TrueChild child;
    final SourceSystem system;
    final Role role;
    final TrueChild.Segment segment;
    LocalDateTime created;
    LocalDateTime updated;
    /** Bournemouth: the record this one was merged into (role MERGED). */
    PlannedRecord mergedInto;
    List<Involvement> involvements = List.of();
    List<TrueChild.Address> addresses = List.of();
    /** Whether the record holds the child's new surname (after a change). */
    boolean newSurname;
    /** Numeric part of the source ID, assigned when the block is written. */
    long number;
    String sourceId;

    PlannedRecord(TrueChild child, SourceSystem system, Role role, TrueChild.Segment segment) {
        this.child = child;
        this.system = system;
        this.role = role;
        this.segment = segment;
    }

    /** Placeholder record of a child not yet born when it was made. */
    boolean isPlaceholder() {
        return role == Role.PREBIRTH || child.isUnborn();
    }

    String truthKind() {
        return role.truthKind != null ? role.truthKind : child.kind.truthKind;
    }
}
