package io.chainplay.devnet.solana;

import io.chainplay.devnet.solana.Ledger.Heads;
import io.chainplay.devnet.solana.Ledger.Placement;
import io.chainplay.schemas.solana.Base58;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The JSON-RPC 2.0 methods, answered from the ledger the way an Agave node answers them.
 *
 * <p>Shapes follow the node's serde structs and Solana's JSON-RPC documentation
 * (https://solana.com/docs/rpc); error codes and messages are those of Agave's {@code
 * rpc-client-api/src/custom_error.rs}. The reads that depend on commitment take one snapshot of the
 * heads per request, so a response is consistent even while slots are produced.
 */
final class RpcMethods {

    static final int MAX_SIGNATURES_LIMIT = 1_000;
    static final int MAX_STATUS_SIGNATURES = 256;
    static final long MAX_BLOCKS_RANGE = 500_000;

    /** Statuses a node finds without searchTransactionHistory: its status cache. */
    static final long STATUS_CACHE_SLOTS = 300;

    static final long SLOTS_PER_EPOCH = 432_000;
    static final int BLOCKHASH_VALIDITY = 150;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A result, computed and checked, waiting to be written. */
    @FunctionalInterface
    interface Result {
        void write(JsonGenerator g) throws IOException;
    }

    private final Ledger ledger;
    private final DevnetConfig config;

    RpcMethods(Ledger ledger, DevnetConfig config) {
        this.ledger = ledger;
        this.config = config;
    }

    /**
     * Answers a request body: one request or a batch. Returns the empty array when nothing is owed
     * (notifications only).
     */
    byte[] handle(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4_096);
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            JsonNode request;
            try {
                request = MAPPER.readTree(body);
            } catch (IOException e) {
                request = null;
            }
            if (request == null || request.isMissingNode()) {
                writeError(g, new RpcException(RpcException.PARSE_ERROR, "Parse error"), null);
            } else if (request.isArray()) {
                if (request.isEmpty()) {
                    writeError(
                            g,
                            new RpcException(RpcException.INVALID_REQUEST, "Invalid request"),
                            null);
                } else {
                    boolean answered = false;
                    g.writeStartArray();
                    for (JsonNode single : request) {
                        answered |= respond(g, single);
                    }
                    g.writeEndArray();
                    if (!answered) {
                        return new byte[0];
                    }
                }
            } else if (!respond(g, request)) {
                return new byte[0];
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes the response to one request; false for a notification (no id: no response). */
    private boolean respond(JsonGenerator g, JsonNode request) throws IOException {
        if (!request.isObject()
                || !"2.0".equals(request.path("jsonrpc").asText(null))
                || !request.path("method").isTextual()) {
            writeError(g, new RpcException(RpcException.INVALID_REQUEST, "Invalid request"), null);
            return true;
        }
        JsonNode id = request.get("id");
        Result result = null;
        RpcException error = null;
        try {
            result = call(request.get("method").asText(), new Params(request.get("params")));
        } catch (RpcException e) {
            error = e;
        }
        if (id == null) {
            return false;
        }
        if (error != null) {
            writeError(g, error, id);
            return true;
        }
        g.writeStartObject();
        g.writeStringField("jsonrpc", "2.0");
        g.writeFieldName("result");
        result.write(g);
        g.writeFieldName("id");
        g.writeTree(id);
        g.writeEndObject();
        return true;
    }

    private static void writeError(JsonGenerator g, RpcException error, JsonNode id)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("jsonrpc", "2.0");
        g.writeObjectFieldStart("error");
        g.writeNumberField("code", error.code);
        g.writeStringField("message", error.getMessage());
        if (error.data != null) {
            g.writeFieldName("data");
            g.writeTree(error.data);
        }
        g.writeEndObject();
        g.writeFieldName("id");
        if (id == null) {
            g.writeNull();
        } else {
            g.writeTree(id);
        }
        g.writeEndObject();
    }

