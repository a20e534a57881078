package io.chainplay.connectors.solana.client.decode;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Something of a configured program that could not be decoded: the dead-letter record's content.
 *
 * @param programId the program concerned, or null when the transaction is too broken to say
 * @param txSignature the transaction's first signature, or null when it has none
 * @param slot the slot
 * @param txIndex the transaction's position in its block, or -1
 * @param instructionIndex the top-level instruction, or -1 for the whole transaction
 * @param eventIndex the event's ordinal in that instruction (as for {@link DecodedEvent}), or -1
 * @param rawData the event bytes, discriminator included, when there are some (else empty)
 * @param kind the reason's category, for metrics
 * @param reason what is wrong, in words, e.g. {@code TradeEvent: 129 bytes but the layout ...}
 */
public record DecodeFailure(
        String programId,
        String txSignature,
        long slot,
        int txIndex,
        int instructionIndex,
        int eventIndex,
        byte[] rawData,
        FailureKind kind,
        String reason) {

    public DecodeFailure {
        rawData = rawData == null ? new byte[0] : rawData.clone();
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public byte[] rawData() {
        return rawData.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DecodeFailure f
                && Objects.equals(programId, f.programId)
                && Objects.equals(txSignature, f.txSignature)
                && slot == f.slot
                && txIndex == f.txIndex
                && instructionIndex == f.instructionIndex
                && eventIndex == f.eventIndex
                && Arrays.equals(rawData, f.rawData)
                && kind == f.kind
                && reason.equals(f.reason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(txSignature, slot, instructionIndex, eventIndex, kind, reason);
    }

    @Override
    public String toString() {
        return "DecodeFailure["
                + kind
                + " "
                + programId
                + " tx "
                + txSignature
                + " slot "
                + slot
                + " ix "
                + instructionIndex
                + " event "
                + eventIndex
                + ": "
                + reason
                + (rawData.length > 0 ? " data " + HexFormat.of().formatHex(rawData) : "")
                + "]";
    }
}
