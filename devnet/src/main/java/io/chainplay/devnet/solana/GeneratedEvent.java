package io.chainplay.devnet.solana;

import io.chainplay.schemas.chain.Chain;
import io.chainplay.schemas.chain.EventMetas;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Ground truth: one Anchor event the devnet put on its ledger, with where it sits and its decoded
 * fields.
 *
 * <p>{@code instructionIndex} is the top-level instruction of the transaction the event was emitted
 * in (compute budget instructions included, as the message lists them); {@code eventIndex} is the
 * event's ordinal among the game programs' events inside that instruction, in log order, CPIs and
 * {@code emit_cpi!} self-invocations included. {@code fieldsJson} is the canonical JSON a decoder
 * of the IDL must produce: field names as in the IDL, integers of 64 bits and wider as decimal
 * strings, narrower ones and f64 as numbers, pubkeys base58, tuple structs as {@code {"0": ...}}.
 *
 * @param programId the program that emitted the event
 * @param programName the IDL's name for it ({@code fare_vault}, {@code solana_mafia})
 * @param eventName the event's name in the IDL
 * @param txSignature the transaction's first signature
 * @param slot the slot of the block holding this copy of the transaction
 * @param blockTime that block's time, Unix seconds
 * @param instructionIndex the top-level instruction that emitted it
 * @param eventIndex ordinal within that instruction
 * @param fate whether this copy is final, a re-inclusion, or on an abandoned fork
 * @param selfCpi emitted through {@code emit_cpi!} (an inner instruction) rather than a "Program
 *     data:" log line
 * @param viaCpi the game program was invoked by another program (a router), not top-level
 * @param dataBase64 discriminator and Borsh fields, base64 (what a "Program data:" line carries)
 * @param fieldsJson the decoded fields as canonical JSON
 */
public record GeneratedEvent(
        String programId,
        String programName,
        String eventName,
        String txSignature,
        long slot,
        long blockTime,
        int instructionIndex,
        int eventIndex,
        Fate fate,
        boolean selfCpi,
        boolean viaCpi,
        String dataBase64,
        String fieldsJson) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The stable event id the connector derives: {@code SOLANA:<tx>:<ix>:<event>}. */
    public String eventId() {
        return EventMetas.eventId(Chain.SOLANA, txSignature, instructionIndex, eventIndex);
    }

    /** False only for copies on an abandoned fork. */
    public boolean isFinal() {
        return fate != Fate.DROPPED;
    }

    /** The canonical JSON as a tree, for comparing with a decoder's output. */
    public JsonNode fields() {
        try {
            return JSON.readTree(fieldsJson);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Generated JSON does not parse: " + fieldsJson, e);
        }
    }
}
