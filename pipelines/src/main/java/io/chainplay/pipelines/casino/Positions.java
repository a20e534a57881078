package io.chainplay.pipelines.casino;

import java.math.BigInteger;

/**
 * Chain order of fare_vault events: slot, then top-level instruction, then the event's ordinal in
 * it. "Latest" values (a pool's jackpot, the vault's fee percentages) are the latest by this order,
 * never by arrival, so a reorder in transport does not change them.
 *
 * <p>The order index is FarePlay's {@code slot * 1e12 + instructionIndex * 1e6 +
 * innerInstructionIndex}, with the event's ordinal in place of the inner instruction index; it does
 * not fit in a long (a slot above 9.2 million overflows), so it is written as decimal text for a
 * {@code numeric(78,0)} column.
 */
final class Positions {

    private static final BigInteger E12 = BigInteger.TEN.pow(12);

    private Positions() {}

    static int compare(long slotA, int ixA, int evA, long slotB, int ixB, int evB) {
        int c = Long.compare(slotA, slotB);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(ixA, ixB);
        return c != 0 ? c : Integer.compare(evA, evB);
    }

    static String orderIndex(long slot, int instructionIndex, int eventIndex) {
        if (slot >= 0
                && instructionIndex >= 0
                && instructionIndex < 1_000_000
                && eventIndex >= 0
                && eventIndex < 1_000_000) {
            // The common case without BigInteger: the slot followed by two 6-digit fields.
            if (slot == 0) {
                return Long.toString(instructionIndex * 1_000_000L + eventIndex);
            }
            StringBuilder text = new StringBuilder(32).append(slot);
            pad(text, instructionIndex);
            pad(text, eventIndex);
            return text.toString();
        }
        return BigInteger.valueOf(slot)
                .multiply(E12)
                .add(BigInteger.valueOf(instructionIndex * 1_000_000L + eventIndex))
                .toString();
    }

    private static void pad(StringBuilder text, int value) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < 6; i++) {
            text.append('0');
        }
        text.append(digits);
    }
}
