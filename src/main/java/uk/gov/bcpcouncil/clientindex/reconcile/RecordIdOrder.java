package uk.gov.bcpcouncil.clientindex.reconcile;

/**
 * The order of the report's record lists ({@code lineage.csv}, {@code exceptions.csv}): by source system, then by
 * record ID with numeric IDs in numeric order. A record ID of 1 to 20 digits sorts by its value padded with leading
 * zeros to 20 digits, any other ID by itself; ties (such as {@code 007} and {@code 7}) by the ID itself. Every
 * comparison is of Unicode code points, which is the byte order of UTF-8 ({@code COLLATE "C"}), the same on every
 * server and machine whatever its locale. Pure; thread-safe.
 */
final class RecordIdOrder {

    private static final int PAD = 20;

    private RecordIdOrder() {
    }

    /** The sort key of a record ID: a numeric ID padded to 20 digits, any other ID as it is. */
    static String key(String id) {
        int n = id.length();
        if (n == 0 || n > PAD) {
            return id;
        }
        for (int i = 0; i < n; i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                return id;
            }
        }
        return n == PAD ? id : "0".repeat(PAD - n) + id;
    }

    /** Compares (source, key, id) triples, each in code point order. */
    static int compare(String sourceA, String keyA, String idA, String sourceB, String keyB, String idB) {
        int c = codePoints(sourceA, sourceB);
        if (c == 0) {
            c = codePoints(keyA, keyB);
        }
        return c != 0 ? c : codePoints(idA, idB);
    }

    /** Code point order (String.compareTo compares UTF-16 units, which differs above U+FFFF); null first. */
    static int codePoints(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                if (Character.isSurrogate(x) || Character.isSurrogate(y)) {
                    return Integer.compare(a.codePointAt(i), b.codePointAt(i));
                }
                return Character.compare(x, y);
            }
        }
        return Integer.compare(a.length(), b.length());
    }
}
