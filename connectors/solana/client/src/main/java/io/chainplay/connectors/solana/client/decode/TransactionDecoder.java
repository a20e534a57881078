package io.chainplay.connectors.solana.client.decode;

import io.chainplay.connectors.solana.client.idl.Discriminators;
import io.chainplay.connectors.solana.client.idl.IdlRegistry;
import io.chainplay.connectors.solana.client.rpc.Block;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds and decodes the Anchor events of the configured programs in confirmed transactions.
 *
 * <p>Input is one transaction as {@code getBlock} (transactionDetails {@code full}, encoding {@code
 * json}, maxSupportedTransactionVersion 0) or {@code getTransaction} return it: {@code
 * {transaction: {signatures, message: {accountKeys, instructions}}, meta: {err, logMessages,
 * innerInstructions, loadedAddresses}}}.
 *
 * <h2>Where events are</h2>
 *
 * <ul>
 *   <li>{@code Program data: <base64>} log lines ({@code emit!}) belong to the program on top of
 *       the invocation stack rebuilt from {@code Program <id> invoke [n]} / {@code success} /
 *       {@code failed} lines. So events of programs invoked through CPI count, and a line logged
 *       after a nested self-invocation returned still belongs to the outer frame.
 *   <li>Inner instructions that a program issues to itself with data starting with Anchor's event
 *       tag ({@code emit_cpi!}) carry the event after that tag. Their place in log order is the
 *       {@code invoke} line they correspond to (the n-th invoke at depth > 1 inside a top-level
 *       instruction is its n-th inner instruction); when logs are missing or truncated they come
 *       after that instruction's logged events.
 *   <li>A program that emits the same event both ways (pump.fun's AMM does) yields one event: a CPI
 *       event and a logged event of the same program in the same top-level instruction with
 *       identical bytes are one event ({@link EventSource#LOG_AND_CPI}), at the earlier place.
 * </ul>
 *
 * <h2>Identity</h2>
 *
 * <p>Account keys are {@code accountKeys} then {@code loadedAddresses.writable} then {@code
 * .readonly} (v0 transactions). An event's {@code instructionIndex} is its top-level instruction;
 * its {@code eventIndex} is its ordinal among all event records of that instruction (logged data of
 * any program and event self-CPIs of any program, after merging the duplicates above) — not only of
 * configured programs, so that configuring another program never renumbers the events of those
 * already configured, and (signature, instructionIndex, eventIndex) stays a stable id.
 *
 * <h2>Bad input</h2>
 *
 * <p>Nothing here throws for bad data. Failed transactions ({@code meta.err}) are skipped: their
 * effects were reverted. Malformed JSON, an inconsistent log stack, truncated or missing logs,
 * undecodable base64 and events that do not fit their IDL become {@link DecodeFailure}s with the
 * reason and position. Programs that are not configured are ignored.
 */
public final class TransactionDecoder {

    private static final String DATA = "Program data: ";
    private static final int UNMAPPED = 1 << 30; // order of CPI events with no log position
    private static final int MAX_REASON_LINE = 200;

    private final EventDecoder decoder;

    public TransactionDecoder(EventDecoder decoder) {
        this.decoder = decoder;
    }

    /** Compiles the registry's IDLs (failing on a bad one) and returns a decoder over them. */
    public static TransactionDecoder of(IdlRegistry registry) {
        return new TransactionDecoder(EventDecoder.of(registry));
    }

    public EventDecoder eventDecoder() {
        return decoder;
    }

    /**
     * Decodes a {@code getTransaction} result: the object with {@code slot}, {@code blockTime},
     * {@code transaction} and {@code meta}.
     */
    public TransactionEvents decodeTransactionResult(JsonNode result) {
        if (result == null || !result.path("slot").canConvertToLong()) {
            return malformed(null, -1, -1, "getTransaction result has no slot");
        }
        JsonNode blockTime = result.get("blockTime");
        return decode(
                result,
                result.get("slot").asLong(),
                blockTime != null && blockTime.canConvertToLong() ? blockTime.asLong() : null,
                -1);
    }

    /** Decodes the transactions of a block fetched with {@code SolanaRpc.getBlock}, in order. */
    public BlockEvents decodeBlock(Block block) {
        return decodeBlock(
                block.slot(), block.blockhash(), block.blockTime(), block.transactions());
    }

    /**
     * Decodes the transactions of a block in order.
     *
     * @param transactions the block's {@code transactions} entries
     */
    public BlockEvents decodeBlock(
            long slot, String blockhash, Long blockTime, List<JsonNode> transactions) {
        List<DecodedEvent> events = new ArrayList<>();
        List<DecodeFailure> failures = new ArrayList<>();
        int relevant = 0;
        int failed = 0;
        int malformed = 0;
        for (int i = 0; i < transactions.size(); i++) {
            TransactionEvents tx = decode(transactions.get(i), slot, blockTime, i);
            events.addAll(tx.events());
            failures.addAll(tx.failures());
            switch (tx.status()) {
                case DECODED -> relevant++;
                case FAILED_SKIPPED -> failed++;
                case MALFORMED -> malformed++;
                case NOT_RELEVANT -> {}
            }
        }
        return new BlockEvents(
                slot,
                blockhash,
                blockTime,
                events,
                failures,
                transactions.size(),
                relevant,
                failed,
                malformed);
    }

    /**
     * Decodes one transaction ({@code {transaction, meta}}) of the given slot.
     *
     * @param txIndex its position in the block, or -1 when unknown
     */
    public TransactionEvents decode(JsonNode tx, long slot, Long blockTime, int txIndex) {
        try {
            return new Walk(tx, slot, blockTime, txIndex).run();
        } catch (Malformed e) {
            return malformed(e.signature, slot, txIndex, e.getMessage(), e.programId);
        } catch (RuntimeException e) {
            // Shapes no check above foresaw (a number where an array was expected, ...).
            String signature =
                    tx == null
                            ? null
                            : tx.path("transaction").path("signatures").path(0).asText(null);
            return malformed(signature, slot, txIndex, "unexpected transaction JSON: " + e);
        }
    }

    private TransactionEvents malformed(String signature, long slot, int txIndex, String reason) {
        return malformed(signature, slot, txIndex, reason, null);
    }

    private static TransactionEvents malformed(
            String signature, long slot, int txIndex, String reason, String programId) {
        DecodeFailure failure =
                new DecodeFailure(
                        programId,
                        signature,
                        slot,
                        txIndex,
                        -1,
                        -1,
                        null,
                        FailureKind.MALFORMED_TRANSACTION,
                        reason);
        return new TransactionEvents(
                signature,
                slot,
                txIndex,
                TransactionEvents.Status.MALFORMED,
                List.of(),
                List.of(failure));
    }

    /** A malformed transaction: thrown inside a walk, turned into a failure by decode(). */
    private static final class Malformed extends RuntimeException {
        final String signature;
        final String programId;

        Malformed(String message, String signature, String programId) {
            super(message, null, false, false);
            this.signature = signature;
            this.programId = programId;
        }
    }

    private record Inner(String programId, String data, int stackHeight) {}

    /** An event record: logged data or an event self-CPI, before decoding. */
    private static final class Rec {
        final String programId;
        final boolean cpi;
        final int seq;
        final String base64; // logged records
        byte[] bytes; // event bytes (decoded lazily for logged records)
        boolean badBase64;
        boolean dropped;
        boolean paired;

        Rec(String programId, boolean cpi, int seq, String base64, byte[] bytes) {
            this.programId = programId;
            this.cpi = cpi;
            this.seq = seq;
            this.base64 = base64;
            this.bytes = bytes;
        }

        byte[] bytes() {
            if (bytes == null && !badBase64) {
                if (base64.indexOf(' ') >= 0) {
                    badBase64 = true; // several slices: sol_log_data, not an Anchor event
                } else {
                    try {
                        bytes = Base64.getDecoder().decode(base64);
                    } catch (IllegalArgumentException e) {
                        badBase64 = true;
                    }
                }
            }
            return bytes;
        }
    }

    /** The state of decoding one transaction. */
    private final class Walk {
        private final JsonNode tx;
        private final long slot;
        private final Long blockTime;
        private final int txIndex;
        private final List<DecodedEvent> events = new ArrayList<>();
        private final List<DecodeFailure> failures = new ArrayList<>();
        private String signature;
        private String[] keys;
        private String[] topPrograms;
        private List<List<Inner>> inner;
        private List<List<Rec>> records;
        private int[][] innerSeq; // log position of each inner instruction's invoke line, or -1
        private boolean[][] innerSelf; // was it invoked by the same program?
        private boolean[] mappingBroken;
        private final Set<String> configured = new LinkedHashSet<>();

        Walk(JsonNode tx, long slot, Long blockTime, int txIndex) {
            this.tx = tx;
            this.slot = slot;
            this.blockTime = blockTime;
            this.txIndex = txIndex;
        }

        TransactionEvents run() {
            if (tx == null || !tx.isObject()) {
                throw malformed("transaction entry is not a JSON object");
            }
            JsonNode transaction = tx.get("transaction");
            if (transaction == null || !transaction.isObject()) {
                throw malformed(
                        transaction != null && transaction.isArray()
                                ? "transaction is encoded (base58/base64): request encoding \"json\""
                                : "no 'transaction' object");
            }
            signature = transaction.path("signatures").path(0).asText(null);
            if (signature == null || signature.isEmpty()) {
                throw malformed("transaction has no signatures");
            }
            JsonNode message = transaction.get("message");
            JsonNode meta = tx.get("meta");
            if (message == null || !message.isObject()) {
                throw malformed("transaction has no message");
            }
            keys = accountKeys(message.get("accountKeys"), meta);
            for (String key : keys) {
                if (decoder.isConfigured(key)) {
                    configured.add(key);
                }
            }
            if (configured.isEmpty()) {
                return result(TransactionEvents.Status.NOT_RELEVANT);
            }
            if (meta == null || !meta.isObject()) {
                throw malformed("transaction has no meta (status and logs unknown)");
            }
            JsonNode err = meta.get("err");
            if (err != null && !err.isNull()) {
                return result(TransactionEvents.Status.FAILED_SKIPPED);
            }
            topPrograms = topLevelPrograms(message.get("instructions"));
            inner = innerInstructions(meta.get("innerInstructions"));
            records = new ArrayList<>();
            innerSeq = new int[topPrograms.length][];
            innerSelf = new boolean[topPrograms.length][];
            mappingBroken = new boolean[topPrograms.length];
            for (int t = 0; t < topPrograms.length; t++) {
                records.add(new ArrayList<>());
                innerSeq[t] = new int[inner.get(t).size()];
                innerSelf[t] = new boolean[inner.get(t).size()];
                Arrays.fill(innerSeq[t], -1);
            }

            JsonNode logs = meta.get("logMessages");
            if (logs == null || !logs.isArray()) {
                for (String programId : invokedConfigured()) {
                    txFailure(
                            programId,
                            FailureKind.LOGS_MISSING,
                            "transaction has no logMessages: events logged with 'Program data' cannot"
                                    + " be read (events emitted by self-CPI still are)");
                }
            } else {
                walkLogs(logs);
            }
            collectCpiEvents();
            for (int t = 0; t < topPrograms.length; t++) {
                emit(t, records.get(t));
            }
            return result(TransactionEvents.Status.DECODED);
        }

        /** Configured programs the transaction runs (not merely passes as an account). */
        private Set<String> invokedConfigured() {
            Set<String> invoked = new LinkedHashSet<>();
            for (int t = 0; t < topPrograms.length; t++) {
                if (configured.contains(topPrograms[t])) {
                    invoked.add(topPrograms[t]);
                }
                for (Inner ix : inner.get(t)) {
                    if (configured.contains(ix.programId)) {
                        invoked.add(ix.programId);
                    }
                }
            }
            return invoked;
        }

        private TransactionEvents result(TransactionEvents.Status status) {
            return new TransactionEvents(signature, slot, txIndex, status, events, failures);
        }

        private Malformed malformed(String reason) {
            return new Malformed(
                    reason, signature, configured.isEmpty() ? null : configured.iterator().next());
        }

        private String[] accountKeys(JsonNode accountKeys, JsonNode meta) {
            if (accountKeys == null || !accountKeys.isArray()) {
                throw malformed("message has no accountKeys");
            }
            List<String> all = new ArrayList<>(accountKeys.size() + 16);
            for (JsonNode key : accountKeys) {
                all.add(
                        key.isObject()
                                ? key.path("pubkey").asText()
                                : key.asText()); // jsonParsed: objects
            }
            if (meta != null) {
                JsonNode loaded = meta.path("loadedAddresses");
                for (JsonNode key : loaded.path("writable")) {
                    all.add(key.asText());
                }
                for (JsonNode key : loaded.path("readonly")) {
                    all.add(key.asText());
                }
            }
            return all.toArray(new String[0]);
        }

        private String programOf(JsonNode instruction, String where) {
            JsonNode index = instruction.get("programIdIndex");
            if (index != null && index.canConvertToInt()) {
                int i = index.asInt();
                if (i < 0 || i >= keys.length) {
                    throw malformed(
                            where
                                    + " programIdIndex "
                                    + i
                                    + " is outside the "
                                    + keys.length
                                    + " account keys"
                                    + " (are meta.loadedAddresses missing?)");
                }
                return keys[i];
            }
            if (instruction.path("programId").isTextual()) {
                return instruction.get("programId").asText(); // jsonParsed
            }
            throw malformed(where + " has no programIdIndex");
        }

        private String[] topLevelPrograms(JsonNode instructions) {
            if (instructions == null || !instructions.isArray()) {
                throw malformed("message has no instructions");
            }
            String[] programs = new String[instructions.size()];
            for (int i = 0; i < programs.length; i++) {
                programs[i] = programOf(instructions.get(i), "instruction " + i);
            }
            return programs;
        }

        private List<List<Inner>> innerInstructions(JsonNode innerInstructions) {
            List<List<Inner>> result = new ArrayList<>();
            for (int t = 0; t < topPrograms.length; t++) {
                result.add(new ArrayList<>());
            }
            if (innerInstructions == null || innerInstructions.isNull()) {
                return result;
            }
            for (JsonNode group : innerInstructions) {
                JsonNode index = group.get("index");
                if (index == null
                        || !index.canConvertToInt()
                        || index.asInt() < 0
                        || index.asInt() >= topPrograms.length) {
                    throw malformed("innerInstructions entry has no valid index: " + index);
                }
                int t = index.asInt();
                for (JsonNode ix : group.path("instructions")) {
                    JsonNode height = ix.get("stackHeight");
                    result.get(t)
                            .add(
                                    new Inner(
                                            programOf(ix, "inner instruction of instruction " + t),
                                            ix.path("data").asText(""),
                                            height != null && height.canConvertToInt()
                                                    ? height.asInt()
                                                    : -1));
                }
            }
            return result;
        }

        /** Rebuilds the invocation stack from the logs and records the logged event data. */
        private void walkLogs(JsonNode logs) {
            Deque<String> stack = new ArrayDeque<>();
            int top = -1;
            int nextTop = 0;
            int seq = 0;
            int[] cursor = new int[topPrograms.length];
            for (int lineNo = 0; lineNo < logs.size(); lineNo++) {
                String line = logs.get(lineNo).asText();
                if (line.startsWith(DATA)) {
                    if (stack.isEmpty()) {
                        logFailure(lineNo, line, "'Program data' outside any invocation");
                        return;
                    }
                    records.get(top)
                            .add(
                                    new Rec(
                                            stack.peek(),
                                            false,
                                            seq++,
                                            line.substring(DATA.length()),
                                            null));
                } else if (line.startsWith("Program log: ")
                        || line.startsWith("Program return: ")
                        || line.startsWith("Program consumption: ")) {
                    continue;
                } else if (line.startsWith("Program ")) {
                    int space = line.indexOf(' ', 8);
                    if (space < 0) {
                        continue;
                    }
                    String id = line.substring(8, space);
                    String tail = line.substring(space + 1);
                    if (tail.startsWith("invoke [") && tail.endsWith("]")) {
                        int depth;
                        try {
                            depth = Integer.parseInt(tail.substring(8, tail.length() - 1));
                        } catch (NumberFormatException e) {
                            logFailure(lineNo, line, "unreadable invoke depth");
                            return;
                        }
                        if (depth != stack.size() + 1) {
                            logFailure(
                                    lineNo,
                                    line,
                                    "invoke depth "
                                            + depth
                                            + " but "
                                            + stack.size()
                                            + " invocations are open");
                            return;
                        }
                        if (depth == 1) {
                            // Align with the message's instructions by program id: precompiles
                            // (ed25519, secp256k1) may run without an invoke line.
                            int t = nextTop;
                            while (t < topPrograms.length && !topPrograms[t].equals(id)) {
                                t++;
                            }
                            if (t == topPrograms.length) {
                                logFailure(
                                        lineNo,
                                        line,
                                        "no top-level instruction of " + id + " is left to match");
                                return;
                            }
                            top = t;
                            nextTop = t + 1;
                        } else if (!mappingBroken[top]) {
                            List<Inner> list = inner.get(top);
                            int k = cursor[top];
                            if (k < list.size()
                                    && list.get(k).programId.equals(id)
                                    && (list.get(k).stackHeight < 0
                                            || list.get(k).stackHeight == depth)) {
                                innerSeq[top][k] = seq++;
                                innerSelf[top][k] = id.equals(stack.peek());
                                cursor[top]++;
                            } else {
                                // Logs and inner instructions disagree: place CPI events after the
                                // logged ones of this instruction instead of guessing.
                                mappingBroken[top] = true;
                                Arrays.fill(innerSeq[top], -1);
                            }
                        }
                        stack.push(id);
                    } else if (tail.equals("success") || tail.startsWith("failed")) {
                        if (stack.isEmpty() || !stack.peek().equals(id)) {
                            logFailure(
                                    lineNo,
                                    line,
                                    "returns from "
                                            + id
                                            + " but "
                                            + (stack.isEmpty() ? "no invocation" : stack.peek())
                                            + " is running");
                            return;
                        }
                        stack.pop();
                    }
                } else if (line.startsWith("Log truncated")) {
                    truncated(lineNo, stack.isEmpty() ? nextTop : top);
                    return;
                }
            }
            if (!stack.isEmpty()) {
                logFailure(logs.size() - 1, "", stack.size() + " invocations never returned");
            }
        }

        /** Logs that contradict themselves: logged events are not trusted, CPI events still are. */
        private void logFailure(int lineNo, String line, String reason) {
            for (List<Rec> list : records) {
                list.removeIf(r -> !r.cpi);
            }
            Arrays.fill(mappingBroken, true);
            for (int[] seqs : innerSeq) {
                Arrays.fill(seqs, -1);
            }
            String shown =
                    line.length() > MAX_REASON_LINE
                            ? line.substring(0, MAX_REASON_LINE) + "..."
                            : line;
            for (String programId : configured) {
                txFailure(
                        programId,
                        FailureKind.MALFORMED_LOG,
                        "logMessages line "
                                + lineNo
                                + (shown.isEmpty() ? "" : " '" + shown + "'")
                                + ": "
                                + reason
                                + "; logged events of this transaction are not decoded");
            }
        }

        private void truncated(int lineNo, int fromTop) {
            Set<String> affected = new LinkedHashSet<>();
            for (int t = Math.max(fromTop, 0); t < topPrograms.length; t++) {
                if (configured.contains(topPrograms[t])) {
                    affected.add(topPrograms[t]);
                }
                for (Inner ix : inner.get(t)) {
                    if (configured.contains(ix.programId)) {
                        affected.add(ix.programId);
                    }
                }
            }
            for (String programId : affected) {
                failures.add(
                        new DecodeFailure(
                                programId,
                                signature,
                                slot,
                                txIndex,
                                Math.max(fromTop, 0),
                                -1,
                                null,
                                FailureKind.LOG_TRUNCATED,
                                "logMessages were truncated by the node at line "
                                        + lineNo
                                        + ": 'Program data' events from instruction "
                                        + Math.max(fromTop, 0)
                                        + " on are lost (events emitted by self-CPI are still read)"));
            }
        }

        /** Adds the events programs emitted by invoking themselves with Anchor's event tag. */
        private void collectCpiEvents() {
            for (int t = 0; t < topPrograms.length; t++) {
                List<Inner> list = inner.get(t);
                for (int k = 0; k < list.size(); k++) {
                    Inner ix = list.get(k);
                    boolean mapped = !mappingBroken[t] && innerSeq[t][k] >= 0;
                    boolean self;
                    if (mapped) {
                        self = innerSelf[t][k];
                    } else if (ix.stackHeight > 1) {
                        self = ix.programId.equals(parentOf(t, list, k));
                    } else {
                        self = true; // no stack information: look at the data
                    }
                    if (!self || ix.data.length() < 12) { // fewer chars cannot hold 9 bytes
                        continue;
                    }
                    byte[] data;
                    try {
                        data = Base58Bytes.decode(ix.data);
                    } catch (IllegalArgumentException e) {
                        if (configured.contains(ix.programId)) {
                            failures.add(
                                    new DecodeFailure(
                                            ix.programId,
                                            signature,
                                            slot,
                                            txIndex,
                                            t,
                                            -1,
                                            null,
                                            FailureKind.MALFORMED_TRANSACTION,
                                            "inner instruction "
                                                    + k
                                                    + " data is not base58: "
                                                    + e.getMessage()));
                        }
                        continue;
                    }
                    if (data.length > 8
                            && Arrays.equals(data, 0, 8, Discriminators.EVENT_IX_TAG, 0, 8)) {
                        records.get(t)
                                .add(
                                        new Rec(
                                                ix.programId,
                                                true,
                                                mapped ? innerSeq[t][k] : UNMAPPED + k,
                                                null,
                                                Arrays.copyOfRange(data, 8, data.length)));
                    }
                }
            }
        }

        /** The program that issued inner instruction k, from the stack heights. */
        private String parentOf(int t, List<Inner> list, int k) {
            int height = list.get(k).stackHeight;
            if (height == 2) {
                return topPrograms[t];
            }
            for (int j = k - 1; j >= 0; j--) {
                if (list.get(j).stackHeight == height - 1) {
                    return list.get(j).programId;
                }
            }
            return null;
        }

        /** Merges duplicate log/CPI records, numbers the rest, decodes the configured ones. */
        private void emit(int t, List<Rec> recs) {
            if (recs.isEmpty()) {
                return;
            }
            recs.sort(Comparator.comparingInt(r -> r.seq));
            for (Rec cpi : recs) {
                if (!cpi.cpi) {
                    continue;
                }
                for (Rec logged : recs) {
                    if (!logged.cpi
                            && !logged.paired
                            && logged.programId.equals(cpi.programId)
                            && logged.bytes() != null
                            && Arrays.equals(logged.bytes, cpi.bytes)) {
                        logged.paired = true;
                        cpi.paired = true;
                        (logged.seq < cpi.seq ? cpi : logged).dropped = true;
                        break;
                    }
                }
            }
            int eventIndex = 0;
            for (Rec rec : recs) {
                if (rec.dropped) {
                    continue;
                }
                int index = eventIndex++;
                if (!configured.contains(rec.programId)) {
                    continue;
                }
                byte[] bytes = rec.bytes();
                if (bytes == null) {
                    failures.add(
                            new DecodeFailure(
                                    rec.programId,
                                    signature,
                                    slot,
                                    txIndex,
                                    t,
                                    index,
                                    rec.base64.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                                    FailureKind.MALFORMED_LOG,
                                    rec.base64.indexOf(' ') >= 0
                                            ? "'Program data' line has several base64 parts (raw: the line's text); an Anchor event has one"
                                            : "'Program data' is not valid base64 (raw: the line's text)"));
                    continue;
                }
                EventSource source =
                        rec.paired
                                ? EventSource.LOG_AND_CPI
                                : rec.cpi ? EventSource.CPI : EventSource.LOG;
                try {
                    EventDecoder.DecodedPayload payload =
                            decoder.decode(rec.programId, slot, bytes);
                    events.add(
                            new DecodedEvent(
                                    rec.programId,
                                    payload.version().programName(),
                                    payload.version().label(),
                                    payload.eventName(),
                                    signature,
                                    slot,
                                    blockTime,
                                    txIndex,
                                    t,
                                    index,
                                    source,
                                    payload.json()));
                } catch (DecodeException e) {
                    failures.add(
                            new DecodeFailure(
                                    rec.programId,
                                    signature,
                                    slot,
                                    txIndex,
                                    t,
                                    index,
                                    bytes,
                                    e.kind(),
                                    e.getMessage()));
                }
            }
        }

        private void txFailure(String programId, FailureKind kind, String reason) {
            failures.add(
                    new DecodeFailure(
                            programId, signature, slot, txIndex, -1, -1, null, kind, reason));
        }
    }
}
