package uk.gov.bcpcouncil.clientindex.matching;

import java.io.DataInput;
import java.io.DataOutput;
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

    /** The record, or a marker for none (null, or components this codec does not cover). */
    static void write(MatchRecord r, DataOutput out) throws IOException {
        if (r == null || !SUPPORTED) {
            out.writeByte(NULL);
            return;
        }
        out.writeByte(1);
        for (Method accessor : ACCESSORS) {
            try {
                value(accessor.invoke(r), out);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The record as bytes ({@link #write}); null when this codec does not cover MatchRecord's components. */
    static byte[] encode(MatchRecord r) {
        if (!SUPPORTED) {
            return null;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(256);
        try {
            write(r, new java.io.DataOutputStream(bytes));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
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

    private static void value(Object v, DataOutput out) throws IOException {
        if (v == null) {
            out.writeByte(NULL);
        } else if (v instanceof String s) {
            out.writeByte(STRING);
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.writeInt(b.length);
            out.write(b);
        } else if (v instanceof List<?> list) {
            out.writeByte(LIST);
            out.writeInt(list.size());
            for (Object e : list) {
                value(e, out);
            }
        } else if (v instanceof LocalDate d) {
            out.writeByte(DATE);
            out.writeLong(d.toEpochDay());
        } else if (v instanceof Boolean b) {
            out.writeByte(BOOLEAN);
            out.writeBoolean(b);
        } else if (v instanceof Map<?, ?> map) {
            out.writeByte(MAP);
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
