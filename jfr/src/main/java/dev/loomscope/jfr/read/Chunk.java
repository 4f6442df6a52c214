package dev.loomscope.jfr.read;

/** One chunk's header facts, types and constant pools; converts its ticks to epoch nanoseconds. */
final class Chunk {

    static final int HEADER_SIZE = 68;

    private final Metadata metadata;
    private final ConstantPools pools;
    private final long startNanos;
    private final long startTicks;
    private final double divisor;
    private final long size;
    private final Bytes cursor;

    /**
     * Reads the chunk's header, metadata and pools. Times are converted with the first chunk's clock base, as the
     * JDK's parser does for every chunk of a file, so that both give the same instants.
     */
    Chunk(Bytes bytes, Chunk first) {
        this.size = bytes.limit();
        this.cursor = bytes.at(0);
        bytes.position(32);
        long ownStartNanos = bytes.rawLong();
        bytes.rawLong(); // duration in nanoseconds
        long ownStartTicks = bytes.rawLong();
        long ticksPerSecond = bytes.rawLong();
        if (ticksPerSecond < 1_000_000_000L) {
            throw new DamagedRecordingException("a chunk that counts " + ticksPerSecond + " ticks per second");
        }
        this.startNanos = first == null ? ownStartNanos : first.startNanos;
        this.startTicks = first == null ? ownStartTicks : first.startTicks;
        // The JDK's TimeConverter divides in whole ticks per nanosecond; the same arithmetic gives the same times.
        this.divisor = first == null ? ticksPerSecond / 1_000_000_000L : first.divisor;
        bytes.position(24);
        long metadataOffset = bytes.rawLong();
        bytes.position(16);
        long constantPoolOffset = bytes.rawLong();
        if (metadataOffset < HEADER_SIZE || constantPoolOffset < HEADER_SIZE) {
            throw new DamagedRecordingException("a chunk that was not finished");
        }
        bytes.position(metadataOffset);
        this.metadata = Metadata.read(bytes);
        this.pools = ConstantPools.read(bytes, metadata, constantPoolOffset);
    }

    /** The chunk's size in bytes, header included. */
    long size() {
        return size;
    }

    /** A cursor over the chunk at {@code position}, apart from the one reading events; reused between calls. */
    Bytes cursor(long position) {
        cursor.position(position);
        return cursor;
    }

    Metadata metadata() {
        return metadata;
    }

    ConstantPools pools() {
        return pools;
    }

    long nanos(long ticks) {
        return startNanos + (long) ((ticks - startTicks) / divisor);
    }
}
