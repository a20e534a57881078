package io.chainplay.devnet.solana;

import java.util.SplittableRandom;

/** What an activity may know while planning: the slot being built, its time, the dice. */
final class ActivityContext {

    final SplittableRandom random;
    final double selfCpiShare;
    long slot;
    long blockTime;

    ActivityContext(SplittableRandom random, double selfCpiShare) {
        this.random = random;
        this.selfCpiShare = selfCpiShare;
    }

    /** Whether this transaction's events go out through emit_cpi! rather than log lines. */
    boolean selfCpi() {
        return random.nextDouble() < selfCpiShare;
    }

    int between(int lowInclusive, int highInclusive) {
        return lowInclusive + random.nextInt(highInclusive - lowInclusive + 1);
    }

    byte[] bytes(int length) {
        byte[] out = new byte[length];
        random.nextBytes(out);
        return out;
    }
}
