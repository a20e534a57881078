package io.chainplay.connectors.solana.client.decode;

import java.util.List;

/**
 * What one transaction gave: its events of configured programs and its failures.
 *
 * @param signature the first signature, or null for a transaction too malformed to have one
 * @param slot the slot
 * @param txIndex the position in the block, or -1
 * @param status what happened to the transaction as a whole
 * @param events decoded events, ordered by (instructionIndex, eventIndex)
 * @param failures what could not be decoded
 */
public record TransactionEvents(
        String signature,
        long slot,
        int txIndex,
        Status status,
        List<DecodedEvent> events,
        List<DecodeFailure> failures) {

    public TransactionEvents {
        events = List.copyOf(events);
        failures = List.copyOf(failures);
    }

    /** The transaction's fate. */
    public enum Status {
        /** It succeeded and touches a configured program: events and failures are its own. */
        DECODED,
        /** It touches no configured program. */
        NOT_RELEVANT,
        /** It failed on chain ({@code meta.err}): its effects, events included, were reverted. */
        FAILED_SKIPPED,
        /** Its JSON lacks what decoding needs; the failure says what. */
        MALFORMED
    }
}
