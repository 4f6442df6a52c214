package dev.loomscope.jfr.read;

import java.util.List;

/** An event of a chunk as loomscope's own reader decodes it, reused for the next event of its type. */
final class ChunkEvent implements JfrEvent {

    private final long[] longs;
    private final Object[] objects;
    // Where each inline string ends: found when skipping it, so that reading it later need not count its bytes again.
    private final int[] stringEnds;
    private Chunk chunk;
    private EventLayout layout;
    // Converted once per event: handlers and the every-event handler ask for both times several times.
    private long startNanos;
    private long endNanos;

    ChunkEvent(int capacity) {
        this.longs = new long[capacity];
        this.objects = new Object[capacity];
        this.stringEnds = new int[capacity];
    }

    void read(Chunk chunk, EventLayout layout, Bytes bytes) {
        this.chunk = chunk;
        this.layout = layout;
        int[] kinds = layout.kinds;
        List<JfrType.Field> fields = layout.type.fields();
        for (int i = 0; i < kinds.length; i++) {
            switch (kinds[i]) {
                case EventLayout.LONG, EventLayout.INT, EventLayout.SHORT, EventLayout.CHAR,
                     EventLayout.STRING_REFERENCE, EventLayout.REFERENCE -> longs[i] = bytes.varlong();
                case EventLayout.BYTE, EventLayout.BOOLEAN -> longs[i] = bytes.next();
                case EventLayout.FLOAT -> longs[i] = bytes.rawInt();
                case EventLayout.DOUBLE -> longs[i] = bytes.rawLong();
                case EventLayout.STRING -> {
                    // Decoded only when asked for: most string fields of most events are never read.
                    longs[i] = bytes.position();
                    Strings.skip(bytes);
                    stringEnds[i] = bytes.position();
                }
                default -> objects[i] = chunk.pools().values().field(bytes, fields.get(i), 0);
            }
        }
        times(chunk, longs[0], layout.hasDuration ? longs[1] : 0);
    }

    void readTimes(Chunk chunk, EventLayout layout, Bytes bytes) {
        this.chunk = chunk;
        this.layout = layout;
        long startTicks = bytes.varlong();
        times(chunk, startTicks, layout.hasDuration ? bytes.varlong() : 0);
    }

    private void times(Chunk chunk, long startTicks, long durationTicks) {
        startNanos = chunk.nanos(startTicks);
        endNanos = durationTicks == 0 ? startNanos : chunk.nanos(startTicks + durationTicks);
    }

    @Override
    public Object layout() {
        return layout;
    }

    @Override
    public String typeName() {
        return layout.type.name();
    }

    @Override
    public long startNanos() {
        return startNanos;
    }

    @Override
    public long endNanos() {
        return endNanos;
    }

    @Override
    public int field(String name) {
        return layout.indexOf(name);
    }

    @Override
    public long getLong(int field) {
        if (field < 0) {
            return 0;
        }
        long value = longs[field];
        // Narrow types are written zero-extended: the cast gives back their sign, as the JDK's parser does.
        return switch (layout.kinds[field]) {
            case EventLayout.LONG -> value;
            case EventLayout.INT -> (int) value;
            case EventLayout.SHORT -> (short) value;
            case EventLayout.CHAR -> (char) value;
            case EventLayout.BYTE -> (byte) value;
            case EventLayout.BOOLEAN -> value != 0 ? 1 : 0;
            default -> 0;
        };
    }

    @Override
    public String getString(int field) {
        if (field < 0) {
            return null;
        }
        return switch (layout.kinds[field]) {
            case EventLayout.STRING -> layout.string(chunk.cursor(longs[field]), stringEnds[field], field, chunk.pools());
            case EventLayout.STRING_REFERENCE -> chunk.pools().string(longs[field]);
            case EventLayout.REFERENCE ->
                    chunk.pools().simpleText(layout.type.fields().get(field).typeId(), longs[field]);
            default -> null;
        };
    }

    @Override
    public JfrThread getThread(int field) {
        if (field < 0 || layout.kinds[field] != EventLayout.REFERENCE) {
            return null;
        }
        return chunk.pools().thread(layout.type.fields().get(field).typeId(), longs[field]);
    }

    @Override
    public long threadKey(int field) {
        // Pool keys of threads are the JVM's ids of them, the same in every chunk of one recording.
        return field >= 0 && layout.kinds[field] == EventLayout.REFERENCE ? longs[field] : -1;
    }

    @Override
    public long stringKey(int field) {
        if (field < 0) {
            return -1;
        }
        return switch (layout.kinds[field]) {
            case EventLayout.STRING_REFERENCE -> longs[field];
            case EventLayout.STRING -> EventLayout.poolKey(chunk.cursor(longs[field]));
            default -> -1;
        };
    }

    @Override
    public boolean threadNameStartsWith(int field, String prefix) {
        return field >= 0 && layout.kinds[field] == EventLayout.REFERENCE
                && chunk.pools().threadNameStartsWith(layout.type.fields().get(field).typeId(), longs[field], prefix);
    }

    @Override
    public List<JfrFrame> getStackTrace(int field) {
        if (field < 0 || layout.kinds[field] != EventLayout.REFERENCE) {
            return null;
        }
        return chunk.pools().stackTrace(layout.type.fields().get(field).typeId(), longs[field]);
    }

    @Override
    public String typeNameOf(long typeId) {
        JfrType type = chunk.metadata().type(typeId);
        return type == null ? null : type.name();
    }
}
