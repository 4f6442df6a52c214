package dev.loomscope.jfr.read;

/**
 * The fields of the event a {@link FieldDecoder} is reading, one after the other in their declared order; reused
 * for every event.
 */
public final class EventFields {

    private Bytes bytes;
    private Chunk chunk;
    private EventLayout layout;

    /** Reads from {@code bytes} of {@code chunk} from here on. */
    void in(Chunk chunk, Bytes bytes) {
        this.chunk = chunk;
        this.bytes = bytes;
    }

    /** The event read next is of {@code layout}. */
    void of(EventLayout layout) {
        this.layout = layout;
    }

    /** The next long field, or the constant-pool key of the next reference field. */
    public long nextLong() {
        return bytes.varlong();
    }

    /** The next int field: written zero-extended, so the cast gives back its sign, as the JDK's parser does. */
    public int nextInt() {
        return (int) bytes.varlong();
    }

    public boolean nextBoolean() {
        return bytes.next() != 0;
    }

    /**
     * The next string field, at position {@code field} of the type's fields (counting startTime and duration); an
     * inline string seen lately in the same field comes back as the same String, a pooled one is looked up once.
     */
    public String nextString(int field) {
        return layout.nextString(bytes, field, chunk.pools());
    }

    /** Moves past the next string field. */
    public void skipString() {
        Strings.skip(bytes);
    }

    /** The thread whose constant-pool key a thread field held; null for key 0 or one the chunk lacks. */
    public JfrThread thread(long key) {
        return chunk.pools().thread(key);
    }
}
