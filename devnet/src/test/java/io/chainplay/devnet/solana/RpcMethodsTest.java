package io.chainplay.devnet.solana;

import io.chainplay.schemas.solana.Base58;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.chainplay.devnet.solana.TestRpc.config;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every method over real HTTP, checked against Solana's JSON-RPC documentation
 * (https://solana.com/docs/rpc/http — getSlot, getBlock, getBlocks, getBlocksWithLimit,
 * getBlockHeight, getBlockTime, getSignaturesForAddress, getTransaction, getSignatureStatuses,
 * getHealth, getVersion, getLatestBlockhash, getGenesisHash, getEpochInfo) and the node's error
 * codes and messages in Agave's rpc-client-api/src/custom_error.rs.
 */
class RpcMethodsTest {

    private static final Instant GENESIS = Instant.parse("2025-10-28T18:00:00Z");
    private static SolanaDevnet devnet;
    private static TestRpc rpc;
    private static long start;
    private static long finalized;

    @BeforeAll
    static void start() {
        devnet =
                SolanaDevnet.builder()
                        .manualClock()
                        .seed(21)
                        .genesisTime(GENESIS)
                        .transactionsPerSecond(10)
                        .skippedSlotFraction(0.1)
                        .start();
        rpc = new TestRpc(devnet.url());
        devnet.advance(400);
        start = devnet.startSlot();
        finalized = devnet.slot(Commitment.FINALIZED);
    }

    @AfterAll
    static void stop() {
        devnet.close();
    }

    @Test
    void getSlotFollowsCommitmentAndDefaultsToFinalized() {
        long processed = rpc.result("getSlot", config("commitment", "processed")).asLong();
        long confirmed = rpc.result("getSlot", config("commitment", "confirmed")).asLong();
        assertThat(rpc.result("getSlot").asLong()).isEqualTo(finalized);
        assertThat(processed).isGreaterThanOrEqualTo(confirmed);
        assertThat(confirmed).isGreaterThan(finalized);
        assertThat(processed).isLessThanOrEqualTo(devnet.tipSlot());
        assertThat(devnet.tipSlot() - finalized).isBetween(32L, 40L);
        // Deprecated names still work.
        assertThat(rpc.result("getSlot", config("commitment", "max")).asLong())
                .isEqualTo(finalized);
        JsonNode error = rpc.error("getSlot", config("commitment", "soon"));
        assertThat(error.get("code").asInt()).isEqualTo(-32602);
    }

    @Test
    void minContextSlotNotReached() {
        JsonNode error = rpc.error("getSlot", config("minContextSlot", finalized + 1_000));
        assertThat(error.get("code").asInt()).isEqualTo(-32016);
        assertThat(error.get("message").asText())
                .isEqualTo("Minimum context slot has not been reached");
        assertThat(error.get("data").get("contextSlot").asLong()).isEqualTo(finalized);
    }