    Result call(String method, Params params) throws RpcException {
        return switch (method) {
            case "getSlot" -> getSlot(params);
            case "getBlockHeight" -> getBlockHeight(params);
            case "getBlock" -> getBlock(params);
            case "getBlocks" -> getBlocks(params);
            case "getBlocksWithLimit" -> getBlocksWithLimit(params);
            case "getBlockTime" -> getBlockTime(params);
            case "getTransaction" -> getTransaction(params);
            case "getSignaturesForAddress" -> getSignaturesForAddress(params);
            case "getSignatureStatuses" -> getSignatureStatuses(params);
            case "getLatestBlockhash" -> getLatestBlockhash(params);
            case "getEpochInfo" -> getEpochInfo(params);
            case "getFirstAvailableBlock", "minimumLedgerSlot" -> {
                long first = ledger.firstAvailableSlot();
                yield g -> g.writeNumber(first);
            }
            case "getGenesisHash" -> g -> g.writeString(ledger.genesisHash());
            case "getHealth" -> g -> g.writeString("ok");
            case "getVersion" ->
                    g -> {
                        g.writeStartObject();
                        g.writeStringField("solana-core", DevnetConfig.SOLANA_CORE_VERSION);
                        g.writeNumberField("feature-set", DevnetConfig.FEATURE_SET);
                        g.writeEndObject();
                    };
            default -> throw new RpcException(RpcException.METHOD_NOT_FOUND, "Method not found");
        };
    }

    // ---------------------------------------------------------------- slots and heights

    private Result getSlot(Params params) throws RpcException {
        JsonNode config = params.config(0);
        Block head = ledger.heads().of(commitment(config, Commitment.FINALIZED));
        checkMinContextSlot(config, head.slot());
        return g -> g.writeNumber(head.slot());
    }

    private Result getBlockHeight(Params params) throws RpcException {
        JsonNode config = params.config(0);
        Block head = ledger.heads().of(commitment(config, Commitment.FINALIZED));
        checkMinContextSlot(config, head.slot());
        return g -> g.writeNumber(head.blockHeight());
    }

    private Result getLatestBlockhash(Params params) throws RpcException {
        JsonNode config = params.config(0);
        Block head = ledger.heads().of(commitment(config, Commitment.FINALIZED));
        checkMinContextSlot(config, head.slot());
        return g ->
                withContext(
                        g,
                        head.slot(),
                        () -> {
                            g.writeStartObject();
                            g.writeStringField("blockhash", head.blockhash());
                            g.writeNumberField(
                                    "lastValidBlockHeight",
                                    head.blockHeight() + BLOCKHASH_VALIDITY);
                            g.writeEndObject();
                        });
    }

    private Result getEpochInfo(Params params) throws RpcException {
        JsonNode config = params.config(0);
        Block head = ledger.heads().of(commitment(config, Commitment.FINALIZED));
        checkMinContextSlot(config, head.slot());
        return g -> {
            g.writeStartObject();
            g.writeNumberField("absoluteSlot", head.slot());
            g.writeNumberField("blockHeight", head.blockHeight());
            g.writeNumberField("epoch", head.slot() / SLOTS_PER_EPOCH);
            g.writeNumberField("slotIndex", head.slot() % SLOTS_PER_EPOCH);
            g.writeNumberField("slotsInEpoch", SLOTS_PER_EPOCH);
            g.writeNullField("transactionCount");
            g.writeEndObject();
        };
    }

    // ---------------------------------------------------------------- blocks

    private Result getBlock(Params params) throws RpcException {
        params.require(1);
        long slot = params.u64(0);
        JsonNode config = params.config(1);
        Commitment commitment = commitment(config, Commitment.FINALIZED);
        atLeastConfirmed(commitment);
        checkEncoding(config);
        String details = text(config, "transactionDetails", "full");
        if (!List.of("full", "signatures", "none", "accounts").contains(details)) {
            throw RpcException.invalidParams(
                    "Invalid params: unknown variant `"
                            + details
                            + "`, expected one of `full`, `signatures`, `none`, `accounts`.");
        }
        if (details.equals("accounts")) {
            throw RpcException.invalidParams(
                    "Invalid params: transactionDetails \"accounts\" is not served by this"
                            + " devnet; use \"full\", \"signatures\" or \"none\".");
        }
        boolean rewards = bool(config, "rewards", true);
        Integer maxVersion = maxSupportedVersion(config);
        Block block = block(slot, commitment, ledger.heads());
        if (details.equals("full") && maxVersion == null) {
            for (DevnetTransaction tx : block.transactions()) {
                if (!tx.legacy) {
                    throw RpcException.unsupportedVersion(0);
                }
            }
        }
        return g -> writeBlock(g, block, details, rewards, maxVersion);
    }

