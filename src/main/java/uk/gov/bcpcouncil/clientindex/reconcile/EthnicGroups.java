package uk.gov.bcpcouncil.clientindex.reconcile;

/** The DfE main ethnicity group of a DfE ethnicity code (its first letter), for match rates. Pure. */
final class EthnicGroups {

    private EthnicGroups() {
    }

    static String of(String code) {
        if (code == null || code.isBlank()) {
            return "Not recorded";
        }
        if (code.equals("UNMAPPED")) {
            return "Unmapped legacy code";
        }
        if (code.equals("REFU") || code.equals("NOBT")) {
            return "Refused or not obtained";
        }
        return switch (code.charAt(0)) {
            case 'W' -> "White";
            case 'M' -> "Mixed";
            case 'A' -> "Asian or Asian British";
            case 'B' -> "Black or Black British";
            case 'C' -> "Chinese";
            default -> "Any other ethnic group";
        };
    }
}
