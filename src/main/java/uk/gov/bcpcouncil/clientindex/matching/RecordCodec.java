package uk.gov.bcpcouncil.clientindex.matching;

import java.io.DataInput;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes and reads a {@link MatchRecord} as compact bytes (the {@code match_view} mapRecords stores with each
 * candidate, {@link MatchRecords#matchView}), component by component through the record's canonical constructor,
 * so that a record read back equals the one written. Covers every component whatever it is named, as long as its
 * type is one of String, boolean, LocalDate, List and Map (of those); when MatchRecord gains a component of another
 * type, no view is stored ({@link #SUPPORTED} false) and the match step parses each record's JSON instead.
 * Stateless, thread-safe.
 */
final class RecordCodec {

    private static final RecordComponent[] COMPONENTS = MatchRecord.class.getRecordComponents();
    private static final Method[] ACCESSORS = Arrays.stream(COMPONENTS).map(RecordComponent::getAccessor)
            .toArray(Method[]::new);
    private static final Set<Class<?>> TYPES = Set.of(String.class, boolean.class, LocalDate.class, List.class, Map.class);
    static final boolean SUPPORTED = Arrays.stream(COMPONENTS).allMatch(c -> TYPES.contains(c.getType()));
    private static final Constructor<MatchRecord> CONSTRUCTOR = constructor();

    private static final int NULL = 0;
    private static final int STRING = 1;
    private static final int LIST = 2;
    private static final int DATE = 3;
    private static final int BOOLEAN = 4;
    private static final int MAP = 5;

    private RecordCodec() {
    }

    private static Constructor<MatchRecord> constructor() {
        try {
            return MatchRecord.class.getDeclaredConstructor(Arrays.stream(COMPONENTS).map(RecordComponent::getType)
                    .toArray(Class<?>[]::new));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The record as bytes; null when this codec does not cover MatchRecord's components. */
    static byte[] encode(MatchRecord r) {
        if (!SUPPORTED) {
            return null;
        }
        Out out = new Out();
        if (r == null) {
            out.write(NULL);
            return out.bytes();
        }
        out.write(1);
        for (Method accessor : ACCESSORS) {
            try {
                value(accessor.invoke(r), out);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return out.bytes();
    }

    /**
     * The bytes {@link java.io.DataOutputStream} would write for the same calls (big-endian, one byte for a boolean),
     * into one unsynchronised array: the stream over a {@code ByteArrayOutputStream} locked and bounds-checked each
     * byte, and was most of this codec's time in mapRecords.
     */
    private static final class Out {
        private byte[] buffer = new byte[256];
        private int size;

        private void room(int n) {
            if (size + n > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + n));
            }
        }

        void write(int b) {
            room(1);
            buffer[size++] = (byte) b;
        }

        void writeInt(int v) {
            room(4);
            buffer[size++] = (byte) (v >>> 24);
            buffer[size++] = (byte) (v >>> 16);
            buffer[size++] = (byte) (v >>> 8);
            buffer[size++] = (byte) v;
        }

        void writeLong(long v) {
            writeInt((int) (v >>> 32));
            writeInt((int) v);
        }

        void write(byte[] b) {
            room(b.length);
            System.arraycopy(b, 0, buffer, size, b.length);
            size += b.length;
        }

        byte[] bytes() {
            return Arrays.copyOf(buffer, size);
        }
    }

    /** A record {@link #encode} made. */
    static MatchRecord decode(byte[] bytes) {
        try {
            return read(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read a stored match view", e);
        }
    }

    /** A record {@link #write} wrote, or null for its marker. */
    static MatchRecord read(DataInput in) throws IOException {
        if (in.readByte() == NULL) {
            return null;
        }
        Object[] args = new Object[COMPONENTS.length];
        for (int i = 0; i < args.length; i++) {
            args[i] = value(in);
        }
        try {
            return CONSTRUCTOR.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot rebuild a cached match record", e);
        }
    }

    private static void value(Object v, Out out) {
        if (v == null) {
            out.write(NULL);
        } else if (v instanceof String s) {
            out.write(STRING);
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.writeInt(b.length);
            out.write(b);
        } else if (v instanceof List<?> list) {
            out.write(LIST);
            int n = list.size();
            out.writeInt(n);
            for (int i = 0; i < n; i++) { // MatchRecord's lists are immutable and random-access: no iterator
                value(list.get(i), out);
            }
        } else if (v instanceof LocalDate d) {
            out.write(DATE);
            out.writeLong(d.toEpochDay());
        } else if (v instanceof Boolean b) {
            out.write(BOOLEAN);
            out.write(b ? 1 : 0);
        } else if (v instanceof Map<?, ?> map) {
            out.write(MAP);
            out.writeInt(map.size());
            List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
            entries.sort((x, y) -> String.valueOf(x.getKey()).compareTo(String.valueOf(y.getKey())));
            for (Map.Entry<?, ?> e : entries) {
                value(e.getKey(), out);
                value(e.getValue(), out);
            }
        } else {
            throw new IllegalStateException("a match record value of type " + v.getClass().getName() + " cannot be cached");
        }
    }

    private static Object value(DataInput in) throws IOException {
        int tag = in.readByte();
        switch (tag) {
            case NULL:
                return null;
            case STRING: {
                byte[] b = new byte[in.readInt()];
                in.readFully(b);
                return new String(b, StandardCharsets.UTF_8);
            }
            case LIST: {
                int n = in.readInt();
                List<Object> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(value(in));
                }
                return list;
            }
            case DATE:
                return LocalDate.ofEpochDay(in.readLong());
            case BOOLEAN:
                return in.readBoolean();
            case MAP: {
                int n = in.readInt();
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    map.put(value(in), value(in));
                }
                return map;
            }
            default:
                throw new IOException("unknown value tag " + tag + " in cached match records");
        }
    }
}
