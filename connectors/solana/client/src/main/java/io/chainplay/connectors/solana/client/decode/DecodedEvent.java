package io.chainplay.connectors.solana.client.decode;

/**
 * One decoded event of a configured program, with its position in the chain.
 *
 * <p>{@code (txSignature, instructionIndex, eventIndex)} identifies the event on every fork the
 * transaction lands on; it does not depend on which programs are configured (see {@link
 * TransactionDecoder}).
 *
 * @param programId the emitting program (base58)
 * @param programName the program's name from the registry, e.g. {@code fare_vault}
 * @param idlVersion the label of the IDL version that decoded it
 * @param eventName the event name from the IDL, e.g. {@code TrialRegistered}
 * @param txSignature the transaction's first signature (base58)
 * @param slot the slot of the block holding the transaction
 * @param blockTime the block's Unix time in seconds, or null when the node does not know it
 * @param txIndex the transaction's position in its block, or -1 when read by signature
 * @param instructionIndex the top-level instruction the event happened in (CPI events count for the
 *     top-level instruction that led to them)
 * @param eventIndex the event's ordinal among the events of that top-level instruction, in log
 *     order
 * @param source whether it was logged, emitted by self-CPI, or both
 * @param payloadJson the fields as canonical JSON (see {@link EventDecoder})
 */
public record DecodedEvent(
        String programId,
        String programName,
        String idlVersion,
        String eventName,
        String txSignature,
        long slot,
        Long blockTime,
        int txIndex,
        int instructionIndex,
        int eventIndex,
        EventSource source,
        String payloadJson) {}
