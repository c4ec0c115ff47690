package uk.gov.bcpcouncil.clientindex.matching;

import java.util.function.ToIntFunction;

/**
 * The position of each key of an array (the first, for a key given twice), looked up by hash: open addressing with
 * linear probing over a table of at least twice as many slots as keys, holding the keys and their positions side by
 * side (no boxed integers, no entry objects: about 12 bytes a slot). A key not in the set gives -1. Immutable once
 * built; thread-safe.
 */
final class KeyIndex implements ToIntFunction<String> {

    private final String[] slots;
    private final int[] positions;
    private final int mask;

    private KeyIndex(String[] keys) {
        int capacity = Integer.highestOneBit(Math.max(2, keys.length) * 2 - 1) << 1;
        slots = new String[capacity];
        positions = new int[capacity];
        mask = capacity - 1;
        for (int i = 0; i < keys.length; i++) {
            int s = slot(keys[i]);
            if (slots[s] == null) { // a key given twice keeps its first position
                slots[s] = keys[i];
                positions[s] = i;
            }
        }
    }

    /** The index of {@code keys} (none null). */
    static KeyIndex of(String[] keys) {
        return new KeyIndex(keys);
    }

    /** The slot holding the key, or the empty slot where it would go. */
    private int slot(String key) {
        int h = key.hashCode();
        int s = (h ^ (h >>> 16)) & mask;
        while (slots[s] != null && !slots[s].equals(key)) {
            s = (s + 1) & mask;
        }
        return s;
    }

    @Override
    public int applyAsInt(String key) {
        int s = slot(key);
        return slots[s] == null ? -1 : positions[s];
    }
}