    @Test
    void blocksChainTogether() {
        JsonNode slots = rpc.result("getBlocks", start, finalized);
        List<Long> expected = new ArrayList<>();
        Set<Long> skipped = new HashSet<>(devnet.groundTruth().slotsWithoutBlock(start, finalized));
        for (long slot = start; slot <= finalized; slot++) {
            if (!skipped.contains(slot)) {
                expected.add(slot);
            }
        }
        assertThat(longs(slots)).isEqualTo(expected).hasSizeLessThan((int) (finalized - start + 1));
        assertThat(longs(rpc.result("getBlocks", start))).isEqualTo(expected);
        assertThat(longs(rpc.result("getBlocksWithLimit", start, 5)))
                .isEqualTo(expected.subList(0, 5));
        JsonNode previous = null;
        for (long slot : expected.subList(1, 60)) {
            JsonNode block =
                    rpc.result("getBlock", slot, config("maxSupportedTransactionVersion", 0));
            if (previous != null) {
                assertThat(block.get("parentSlot").asLong())
                        .isEqualTo(previous.get("slot").asLong());
                assertThat(block.get("previousBlockhash").asText())
                        .isEqualTo(previous.get("blockhash").asText());
                assertThat(block.get("blockHeight").asLong())
                        .isEqualTo(previous.get("height").asLong() + 1);
            }
            assertThat(block.get("blockTime").asLong())
                    .isEqualTo(GENESIS.getEpochSecond() + (slot - start) * 400 / 1000);
            assertThat(rpc.result("getBlockTime", slot).asLong())
                    .isEqualTo(block.get("blockTime").asLong());
            assertThat(Base58.decode(block.get("blockhash").asText())).hasSize(32);
            previous =
                    TestRpc.readTree(
                            "{\"slot\":"
                                    + slot
                                    + ",\"blockhash\":\""
                                    + block.get("blockhash").asText()
                                    + "\",\"height\":"
                                    + block.get("blockHeight").asLong()
                                    + "}");
        }
        long confirmed = devnet.slot(Commitment.CONFIRMED);
        assertThat(longs(rpc.result("getBlocks", finalized, config("commitment", "confirmed"))))
                .startsWith(finalized)
                .endsWith(confirmed);
    }

    @Test
    void getBlockTransactionDetailsAndRewards() {
        long slot = busySlot();
        JsonNode full = rpc.result("getBlock", slot, config("maxSupportedTransactionVersion", 0));
        assertThat(full.fieldNames())
                .toIterable()
                .containsExactly(
                        "previousBlockhash",
                        "blockhash",
                        "parentSlot",
                        "transactions",
                        "rewards",
                        "blockTime",
                        "blockHeight");
        JsonNode reward = full.get("rewards").get(0);
        assertThat(reward.get("rewardType").asText()).isEqualTo("Fee");
        assertThat(reward.get("lamports").asLong()).isPositive();
        assertThat(reward.get("commission").isNull()).isTrue();
        JsonNode signatures =
                rpc.result("getBlock", slot, config("transactionDetails", "signatures"));
        assertThat(signatures.has("transactions")).isFalse();
        assertThat(signatures.get("signatures")).hasSize(full.get("transactions").size());
        assertThat(signatures.get("signatures").get(0).asText())
                .isEqualTo(
                        full.get("transactions")
                                .get(0)
                                .get("transaction")
                                .get("signatures")
                                .get(0)
                                .asText());
        JsonNode none =
                rpc.result(
                        "getBlock", slot, config("transactionDetails", "none", "rewards", false));
        assertThat(none.fieldNames())
                .toIterable()
                .containsExactly(
                        "previousBlockhash", "blockhash", "parentSlot", "blockTime", "blockHeight");
        // The deprecated second parameter: an encoding string.
        assertThat(rpc.error("getBlock", slot, "json").get("code").asInt()).isEqualTo(-32015);
    }

    @Test
    void getBlockErrorsAreTheNodes() {
        long skipped = devnet.groundTruth().slotsWithoutBlock(start, finalized).get(0);
        assertError(
                rpc.error("getBlock", skipped),
                -32007,
                "Slot "
                        + skipped
                        + " was skipped, or missing due to ledger jump to recent snapshot");
        long future = devnet.tipSlot() + 10;
        assertError(
                rpc.error("getBlock", future, config("commitment", "confirmed")),
                -32004,
                "Block not available for slot " + future);
        assertError(
                rpc.error("getBlock", start - 1),
                -32001,
                "Block "
                        + (start - 1)
                        + " cleaned up, does not exist on node. First available block: "
                        + start);
        assertError(
                rpc.error("getBlock", busySlot()),
                -32015,
                "Transaction version (0) is not supported by the requesting client. Please try the"
                        + " request again with the following configuration parameter:"
                        + " \"maxSupportedTransactionVersion\": 0");
        assertError(
                rpc.error("getBlock", busySlot(), config("commitment", "processed")),
                -32602,
                "Method does not support commitment below `confirmed`");
        assertError(rpc.error("getBlock"), -32602, "`params` should have at least 1 argument(s)");
        assertThat(rpc.error("getBlock", -5).get("code").asInt()).isEqualTo(-32602);
        assertThat(rpc.error("getBlock", "12").get("code").asInt()).isEqualTo(-32602);
        assertThat(
                        rpc.error("getBlock", busySlot(), config("encoding", "jsonParsed"))
                                .get("code")
                                .asInt())
                .isEqualTo(-32602);
        // Without transactions there is nothing to refuse.
        assertThat(
                        rpc.result(
                                        "getBlock",
                                        busySlot(),
                                        config("transactionDetails", "signatures"))
                                .has("signatures"))
                .isTrue();
    }

