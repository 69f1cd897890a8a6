package io.milr.spark;

/**
 * SplitMix64's finalizer: turns seeds that differ a little (seed, epoch, round, task) into seeds with
 * nothing in common, so each draws an unrelated random stream.
 */
final class SeedMix {
    private SeedMix() {
    }

    static long of(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** One seed from two, e.g. the run's seed and an epoch. */
    static long of(long a, long b) {
        return of(a * 0x9E3779B97F4A7C15L + b + 0x632BE59BD9B4E019L);
    }
}