    /** The block at a slot as a node decides what to answer, or the error it answers instead. */
    private Block block(long slot, Commitment commitment, Heads heads) throws RpcException {
        long first = ledger.firstAvailableSlot();
        if (slot < first) {
            throw RpcException.blockCleanedUp(slot, first);
        }
        long root = heads.root().slot();
        if (slot <= root) {
            Block block = ledger.block(slot);
            if (block != null && block.canonical()) {
                return block;
            }
            // Older slots than the local ledger keeps are answered from long-term storage.
            throw root - slot > config.localLedgerSlots
                    ? RpcException.longTermStorageSlotSkipped(slot)
                    : RpcException.slotSkipped(slot);
        }
        Block block = ledger.visibleBlock(slot, commitment, heads);
        if (block == null) {
            throw RpcException.blockNotAvailable(slot);
        }
        return block;
    }

    private static void writeBlock(
            JsonGenerator g, Block block, String details, boolean rewards, Integer maxVersion)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("previousBlockhash", block.previousBlockhash());
        g.writeStringField("blockhash", block.blockhash());
        g.writeNumberField("parentSlot", block.parentSlot());
        if (details.equals("full")) {
            g.writeArrayFieldStart("transactions");
            for (DevnetTransaction tx : block.transactions()) {
                g.writeStartObject();
                g.writeFieldName("transaction");
                tx.writeTransaction(g);
                g.writeFieldName("meta");
                tx.writeMeta(g, rewards);
                tx.writeVersion(g, maxVersion);
                g.writeEndObject();
            }
            g.writeEndArray();
        } else if (details.equals("signatures")) {
            g.writeArrayFieldStart("signatures");
            for (DevnetTransaction tx : block.transactions()) {
                g.writeString(tx.signature());
            }
            g.writeEndArray();
        }
        if (rewards) {
            g.writeArrayFieldStart("rewards");
            if (block.leaderReward() > 0) {
                g.writeStartObject();
                g.writeStringField("pubkey", block.leader());
                g.writeNumberField("lamports", block.leaderReward());
                g.writeNumberField("postBalance", block.leaderPostBalance());
                g.writeStringField("rewardType", "Fee");
                g.writeNullField("commission");
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeNumberField("blockTime", block.blockTime());
        g.writeNumberField("blockHeight", block.blockHeight());
        g.writeEndObject();
    }

    private Result getBlocks(Params params) throws RpcException {
        params.require(1);
        long start = params.u64(0);
        Long end = null;
        JsonNode config;
        if (params.get(1) != null && params.get(1).isObject()) {
            config = params.config(1);
        } else {
            end = params.optionalU64(1);
            config = params.config(2);
        }
        Commitment commitment = commitment(config, Commitment.FINALIZED);
        atLeastConfirmed(commitment);
        Heads heads = ledger.heads();
        long last = end != null ? end : heads.of(commitment).slot();
        if (last >= start && last - start > MAX_BLOCKS_RANGE) {
            throw RpcException.invalidParams("Slot range too large; max " + MAX_BLOCKS_RANGE);
        }
        List<Long> slots = ledger.blockSlots(start, last, commitment, heads, Integer.MAX_VALUE);
        return g -> writeLongs(g, slots);
    }

    private Result getBlocksWithLimit(Params params) throws RpcException {
        params.require(2);
        long start = params.u64(0);
        long limit = params.u64(1);
        if (limit > MAX_BLOCKS_RANGE) {
            throw RpcException.invalidParams("Limit too large; max " + MAX_BLOCKS_RANGE);
        }
        Commitment commitment = commitment(params.config(2), Commitment.FINALIZED);
        atLeastConfirmed(commitment);
        Heads heads = ledger.heads();
        List<Long> slots =
                ledger.blockSlots(
                        start, heads.of(commitment).slot(), commitment, heads, (int) limit);
        return g -> writeLongs(g, slots);
    }

    private Result getBlockTime(Params params) throws RpcException {
        params.require(1);
        long slot = params.u64(0);
        Block block = block(slot, Commitment.PROCESSED, ledger.heads());
        return g -> g.writeNumber(block.blockTime());
    }

    // ---------------------------------------------------------------- transactions

    private Result getTransaction(Params params) throws RpcException {
        params.require(1);
        String signature = signature(params.string(0));
        JsonNode config = params.config(1);
        Commitment commitment = commitment(config, Commitment.FINALIZED);
        atLeastConfirmed(commitment);
        checkEncoding(config);
        Integer maxVersion = maxSupportedVersion(config);
        Placement placement = ledger.transaction(signature, commitment, ledger.heads());
        if (placement == null) {
            return JsonGenerator::writeNull;
        }
        DevnetTransaction tx = placement.transaction();
        if (!tx.legacy && maxVersion == null) {
            throw RpcException.unsupportedVersion(0);
        }
        return g -> {
            g.writeStartObject();
            g.writeNumberField("slot", placement.block().slot());
            g.writeFieldName("transaction");
            tx.writeTransaction(g);
            g.writeFieldName("meta");
            tx.writeMeta(g, true);
            tx.writeVersion(g, maxVersion);
            g.writeNumberField("blockTime", placement.block().blockTime());
            g.writeEndObject();
        };
    }

    private Result getSignaturesForAddress(Params params) throws RpcException {
        params.require(1);
        String address = pubkey(params.string(0));
        JsonNode config = params.config(1);
        long limit =
                config == null || config.get("limit") == null || config.get("limit").isNull()
                        ? MAX_SIGNATURES_LIMIT
                        : u64Field(config, "limit");
        if (limit == 0 || limit > MAX_SIGNATURES_LIMIT) {
            throw RpcException.invalidParams("Invalid limit; max " + MAX_SIGNATURES_LIMIT);
        }
        String before = optionalSignature(config, "before");
        String until = optionalSignature(config, "until");
        Commitment commitment = commitment(config, Commitment.FINALIZED);
        atLeastConfirmed(commitment);
        Heads heads = ledger.heads();
        checkMinContextSlot(config, heads.of(commitment).slot());
        List<Placement> found;
        if (before != null) {
            Placement start = ledger.transaction(before, commitment, heads);
            // An unknown "before" signature ends the search, as the node's blockstore does.
            found =
                    start == null
                            ? List.of()
                            : ledger.history(
                                    address,
                                    start,
                                    until,
                                    (int) limit,
                                    p -> ledger.visible(p, commitment, heads));
        } else {
            found =
                    ledger.history(
                            address,
                            null,
                            until,
                            (int) limit,
                            p -> ledger.visible(p, commitment, heads));
        }
        long root = heads.root().slot();
        return g -> {
            g.writeStartArray();
            for (Placement placement : found) {
                DevnetTransaction tx = placement.transaction();
                g.writeStartObject();
                g.writeStringField("signature", tx.signature());
                g.writeNumberField("slot", placement.block().slot());
                g.writeFieldName("err");
                tx.writeError(g);
                g.writeNullField("memo");
                g.writeNumberField("blockTime", placement.block().blockTime());
                g.writeStringField(
                        "confirmationStatus",
                        placement.block().slot() <= root ? "finalized" : "confirmed");
                g.writeEndObject();
            }
            g.writeEndArray();
        };
    }

    private Result getSignatureStatuses(Params params) throws RpcException {
        params.require(1);
        JsonNode array = params.get(0);
        if (array == null || !array.isArray()) {
            throw RpcException.invalidParams(
                    "Invalid params: invalid type: " + describe(array) + ", expected a sequence.");
        }
        if (array.size() > MAX_STATUS_SIGNATURES) {
            throw RpcException.invalidParams(
                    "Too many inputs provided; max " + MAX_STATUS_SIGNATURES);
        }
        List<String> signatures = new ArrayList<>();
        for (JsonNode item : array) {
            if (!item.isTextual()) {
                throw RpcException.invalidParams(
                        "Invalid params: invalid type: " + describe(item) + ", expected a string.");
            }
            signatures.add(signature(item.asText()));
        }
        boolean searchHistory = bool(params.config(1), "searchTransactionHistory", false);
        Heads heads = ledger.heads();
        Block processed = heads.processed();
        long root = heads.root().slot();
        List<Placement> statuses = new ArrayList<>();
        for (String signature : signatures) {
            Placement placement = ledger.transaction(signature, Commitment.PROCESSED, heads);
            boolean inStatusCache =
                    placement != null
                            && placement.block().slot() > processed.slot() - STATUS_CACHE_SLOTS;
            statuses.add(inStatusCache || (placement != null && searchHistory) ? placement : null);
        }
        return g ->
                withContext(
                        g,
                        processed.slot(),
                        () -> {
                            g.writeStartArray();
                            for (Placement placement : statuses) {
                                if (placement == null) {
                                    g.writeNull();
                                    continue;
                                }
                                Block block = placement.block();
                                DevnetTransaction tx = placement.transaction();
                                g.writeStartObject();
                                g.writeNumberField("slot", block.slot());
                                if (block.slot() <= root) {
                                    g.writeNullField("confirmations");
                                } else {
                                    g.writeNumberField(
                                            "confirmations",
                                            processed.blockHeight() - block.blockHeight());
                                }
                                g.writeFieldName("err");
                                tx.writeError(g);
                                g.writeObjectFieldStart("status");
                                if (tx.failed()) {
                                    g.writeFieldName("Err");
                                    tx.writeError(g);
                                } else {
                                    g.writeNullField("Ok");
                                }
                                g.writeEndObject();
                                String status =
                                        block.slot() <= root
                                                ? "finalized"
                                                : block.isAncestorOf(heads.confirmed())
                                                        ? "confirmed"
                                                        : "processed";
                                g.writeStringField("confirmationStatus", status);
                                g.writeEndObject();
                            }
                            g.writeEndArray();
                        });
    }

    // ---------------------------------------------------------------- helpers

    private interface Body {
        void write() throws IOException;
    }

    /** {@code {"context": {"apiVersion", "slot"}, "value": ...}}, an RpcResponse. */
    private static void withContext(JsonGenerator g, long slot, Body value) throws IOException {
        g.writeStartObject();
        g.writeObjectFieldStart("context");
        g.writeStringField("apiVersion", DevnetConfig.SOLANA_CORE_VERSION);
        g.writeNumberField("slot", slot);
        g.writeEndObject();
        g.writeFieldName("value");
        value.write();
        g.writeEndObject();
    }

    private static void writeLongs(JsonGenerator g, List<Long> values) throws IOException {
        g.writeStartArray();
        for (long value : values) {
            g.writeNumber(value);
        }
        g.writeEndArray();
    }

    private static Commitment commitment(JsonNode config, Commitment fallback) throws RpcException {
        if (config == null
                || config.get("commitment") == null
                || config.get("commitment").isNull()) {
            return fallback;
        }
        JsonNode value = config.get("commitment");
        // The node still accepts the deprecated names.
        return switch (value.asText()) {
            case "processed", "recent" -> Commitment.PROCESSED;
            case "confirmed", "single", "singleGossip" -> Commitment.CONFIRMED;
            case "finalized", "root", "max" -> Commitment.FINALIZED;
            default ->
                    throw RpcException.invalidParams(
                            "Invalid params: unknown variant `"
                                    + value.asText()
                                    + "`, expected one of `processed`, `confirmed`, `finalized`.");
        };
    }

    private static void atLeastConfirmed(Commitment commitment) throws RpcException {
        if (commitment == Commitment.PROCESSED) {
            throw RpcException.invalidParams(
                    "Method does not support commitment below `confirmed`");
        }
    }

    private static void checkMinContextSlot(JsonNode config, long contextSlot) throws RpcException {
        if (config == null || config.get("minContextSlot") == null) {
            return;
        }
        long minimum = u64Field(config, "minContextSlot");
        if (contextSlot < minimum) {
            ObjectNode data = JsonNodeFactory.instance.objectNode();
            data.put("contextSlot", contextSlot);
            throw new RpcException(
                    RpcException.MIN_CONTEXT_SLOT_NOT_REACHED,
                    "Minimum context slot has not been reached",
                    data);
        }
    }

    private static void checkEncoding(JsonNode config) throws RpcException {
        String encoding = text(config, "encoding", "json");
        switch (encoding) {
            case "json":
                return;
            case "jsonParsed", "base58", "base64", "binary":
                throw RpcException.invalidParams(
                        "Invalid params: encoding \""
                                + encoding
                                + "\" is not served by this devnet; use \"json\".");
            default:
                throw RpcException.invalidParams(
                        "Invalid params: unknown variant `"
                                + encoding
                                + "`, expected one of `binary`, `base64`, `base58`, `json`,"
                                + " `jsonParsed`.");
        }
    }

    private static Integer maxSupportedVersion(JsonNode config) throws RpcException {
        if (config == null
                || config.get("maxSupportedTransactionVersion") == null
                || config.get("maxSupportedTransactionVersion").isNull()) {
            return null;
        }
        long version = u64Field(config, "maxSupportedTransactionVersion");
        if (version > 255) {
            throw RpcException.invalidParams(
                    "Invalid params: invalid value: integer `" + version + "`, expected u8.");
        }
        return (int) version;
    }

    private static String text(JsonNode config, String field, String fallback) throws RpcException {
        if (config == null || config.get(field) == null || config.get(field).isNull()) {
            return fallback;
        }
        JsonNode value = config.get(field);
        if (!value.isTextual()) {
            throw RpcException.invalidParams(
                    "Invalid params: invalid type: " + describe(value) + ", expected a string.");
        }
        return value.asText();
    }

    private static boolean bool(JsonNode config, String field, boolean fallback)
            throws RpcException {
        if (config == null || config.get(field) == null || config.get(field).isNull()) {
            return fallback;
        }
        JsonNode value = config.get(field);
        if (!value.isBoolean()) {
            throw RpcException.invalidParams(
                    "Invalid params: invalid type: " + describe(value) + ", expected a boolean.");
        }
        return value.asBoolean();
    }

    private static long u64Field(JsonNode config, String field) throws RpcException {
        return u64(config.get(field));
    }

    static long u64(JsonNode value) throws RpcException {
        if (value == null
                || !value.isIntegralNumber()
                || value.bigIntegerValue().signum() < 0
                || value.bigIntegerValue().bitLength() > 63) {
            throw RpcException.invalidParams(
                    "Invalid params: invalid type: " + describe(value) + ", expected u64.");
        }
        return value.asLong();
    }

    private static String optionalSignature(JsonNode config, String field) throws RpcException {
        String text = text(config, field, null);
        return text == null ? null : signature(text);
    }

    /** Validates a base58 public key as the node does ({@code Invalid param: WrongSize}). */
    static String pubkey(String text) throws RpcException {
        return checkBase58(text, 32, 44);
    }

    static String signature(String text) throws RpcException {
        return checkBase58(text, 64, 88);
    }

    private static String checkBase58(String text, int bytes, int maxChars) throws RpcException {
        if (text.length() > maxChars) {
            throw RpcException.invalidParams("Invalid param: WrongSize");
        }
        byte[] decoded;
        try {
            decoded = Base58.decode(text);
        } catch (IllegalArgumentException e) {
            throw RpcException.invalidParams("Invalid param: Invalid");
        }
        if (decoded.length != bytes) {
            throw RpcException.invalidParams("Invalid param: WrongSize");
        }
        return text;
    }

    /** How serde names the type of an unexpected value. */
    private static String describe(JsonNode value) {
        if (value == null || value.isNull()) {
            return "null";
        }
        if (value.isTextual()) {
            return "string \"" + value.asText() + "\"";
        }
        if (value.isBoolean()) {
            return "boolean `" + value.asText() + "`";
        }
        if (value.isIntegralNumber()) {
            return "integer `" + value.asText() + "`";
        }
        if (value.isNumber()) {
            return "floating point `" + value.asText() + "`";
        }
        if (value.isArray()) {
            return "sequence";
        }
        return value.isObject() ? "map" : value.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /** Positional parameters. */
    static final class Params {
        private final JsonNode array;

        Params(JsonNode params) throws RpcException {
            if (params == null || params.isNull()) {
                this.array = JsonNodeFactory.instance.arrayNode();
            } else if (params.isArray()) {
                this.array = params;
            } else {
                throw RpcException.invalidParams(
                        "Invalid params: invalid type: "
                                + describe(params)
                                + ", expected a sequence.");
            }
        }

        void require(int count) throws RpcException {
            if (array.size() < count) {
                throw RpcException.invalidParams(
                        "`params` should have at least " + count + " argument(s)");
            }
        }

        /** The parameter, or null when absent or JSON null. */
        JsonNode get(int index) {
            JsonNode value = array.get(index);
            return value == null || value.isNull() ? null : value;
        }

        long u64(int index) throws RpcException {
            return RpcMethods.u64(get(index));
        }

        Long optionalU64(int index) throws RpcException {
            return get(index) == null ? null : RpcMethods.u64(get(index));
        }

        String string(int index) throws RpcException {
            JsonNode value = get(index);
            if (value == null || !value.isTextual()) {
                throw RpcException.invalidParams(
                        "Invalid params: invalid type: "
                                + describe(value)
                                + ", expected a string.");
            }
            return value.asText();
        }

        /**
         * A configuration object; a bare string is the deprecated form of {@code {"encoding": ...}}
         * that the node still accepts.
         */
        JsonNode config(int index) throws RpcException {
            JsonNode value = get(index);
            if (value == null) {
                return null;
            }
            if (value.isTextual()) {
                ObjectNode wrapped = JsonNodeFactory.instance.objectNode();
                wrapped.put("encoding", value.asText());
                return wrapped;
            }
            if (!value.isObject()) {
                throw RpcException.invalidParams(
                        "Invalid params: invalid type: " + describe(value) + ", expected a map.");
            }
            return value;
        }
    }
}