    @Test
    void getTransactionFindsKnownAndNullsUnknown() {
        GeneratedEvent event = devnet.groundTruth().finalEvents(start, finalized).get(0);
        JsonNode tx =
                rpc.result(
                        "getTransaction",
                        event.txSignature(),
                        config("maxSupportedTransactionVersion", 0));
        assertThat(tx.get("slot").asLong()).isEqualTo(event.slot());
        assertThat(tx.get("blockTime").asLong()).isEqualTo(event.blockTime());
        byte[] unknown = new byte[64];
        unknown[0] = 1;
        assertThat(rpc.result("getTransaction", Base58.encode(unknown)).isNull()).isTrue();
        assertError(
                rpc.error("getTransaction", "not-base58-0OIl"), -32602, "Invalid param: Invalid");
        assertError(rpc.error("getTransaction", "3x"), -32602, "Invalid param: WrongSize");
        assertThat(
                        rpc.error(
                                        "getTransaction",
                                        event.txSignature(),
                                        config("commitment", "processed"))
                                .get("message")
                                .asText())
                .isEqualTo("Method does not support commitment below `confirmed`");
    }

    @Test
    void signaturesForAddressNewestFirstWithPaging() {
        String program = FareVaultProgram.PROGRAM_ID;
        JsonNode all = rpc.result("getSignaturesForAddress", program);
        assertThat(all.size()).isBetween(100, 1_000);
        long previousSlot = Long.MAX_VALUE;
        for (JsonNode entry : all) {
            assertThat(entry.fieldNames())
                    .toIterable()
                    .containsExactly(
                            "signature", "slot", "err", "memo", "blockTime", "confirmationStatus");
            assertThat(entry.get("slot").asLong())
                    .isLessThanOrEqualTo(previousSlot)
                    .isLessThanOrEqualTo(finalized);
            assertThat(entry.get("confirmationStatus").asText()).isEqualTo("finalized");
            previousSlot = entry.get("slot").asLong();
        }
        // Paging back with "before" lists every final event's transaction, once.
        List<String> paged = new ArrayList<>(signatures(all));
        while (true) {
            JsonNode older =
                    rpc.result(
                            "getSignaturesForAddress",
                            program,
                            config("before", paged.get(paged.size() - 1), "limit", 400));
            if (older.isEmpty()) {
                break;
            }
            paged.addAll(signatures(older));
        }
        Set<String> listed = new HashSet<>(paged);
        assertThat(listed).hasSameSizeAs(paged);
        devnet.groundTruth().finalEvents(start, finalized).stream()
                .filter(e -> e.programId().equals(program))
                .forEach(e -> assertThat(listed).contains(e.txSignature()));

        JsonNode page = rpc.result("getSignaturesForAddress", program, config("limit", 5));
        assertThat(signatures(page)).isEqualTo(signatures(all).subList(0, 5));
        String before = all.get(4).get("signature").asText();
        String until = all.get(12).get("signature").asText();
        assertThat(
                        signatures(
                                rpc.result(
                                        "getSignaturesForAddress",
                                        program,
                                        config("before", before, "limit", 3))))
                .isEqualTo(signatures(all).subList(5, 8));
        assertThat(
                        signatures(
                                rpc.result(
                                        "getSignaturesForAddress",
                                        program,
                                        config("before", before, "until", until))))
                .isEqualTo(signatures(all).subList(5, 12));
        byte[] unknown = new byte[64];
        unknown[5] = 9;
        assertThat(
                        rpc.result(
                                "getSignaturesForAddress",
                                program,
                                config("before", Base58.encode(unknown))))
                .isEmpty();
        JsonNode confirmed =
                rpc.result(
                        "getSignaturesForAddress",
                        program,
                        config("commitment", "confirmed", "limit", 1000));
        assertThat(confirmed.get(0).get("slot").asLong()).isGreaterThan(finalized);
        assertThat(confirmed.get(0).get("confirmationStatus").asText()).isEqualTo("confirmed");

        assertError(
                rpc.error("getSignaturesForAddress", program, config("limit", 1001)),
                -32602,
                "Invalid limit; max 1000");
        assertError(rpc.error("getSignaturesForAddress", "abc0"), -32602, "Invalid param: Invalid");
        assertError(
                rpc.error("getSignaturesForAddress", "abc"), -32602, "Invalid param: WrongSize");
        assertThat(
                        rpc.error(
                                        "getSignaturesForAddress",
                                        program,
                                        config("commitment", "processed"))
                                .get("code")
                                .asInt())
                .isEqualTo(-32602);
        assertThat(rpc.result("getSignaturesForAddress", Keys.named("nobody"))).isEmpty();
    }

