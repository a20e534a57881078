package io.chainplay.devnet.solana;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A transaction as the ledger stores it, and its JSON-RPC "json" encoding.
 *
 * <p>Immutable once assembled. The same object sits in every block that includes it: a transaction
 * on a fork that is later abandoned can be re-included, unchanged, in a later block. Field order
 * follows the node's serde structs ({@code UiTransaction}, {@code UiRawMessage}, {@code
 * UiTransactionStatusMeta}), which is also what the recorded mainnet responses contain.
 */
final class DevnetTransaction {

    record Header(int numRequiredSignatures, int numReadonlySigned, int numReadonlyUnsigned) {}

    record Lookup(String accountKey, int[] writableIndexes, int[] readonlyIndexes) {}

    /** A compiled instruction; {@code data} is already base58. */
    record CompiledInstruction(int programIdIndex, int[] accounts, String data, int stackHeight) {}

    record InnerInstructions(int index, List<CompiledInstruction> instructions) {}

    /** {@code {"InstructionError": [index, {"Custom": code}]}}. */
    record InstructionError(int instructionIndex, long customCode) {}

    /** An event in this transaction's logs, with its position. */
    record TxEvent(
            AnchorEvent event,
            byte[] data,
            int instructionIndex,
            int eventIndex,
            boolean selfCpi,
            boolean viaRouter) {}

    final List<String> signatures;
    final boolean legacy;
    final Header header;
    final List<String> accountKeys;
    final List<Lookup> lookups;
    final List<String> loadedWritable;
    final List<String> loadedReadonly;
    final String recentBlockhash;
    final List<CompiledInstruction> instructions;
    final List<InnerInstructions> innerInstructions;
    final List<String> logMessages;
    final long fee;
    final long[] preBalances;
    final long[] postBalances;
    final InstructionError error;
    final long computeUnitsConsumed;
    final long costUnits;
    final List<TxEvent> events;

    DevnetTransaction(
            List<String> signatures,
            boolean legacy,
            Header header,
            List<String> accountKeys,
            List<Lookup> lookups,
            List<String> loadedWritable,
            List<String> loadedReadonly,
            String recentBlockhash,
            List<CompiledInstruction> instructions,
            List<InnerInstructions> innerInstructions,
            List<String> logMessages,
            long fee,
            long[] preBalances,
            long[] postBalances,
            InstructionError error,
            long computeUnitsConsumed,
            long costUnits,
            List<TxEvent> events) {
        this.signatures = List.copyOf(signatures);
        this.legacy = legacy;
        this.header = header;
        this.accountKeys = List.copyOf(accountKeys);
        this.lookups = List.copyOf(lookups);
        this.loadedWritable = List.copyOf(loadedWritable);
        this.loadedReadonly = List.copyOf(loadedReadonly);
        this.recentBlockhash = recentBlockhash;
        this.instructions = List.copyOf(instructions);
        this.innerInstructions = List.copyOf(innerInstructions);
        this.logMessages = List.copyOf(logMessages);
        this.fee = fee;
        this.preBalances = preBalances.clone();
        this.postBalances = postBalances.clone();
        this.error = error;
        this.computeUnitsConsumed = computeUnitsConsumed;
        this.costUnits = costUnits;
        this.events = List.copyOf(events);
    }

    String signature() {
        return signatures.get(0);
    }

    boolean failed() {
        return error != null;
    }

    /**
     * Static keys, then loaded writable, then loaded readonly: what instruction indexes refer to.
     */
    List<String> allAccounts() {
        List<String> all = new ArrayList<>(accountKeys);
        all.addAll(loadedWritable);
        all.addAll(loadedReadonly);
        return all;
    }

    /**
     * The {@code version} field: omitted for a legacy transaction when the client did not send
     * maxSupportedTransactionVersion (old clients cannot read it), "legacy" or the number
     * otherwise.
     */
    void writeVersion(JsonGenerator g, Integer maxSupportedVersion) throws IOException {
        if (legacy) {
            if (maxSupportedVersion != null) {
                g.writeStringField("version", "legacy");
            }
        } else {
            g.writeNumberField("version", 0);
        }
    }

