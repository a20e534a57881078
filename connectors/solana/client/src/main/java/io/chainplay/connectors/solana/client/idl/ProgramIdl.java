package io.chainplay.connectors.solana.client.idl;

import java.util.Objects;

/**
 * One IDL version of a program, valid for the slots {@code [fromSlot, untilSlot)}.
 *
 * @param programId the program id (base58) the events are routed by
 * @param programName the program's name for envelopes and topics, e.g. {@code fare_vault}
 * @param label names this version in decoded events and error messages, e.g. {@code pump@0}
 * @param fromSlot first slot this version decodes
 * @param untilSlot first slot it no longer decodes ({@link Long#MAX_VALUE}: no end)
 * @param idl the parsed IDL
 */
public record ProgramIdl(
        String programId,
        String programName,
        String label,
        long fromSlot,
        long untilSlot,
        Idl idl) {

    public ProgramIdl {
        Objects.requireNonNull(programId, "programId");
        Objects.requireNonNull(programName, "programName");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(idl, "idl");
    }

    public boolean covers(long slot) {
        return slot >= fromSlot && slot < untilSlot;
    }

    @Override
    public String toString() {
        return "ProgramIdl["
                + label
                + " "
                + programId
                + " slots ["
                + fromSlot
                + ", "
                + (untilSlot == Long.MAX_VALUE ? "∞" : untilSlot)
                + ")]";
    }
}