    @Test
    void signatureStatusesFromTheStatusCacheOrHistory() {
        List<GeneratedEvent> events =
                devnet.groundTruth().finalEvents(start, devnet.slot(Commitment.CONFIRMED));
        GeneratedEvent old = events.get(0);
        GeneratedEvent recent = events.get(events.size() - 1);
        byte[] unknown = new byte[64];
        unknown[1] = 7;
        JsonNode statuses =
                rpc.result(
                        "getSignatureStatuses",
                        List.of(old.txSignature(), recent.txSignature(), Base58.encode(unknown)));
        assertThat(statuses.get("context").get("slot").asLong())
                .isEqualTo(devnet.slot(Commitment.PROCESSED));
        JsonNode values = statuses.get("value");
        assertThat(values.get(0).isNull()).as("older than the status cache").isTrue();
        JsonNode status = values.get(1);
        assertThat(status.fieldNames())
                .toIterable()
                .containsExactly("slot", "confirmations", "err", "status", "confirmationStatus");
        assertThat(status.get("slot").asLong()).isEqualTo(recent.slot());
        assertThat(status.get("confirmationStatus").asText()).isIn("confirmed", "finalized");
        assertThat(status.get("status").get("Ok").isNull()).isTrue();
        assertThat(values.get(2).isNull()).isTrue();

        JsonNode searched =
                rpc.result(
                        "getSignatureStatuses",
                        List.of(old.txSignature()),
                        config("searchTransactionHistory", true));
        JsonNode found = searched.get("value").get(0);
        assertThat(found.get("confirmationStatus").asText()).isEqualTo("finalized");
        assertThat(found.get("confirmations").isNull()).isTrue();

        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 257; i++) {
            tooMany.add(old.txSignature());
        }
        assertError(
                rpc.error("getSignatureStatuses", tooMany),
                -32602,
                "Too many inputs provided; max 256");
    }

    @Test
    void smallMethods() {
        assertThat(rpc.result("getHealth").asText()).isEqualTo("ok");
        JsonNode version = rpc.result("getVersion");
        assertThat(version.get("solana-core").asText()).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(version.get("feature-set").isNumber()).isTrue();
        assertThat(Base58.decode(rpc.result("getGenesisHash").asText())).hasSize(32);
        assertThat(rpc.result("getFirstAvailableBlock").asLong()).isEqualTo(start);
        JsonNode finalizedBlock =
                rpc.result("getBlock", finalized, config("transactionDetails", "none"));
        assertThat(rpc.result("getBlockHeight").asLong())
                .isEqualTo(finalizedBlock.get("blockHeight").asLong());
        JsonNode latest = rpc.result("getLatestBlockhash");
        assertThat(latest.get("context").get("slot").asLong()).isEqualTo(finalized);
        assertThat(latest.get("context").get("apiVersion").asText()).isNotEmpty();
        assertThat(latest.get("value").get("blockhash").asText())
                .isEqualTo(finalizedBlock.get("blockhash").asText());
        assertThat(latest.get("value").get("lastValidBlockHeight").asLong())
                .isEqualTo(finalizedBlock.get("blockHeight").asLong() + 150);
        JsonNode epoch = rpc.result("getEpochInfo", config("commitment", "confirmed"));
        assertThat(epoch.get("absoluteSlot").asLong()).isEqualTo(devnet.slot(Commitment.CONFIRMED));
        assertThat(epoch.get("epoch").asLong())
                .isEqualTo(devnet.slot(Commitment.CONFIRMED) / 432_000);
    }

    @Test
    void batchesAnswerInOrderAndSkipNotifications() {
        String batch =
                "["
                        + TestRpc.request(1, "getSlot")
                        + ","
                        + TestRpc.request("two", "getNothing")
                        + ","
                        + "{\"jsonrpc\":\"2.0\",\"method\":\"getSlot\"}"
                        + ","
                        + TestRpc.request(4, "getHealth")
                        + "]";
        JsonNode answers = TestRpc.readTree(rpc.post(batch).body());
        assertThat(answers).hasSize(3);
        assertThat(answers.get(0).get("id").asInt()).isEqualTo(1);
        assertThat(answers.get(0).get("result").asLong()).isEqualTo(finalized);
        assertThat(answers.get(1).get("id").asText()).isEqualTo("two");
        assertError(answers.get(1).get("error"), -32601, "Method not found");
        assertThat(answers.get(2).get("result").asText()).isEqualTo("ok");
    }

    @Test
    void malformedRequests() {
        HttpResponse<String> parse = rpc.post("{\"jsonrpc\":");
        assertThat(parse.statusCode()).isEqualTo(200);
        JsonNode parseError = TestRpc.readTree(parse.body());
        assertError(parseError.get("error"), -32700, "Parse error");
        assertThat(parseError.get("id").isNull()).isTrue();
        assertError(
                TestRpc.readTree(
                                rpc.post("{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"getSlot\"}")
                                        .body())
                        .get("error"),
                -32600,
                "Invalid request");
        assertError(
                TestRpc.readTree(rpc.post("[]").body()).get("error"), -32600, "Invalid request");
        assertThat(rpc.post("{\"jsonrpc\":\"2.0\",\"method\":\"getSlot\"}").body()).isEmpty();
    }

    @Test
    void httpHealthAndMethods() throws Exception {
        HttpResponse<String> health =
                rpc.http.send(
                        HttpRequest.newBuilder(URI.create(devnet.url() + "health")).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("ok");
        HttpResponse<String> get =
                rpc.http.send(
                        HttpRequest.newBuilder(URI.create(devnet.url())).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
    }

    private static long busySlot() {
        for (GeneratedEvent event : devnet.groundTruth().finalEvents(start + 20, finalized)) {
            JsonNode block =
                    rpc.result("getBlock", event.slot(), config("transactionDetails", "none"));
            if (block != null) {
                return event.slot();
            }
        }
        throw new AssertionError("no busy slot");
    }

    static void assertError(JsonNode error, int code, String message) {
        assertThat(error.get("code").asInt()).as(error.toString()).isEqualTo(code);
        assertThat(error.get("message").asText()).isEqualTo(message);
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> out = new ArrayList<>();
        array.forEach(node -> out.add(node.asLong()));
        return out;
    }

    private static List<String> signatures(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(node -> out.add(node.get("signature").asText()));
        return out;
    }
}
