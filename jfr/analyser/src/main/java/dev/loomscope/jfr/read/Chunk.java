package dev.loomscope.jfr.read;

/** One chunk's header facts, types and constant pools; converts its ticks to epoch nanoseconds. */
final class Chunk {

    static final int HEADER_SIZE = 68;
    private static final long MIN_TICKS_PER_SECOND = 1_000;

    private final Metadata metadata;
    private final ConstantPools pools;
    private final Clock clock;
    private final Bytes cursor;
    private final long startNanos;
    private final long startTicks;
    private final double divisor;
    private final boolean oneTickPerNano;
    private static final long EXACT_IN_DOUBLE = 1L << 53;

    /**
     * How a file's ticks become epoch nanoseconds: the first chunk's clock base, which the JDK's parser uses for
     * every chunk of a file, so that both give the same instants.
     */
    record Clock(long startNanos, long startTicks, double divisor) {

        /** The clock base in the header of the chunk that {@code bytes} hold. */
        static Clock of(Bytes bytes) {
            bytes.position(32);
            long startNanos = bytes.rawLong();
            bytes.rawLong(); // duration in nanoseconds
            long startTicks = bytes.rawLong();
            long ticksPerSecond = bytes.rawLong();
            // Windows JVMs tick at 10 MHz, TSC clocks at GHz rates; below 1 kHz no clock the JVM uses ticks.
            if (ticksPerSecond < MIN_TICKS_PER_SECOND) {
                throw new DamagedRecordingException("a chunk that counts " + ticksPerSecond + " ticks per second");
            }
            // The JDK's TimeConverter divides in whole ticks per nanosecond; the same arithmetic gives the same times.
            // Below 1 GHz that whole number is 0, so there the true fraction is used.
            return new Clock(startNanos, startTicks, ticksPerSecond >= 1_000_000_000L
                    ? ticksPerSecond / 1_000_000_000L : ticksPerSecond / 1e9);
        }
    }

    /** Reads the chunk's header, metadata and pools; times are converted with {@code clock}. */
    Chunk(Bytes bytes, Clock clock) {
        this.cursor = bytes.at(0);
        this.clock = clock;
        this.startNanos = clock.startNanos();
        this.startTicks = clock.startTicks();
        this.divisor = clock.divisor();
        this.oneTickPerNano = clock.divisor() == 1.0;
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
        long delta = ticks - startTicks;
        // At one tick a nanosecond (the JDK's clock on Linux) the division gives the delta back exactly while the
        // delta fits a double's 53 bits: skipped then, it was a tenth of the reading.
        if (oneTickPerNano && delta < EXACT_IN_DOUBLE && delta > -EXACT_IN_DOUBLE) {
            return startNanos + delta;
        }
        return startNanos + (long) (delta / divisor);
    }
}
