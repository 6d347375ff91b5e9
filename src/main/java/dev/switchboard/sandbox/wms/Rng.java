package dev.switchboard.sandbox.wms;

/**
 * SplitMix64: a stream of numbers that depends only on (seed, tag, index). The simulator draws every random choice
 * from one of these, so a record is recomputed identically on any instance at any time; nothing random is kept.
 */
final class Rng {

    private long state;

    Rng(long seed, long tag, long index) {
        this.state = mix(seed ^ mix(tag * 0x632BE59BD9B4E019L ^ mix(index)));
    }

    long next() {
        state += 0x9E3779B97F4A7C15L;
        return mix(state);
    }

    /** Uniform in [0, 1). */
    double unit() {
        return (next() >>> 11) * 0x1.0p-53;
    }

    boolean chance(double probability) {
        return unit() < probability;
    }

    /** Uniform in [lo, hi], both inclusive. */
    int between(int lo, int hi) {
        return lo + (int) Long.remainderUnsigned(next(), (long) hi - lo + 1);
    }

    /** Uniform in [lo, hi], both inclusive. */
    long between(long lo, long hi) {
        return lo + Long.remainderUnsigned(next(), hi - lo + 1);
    }

    <T> T pick(T[] values) {
        return values[between(0, values.length - 1)];
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** One number from (seed, tag, a, b), for single draws that need no stream. */
    static long hash(long seed, long tag, long a, long b) {
        return mix(seed ^ mix(tag * 0x632BE59BD9B4E019L ^ mix(a * 0x9E3779B97F4A7C15L ^ mix(b))));
    }

    static double unit(long seed, long tag, long a, long b) {
        return (hash(seed, tag, a, b) >>> 11) * 0x1.0p-53;
    }
}