    /** The {@code "transaction"} field's value: signatures and the raw message. */
    void writeTransaction(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("signatures");
        for (String signature : signatures) {
            g.writeString(signature);
        }
        g.writeEndArray();
        g.writeObjectFieldStart("message");
        g.writeObjectFieldStart("header");
        g.writeNumberField("numRequiredSignatures", header.numRequiredSignatures());
        g.writeNumberField("numReadonlySignedAccounts", header.numReadonlySigned());
        g.writeNumberField("numReadonlyUnsignedAccounts", header.numReadonlyUnsigned());
        g.writeEndObject();
        writeStrings(g, "accountKeys", accountKeys);
        g.writeStringField("recentBlockhash", recentBlockhash);
        g.writeArrayFieldStart("instructions");
        for (CompiledInstruction instruction : instructions) {
            writeInstruction(g, instruction);
        }
        g.writeEndArray();
        if (!legacy) {
            g.writeArrayFieldStart("addressTableLookups");
            for (Lookup lookup : lookups) {
                g.writeStartObject();
                g.writeStringField("accountKey", lookup.accountKey());
                writeInts(g, "writableIndexes", lookup.writableIndexes());
                writeInts(g, "readonlyIndexes", lookup.readonlyIndexes());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    /** The {@code "meta"} field's value. */
    void writeMeta(JsonGenerator g, boolean showRewards) throws IOException {
        g.writeStartObject();
        g.writeFieldName("err");
        writeError(g);
        g.writeObjectFieldStart("status");
        if (error == null) {
            g.writeNullField("Ok");
        } else {
            g.writeFieldName("Err");
            writeError(g);
        }
        g.writeEndObject();
        g.writeNumberField("fee", fee);
        writeLongs(g, "preBalances", preBalances);
        writeLongs(g, "postBalances", postBalances);
        g.writeArrayFieldStart("innerInstructions");
        for (InnerInstructions inner : innerInstructions) {
            g.writeStartObject();
            g.writeNumberField("index", inner.index());
            g.writeArrayFieldStart("instructions");
            for (CompiledInstruction instruction : inner.instructions()) {
                writeInstruction(g, instruction);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        writeStrings(g, "logMessages", logMessages);
        // The generated programs move lamports only; no SPL token balances are tracked.
        g.writeArrayFieldStart("preTokenBalances");
        g.writeEndArray();
        g.writeArrayFieldStart("postTokenBalances");
        g.writeEndArray();
        if (showRewards) {
            g.writeArrayFieldStart("rewards");
            g.writeEndArray();
        } else {
            g.writeNullField("rewards");
        }
        g.writeObjectFieldStart("loadedAddresses");
        writeStrings(g, "writable", loadedWritable);
        writeStrings(g, "readonly", loadedReadonly);
        g.writeEndObject();
        g.writeNumberField("computeUnitsConsumed", computeUnitsConsumed);
        g.writeNumberField("costUnits", costUnits);
        g.writeEndObject();
    }

    /** The {@code err} value of the meta, of getSignatureStatuses and getSignaturesForAddress. */
    void writeError(JsonGenerator g) throws IOException {
        if (error == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeArrayFieldStart("InstructionError");
        g.writeNumber(error.instructionIndex());
        g.writeStartObject();
        g.writeNumberField("Custom", error.customCode());
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeInstruction(JsonGenerator g, CompiledInstruction instruction)
            throws IOException {
        g.writeStartObject();
        g.writeNumberField("programIdIndex", instruction.programIdIndex());
        writeInts(g, "accounts", instruction.accounts());
        g.writeStringField("data", instruction.data());
        g.writeNumberField("stackHeight", instruction.stackHeight());
        g.writeEndObject();
    }

    private static void writeStrings(JsonGenerator g, String name, List<String> values)
            throws IOException {
        g.writeArrayFieldStart(name);
        for (String value : values) {
            g.writeString(value);
        }
        g.writeEndArray();
    }

    private static void writeInts(JsonGenerator g, String name, int[] values) throws IOException {
        g.writeArrayFieldStart(name);
        for (int value : values) {
            g.writeNumber(value);
        }
        g.writeEndArray();
    }

    private static void writeLongs(JsonGenerator g, String name, long[] values) throws IOException {
        g.writeArrayFieldStart(name);
        for (long value : values) {
            g.writeNumber(value);
        }
        g.writeEndArray();
    }
}
