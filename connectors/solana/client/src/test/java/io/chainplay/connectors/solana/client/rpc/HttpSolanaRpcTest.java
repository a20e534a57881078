package io.chainplay.connectors.solana.client.rpc;

import io.chainplay.connectors.solana.client.decode.BlockEvents;
import io.chainplay.connectors.solana.client.decode.TransactionDecoder;
import io.chainplay.connectors.solana.client.decode.TransactionEvents;
import io.chainplay.connectors.solana.client.idl.IdlRegistry;
import io.chainplay.connectors.solana.client.rpc.FakeRpcNode.Reply;
import io.chainplay.connectors.solana.client.testing.Fixtures;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The HTTP client against in-process nodes that answer as the Solana JSON-RPC docs describe
 * (https://solana.com/docs/rpc/http/getblock, .../gettransaction, .../getblocks,
 * .../getsignaturesforaddress, .../getsignaturestatuses, .../getslot) and misbehave on purpose.
 */
class HttpSolanaRpcTest {

    private final List<FakeRpcNode> nodes = new ArrayList<>();

    @AfterEach
    void stop() {
        nodes.forEach(FakeRpcNode::close);
    }

    private FakeRpcNode node(Function<JsonNode, Reply> script) throws IOException {
        FakeRpcNode node = new FakeRpcNode(script);
        nodes.add(node);
        return node;
    }

    private static HttpSolanaRpcBuilder fast(String... urls) {
        return HttpSolanaRpc.builder()
                .setEndpoints(urls)
                .setInitialBackoff(Duration.ofMillis(20))
                .setMaxBackoff(Duration.ofMillis(200))
                .setRequestTimeout(Duration.ofSeconds(5))
                .setMaxAttempts(4);
    }

    /** A block made of the three real mainnet transactions, shaped as getBlock returns it. */
    static String blockJson() {
        ObjectNode block = Fixtures.MAPPER.createObjectNode();
        block.put("blockHeight", 354_603_917L);
        block.put("blockTime", 1_761_676_473L);
        block.put("blockhash", "4dVeBKwnoW4kSZH2uS5YkYzP3vX3b2n8y4rKKJ8Hx2jv");
        block.put("parentSlot", 376_411_672L);
        block.put("previousBlockhash", "9Lnbn2UoEQ4tYqEPjmkyZN7gvVHbMwtXfU8Gu4Awm5mA");
        ArrayNode transactions = block.putArray("transactions");
        for (String fixture : List.of(Fixtures.JSON1, Fixtures.JSON2, Fixtures.JSON3)) {
            JsonNode result = Fixtures.json(fixture).get("result");
            ObjectNode tx = transactions.addObject();
            tx.set("meta", result.get("meta"));
            tx.set("transaction", result.get("transaction"));
            tx.set("version", result.get("version"));
        }
        return block.toString();
    }

    @Test
    void getTransactionOfARealResponseDecodes() throws IOException {
        String response = Fixtures.text(Fixtures.JSON3);
        FakeRpcNode node = node(req -> Reply.ok(response));
        try (HttpSolanaRpc rpc = fast(node.url()).build()) {
            Optional<TransactionResponse> tx =
                    rpc.getTransaction("2zNeSn8cJpTA", Commitment.CONFIRMED);

            assertThat(tx).isPresent();
            assertThat(tx.get().slot()).isEqualTo(376_396_640L);
            assertThat(tx.get().blockTime()).isEqualTo(1_761_670_504L);
            TransactionEvents events =
                    TransactionDecoder.of(
                                    IdlRegistry.builder()
                                            .add(
                                                    Fixtures.PUMP_AMM,
                                                    Fixtures.idl(Fixtures.PUMP_AMM_IDL),
                                                    0)
                                            .build())
                            .decodeTransactionResult(tx.get().result());
            assertThat(events.events())
                    .singleElement()
                    .satisfies(e -> assertThat(e.eventName()).isEqualTo("BuyEvent"));
        }
        JsonNode request = node.requests.get(0);
        assertThat(request.get("method").asText()).isEqualTo("getTransaction");
        assertThat(request.get("params").get(0).asText()).isEqualTo("2zNeSn8cJpTA");
        assertThat(request.get("params").get(1))
                .isEqualTo(
                        Fixtures.tree(
                                "{\"commitment\":\"confirmed\",\"encoding\":\"json\",\"maxSupportedTransactionVersion\":0}"));
    }

    @Test
    void unknownSignatureIsEmpty() throws IOException {
        FakeRpcNode node = node(req -> Reply.ok(FakeRpcNode.result(req, "null")));
        try (HttpSolanaRpc rpc = fast(node.url()).build()) {
            assertThat(rpc.getTransaction("x", Commitment.FINALIZED)).isEmpty();
        }
    }

    @Test
    void getBlockParsesTheBlockAndDecodesItsEvents() throws IOException {
        String block = blockJson();
        FakeRpcNode node = node(req -> Reply.ok(FakeRpcNode.result(req, block)).gzipped());
        try (HttpSolanaRpc rpc = fast(node.url()).build()) {
            Block b = rpc.getBlock(376_411_673L, Commitment.CONFIRMED).orElseThrow();

            assertThat(b.slot()).isEqualTo(376_411_673L);
            assertThat(b.parentSlot()).isEqualTo(376_411_672L);
            assertThat(b.blockhash()).isEqualTo("4dVeBKwnoW4kSZH2uS5YkYzP3vX3b2n8y4rKKJ8Hx2jv");
            assertThat(b.previousBlockhash())
                    .isEqualTo("9Lnbn2UoEQ4tYqEPjmkyZN7gvVHbMwtXfU8Gu4Awm5mA");
            assertThat(b.blockTime()).isEqualTo(1_761_676_473L);
            assertThat(b.blockHeight()).isEqualTo(354_603_917L);
            assertThat(b.transactions()).hasSize(3);
            IdlRegistry registry =
                    IdlRegistry.builder()
                            .add(Fixtures.PUMP_AMM, Fixtures.idl(Fixtures.PUMP_AMM_IDL), 0)
                            .add(Fixtures.RAYDIUM_CLMM, Fixtures.idl(Fixtures.RAYDIUM_IDL), 0)
                            .build();
            BlockEvents events = TransactionDecoder.of(registry).decodeBlock(b);
            assertThat(events.events())
                    .extracting(e -> e.eventName())
                    .containsExactly("SwapEvent", "BuyEvent", "BuyEvent");
        }
        JsonNode params = node.requests.get(0).get("params");
        assertThat(params.get(0).asLong()).isEqualTo(376_411_673L);
        assertThat(params.get(1))
                .isEqualTo(
                        Fixtures.tree(
                                "{\"commitment\":\"confirmed\",\"encoding\":\"json\",\"transactionDetails\":\"full\",\"rewards\":false,\"maxSupportedTransactionVersion\":0}"));
        assertThat(node.requestHeaders.get(0).get("Accept-encoding")).containsExactly("gzip");
    }

    @Test
    void headerFetchAsksForNoTransactions() throws IOException {
        FakeRpcNode node =
                node(
                        req ->
                                Reply.ok(
                                        FakeRpcNode.result(
                                                req,
                                                "{\"blockHeight\":1,\"blockTime\":null,\"blockhash\":\"h\",\"parentSlot\":4,\"previousBlockhash\":\"p\"}")));
        try (HttpSolanaRpc rpc = fast(node.url()).build()) {
            Block header = rpc.getBlockHeader(5, Commitment.FINALIZED).orElseThrow();
            assertThat(header.transactions()).isEmpty();
            assertThat(header.blockTime()).isNull();
        }
        assertThat(node.requests.get(0).at("/params/1/transactionDetails").asText())
                .isEqualTo("none");
    }

    @Test
    void skippedSlotsAreEmptyAndBlocksNotYetThereAreTransient() throws IOException {
        FakeRpcNode node =
                node(
                        req -> {
                            long slot = req.at("/params/0").asLong();
                            if (slot == 1) {
                                return Reply.ok(
                                        FakeRpcNode.error(
                                                req,
                                                -32007,
                                                "Slot 1 was skipped, or missing due to ledger jump to recent snapshot"));
                            }
                            if (slot == 2) {
                                return Reply.ok(
                                        FakeRpcNode.error(
                                                req,
                                                -32009,
                                                "Slot 2 was skipped, or missing in long-term storage"));
                            }
                            return Reply.ok(
                                    FakeRpcNode.error(
                                            req, -32004, "Block not available for slot " + slot));
                        });
        try (HttpSolanaRpc rpc = fast(node.url()).build()) {
            assertThat(rpc.getBlock(1, Commitment.CONFIRMED)).isEmpty();
            assertThat(rpc.getBlock(2, Commitment.FINALIZED)).isEmpty();
            assertThatThrownBy(() -> rpc.getBlock(3, Commitment.CONFIRMED))
                    .isInstanceOfSatisfying(
                            BlockNotAvailableException.class,
                            e -> {
                                assertThat(e.slot()).isEqualTo(3);
                                assertThat(e.isTransient()).isTrue();
                                assertThat(e.rpcCode()).isEqualTo(-32004L);
                            })
                    .hasMessage("Block not available for slot 3");
        }
        assertThat(node.count.get()).isEqualTo(3); // none of these is retried by the client
    }

    @Test
    void tooManyRequestsHonoursRetryAfter() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        FakeRpcNode node =
                node(
                        req ->
                                calls.incrementAndGet() == 1
                                        ? Reply.status(
                                                429,
                                                Map.of("Retry-After", "1"),
                                                "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":429,\"message\":\"Too many requests\"}}")
                                        : Reply.ok(FakeRpcNode.result(req, "376411673")));
        try (HttpSolanaRpc rpc = fast(node.url()).build()) {
            long start = System.nanoTime();
            assertThat(rpc.getSlot(Commitment.CONFIRMED)).isEqualTo(376_411_673L);
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(950));
        }
        assertThat(node.count.get()).isEqualTo(2);
    }

    @Test
    void serverErrorFailsOverAndStaysOnTheHealthyEndpoint() throws IOException {
        FakeRpcNode sick = node(req -> Reply.status(503, Map.of(), "Service Unavailable"));
        FakeRpcNode healthy = node(req -> Reply.ok(FakeRpcNode.result(req, "42")));
        try (HttpSolanaRpc rpc =
                fast(sick.url(), healthy.url())
                        .setMaxBackoff(Duration.ofSeconds(5))
                        .setInitialBackoff(Duration.ofSeconds(2))
                        .build()) {
            for (int i = 0; i < 5; i++) {
                assertThat(rpc.getSlot(Commitment.FINALIZED)).isEqualTo(42);
            }
        }
        assertThat(sick.count.get()).isEqualTo(1);
        assertThat(healthy.count.get()).isEqualTo(5);
    }

    @Test
    void slowEndpointTimesOutAndTheNextAnswers() throws IOException {
        FakeRpcNode slow = node(req -> Reply.ok(FakeRpcNode.result(req, "1")).delayed(3000));
        FakeRpcNode quick = node(req -> Reply.ok(FakeRpcNode.result(req, "2")));
        try (HttpSolanaRpc rpc =
                fast(slow.url(), quick.url()).setRequestTimeout(Duration.ofMillis(300)).build()) {
            long start = System.nanoTime();
            assertThat(rpc.getSlot(Commitment.CONFIRMED)).isEqualTo(2);
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isLessThan(Duration.ofMillis(2500));
        }
    }

    @Test
    void refusedConnectionFailsOver() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        FakeRpcNode node = node(req -> Reply.ok(FakeRpcNode.result(req, "7")));
        try (HttpSolanaRpc rpc =
                fast("http://127.0.0.1:" + closedPort + "/?token=abc", node.url()).build()) {
            assertThat(rpc.getSlot(Commitment.CONFIRMED)).isEqualTo(7);
        }
    }

    @Test
    void nodeBehindFailsOverToAHealthyNode() throws IOException {
        FakeRpcNode behind =
                node(
                        req ->
                                Reply.ok(
                                        FakeRpcNode.error(
                                                req, -32005, "Node is behind by 1500 slots")));
        FakeRpcNode healthy = node(req -> Reply.ok(FakeRpcNode.result(req, "9")));
        try (HttpSolanaRpc rpc = fast(behind.url(), healthy.url()).build()) {
            assertThat(rpc.getSlot(Commitment.CONFIRMED)).isEqualTo(9);
        }
    }

    @Test
    void cleanedUpBlockIsAskedOfTheArchiveNode() throws IOException {
        FakeRpcNode pruned =
                node(
                        req ->
                                Reply.ok(
                                        FakeRpcNode.error(
                                                req,
                                                -32001,
                                                "Block 5 cleaned up, does not exist on node. First available block: 900")));
        String block = blockJson();
        FakeRpcNode archive = node(req -> Reply.ok(FakeRpcNode.result(req, block)));
        try (HttpSolanaRpc rpc = fast(pruned.url(), archive.url()).build()) {
            assertThat(rpc.getBlock(5, Commitment.FINALIZED)).isPresent();
        }
        try (HttpSolanaRpc onlyPruned = fast(pruned.url()).build()) {
            assertThatThrownBy(() -> onlyPruned.getBlock(5, Commitment.FINALIZED))
                    .isInstanceOfSatisfying(
                            RpcException.class, e -> assertThat(e.isTransient()).isFalse())
                    .hasMessageContaining("-32001: Block 5 cleaned up");
        }
    }

    @Test
    void giveUpIsTransientAndNamesNoSecret() throws IOException {
        FakeRpcNode a = node(req -> Reply.status(502, Map.of(), "Bad Gateway"));
        FakeRpcNode b = node(req -> Reply.status(500, Map.of(), "oops"));
        try (HttpSolanaRpc rpc = fast(a.url(), b.url()).setMaxAttempts(3).build()) {
            assertThatThrownBy(() -> rpc.getSlot(Commitment.CONFIRMED))
                    .isInstanceOfSatisfying(
                            RpcException.class,
                            e -> {
                                assertThat(e.isTransient()).isTrue();
                                assertThat(e.method()).isEqualTo("getSlot");
                            })
                    .hasMessageContaining("getSlot gave up after 3 attempts")
                    .hasMessageContaining("http://127.0.0.1:" + a.port() + "/***?***")
                    .hasMessageNotContaining("SECRET-KEY");
        }
        assertThat(a.count.get() + b.count.get()).isEqualTo(3);
    }

    @Test
    void invalidParamsFailFastWithTheNodesMessage() throws IOException {
        FakeRpcNode node =
                node(req -> Reply.ok(FakeRpcNode.error(req, -32602, "Invalid param: WrongSize")));
        FakeRpcNode other = node(req -> Reply.ok(FakeRpcNode.result(req, "null")));
        try (HttpSolanaRpc rpc = fast(node.url(), other.url()).build()) {
            assertThatThrownBy(() -> rpc.getTransaction("bad", Commitment.CONFIRMED))
                    .isInstanceOfSatisfying(
                            RpcException.class,
                            e -> {
                                assertThat(e.isTransient()).isFalse();
                                assertThat(e.rpcCode()).isEqualTo(-32602L);
                                assertThat(e.endpoint())
                                        .isEqualTo("http://127.0.0.1:" + node.port() + "/***?***");
                            })
                    .hasMessage(
                            "getTransaction failed at http://127.0.0.1:"
                                    + node.port()
                                    + "/***?***: JSON-RPC error -32602: Invalid param: WrongSize");
        }
        assertThat(node.count.get()).isEqualTo(1);
        assertThat(other.count.get()).isZero();
    }

    @Test
    void rejectedApiKeyFailsFast() throws IOException {
        FakeRpcNode node =
                node(
                        req ->
                                Reply.status(
                                        401,
                                        Map.of(),
                                        "{\"error\":\"invalid api key SECRET-KEY for "
                                                + "http://127.0.0.1/rpc/v2?api-key=SECRET-KEY\"}"));
        try (HttpSolanaRpc rpc = fast(node.url()).build()) {
            assertThatThrownBy(() -> rpc.getSlot(Commitment.CONFIRMED))
                    .isInstanceOfSatisfying(
                            RpcException.class, e -> assertThat(e.httpStatus()).isEqualTo(401))
                    .hasMessageContaining("HTTP 401 (check the endpoint's API key or auth header)")
                    .hasMessageNotContaining("api-key=SECRET-KEY");
        }
        assertThat(node.count.get()).isEqualTo(1);
    }

    @Test
    void batchWithMixedResultsRetriesOnlyWhatWasLost() throws IOException {
        String block = blockJson();
        Map<Long, AtomicInteger> asked = new ConcurrentHashMap<>();
        FakeRpcNode node =
                node(
                        req -> {
                            assertThat(req.isArray()).isTrue();
                            ArrayNode answer = Fixtures.MAPPER.createArrayNode();
                            for (JsonNode call : req) {
                                long slot = call.at("/params/0").asLong();
                                int times =
                                        asked.computeIfAbsent(slot, s -> new AtomicInteger())
                                                .incrementAndGet();
                                String element =
                                        switch ((int) slot) {
                                            case 10 -> FakeRpcNode.result(call, block);
                                            case 11 ->
                                                    FakeRpcNode.error(
                                                            call,
                                                            -32007,
                                                            "Slot 11 was skipped, or missing due to ledger jump to recent snapshot");
                                            case 12 ->
                                                    FakeRpcNode.error(
                                                            call,
                                                            -32004,
                                                            "Block not available for slot 12");
                                            case 13 ->
                                                    FakeRpcNode.error(
                                                            call, -32602, "Invalid params");
                                            case 14 ->
                                                    times == 1
                                                            ? null
                                                            : FakeRpcNode.result(
                                                                    call,
                                                                    block); // lost, then answered
                                            case 15 ->
                                                    times == 1
                                                            ? FakeRpcNode.error(
                                                                    call,
                                                                    -32005,
                                                                    "Node is behind by 40 slots")
                                                            : FakeRpcNode.result(call, block);
                                            default -> throw new AssertionError(slot);
                                        };
                                if (element != null) {
                                    answer.insert(
                                            0,
                                            Fixtures.tree(
                                                    element)); // answers may come in any order
                                }
                            }
                            return Reply.ok(answer.toString());
                        });
        try (HttpSolanaRpc rpc = fast(node.url()).setMaxBatchSize(10).build()) {
            List<BlockFetch> fetched =
                    rpc.getBlocksBatch(List.of(10L, 11L, 12L, 13L, 14L, 15L), Commitment.CONFIRMED);

            assertThat(fetched)
                    .extracting(BlockFetch::slot)
                    .containsExactly(10L, 11L, 12L, 13L, 14L, 15L);
            assertThat(fetched.get(0)).isInstanceOf(BlockFetch.Found.class);
            assertThat(fetched.get(1)).isInstanceOf(BlockFetch.Skipped.class);
            assertThat(fetched.get(2)).isInstanceOf(BlockFetch.NotAvailable.class);
            assertThat(fetched.get(3))
                    .isInstanceOfSatisfying(
                            BlockFetch.Failed.class,
                            f -> {
                                assertThat(f.error().rpcCode()).isEqualTo(-32602L);
                                assertThat(f.error().isTransient()).isFalse();
                            });
            assertThat(fetched.get(4))
                    .isInstanceOfSatisfying(
                            BlockFetch.Found.class,
                            f -> assertThat(f.block().slot()).isEqualTo(14));
            assertThat(fetched.get(5)).isInstanceOf(BlockFetch.Found.class);
        }
        assertThat(node.count.get()).isEqualTo(2);
        assertThat(asked.get(10L).get()).isEqualTo(1);
        assertThat(asked.get(14L).get()).isEqualTo(2);
        assertThat(asked.get(15L).get()).isEqualTo(2);
        assertThat(node.requests.get(1)).hasSize(2);
    }

    @Test
    void batchesAreChunkedAndRefusedBatchesFallBackToSingleCalls() throws IOException {
        String block = blockJson();
        FakeRpcNode node =
                node(
                        req ->
                                req.isArray()
                                        ? Reply.ok(
                                                "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"Batch requests are not allowed\"}}")
                                        : Reply.ok(FakeRpcNode.result(req, block)));
        try (HttpSolanaRpc rpc = fast(node.url()).setMaxBatchSize(2).build()) {
            List<BlockFetch> fetched =
                    rpc.getBlocksBatch(List.of(1L, 2L, 3L, 4L, 5L), Commitment.FINALIZED);
            assertThat(fetched).allSatisfy(f -> assertThat(f).isInstanceOf(BlockFetch.Found.class));
            assertThat(fetched).extracting(BlockFetch::slot).containsExactly(1L, 2L, 3L, 4L, 5L);
        }
        assertThat(node.requests.stream().filter(JsonNode::isArray).map(JsonNode::size))
                .containsExactly(2, 2, 1);
        assertThat(node.requests.stream().filter(JsonNode::isObject).count()).isEqualTo(5);
    }

    @Test
    void rateLimitSpacesCalls() throws IOException {
        FakeRpcNode node = node(req -> Reply.ok(FakeRpcNode.result(req, "1")));
        try (HttpSolanaRpc rpc = fast(node.url()).setRateLimit(20).setRateLimitBurst(1).build()) {
            long start = System.nanoTime();
            for (int i = 0; i < 11; i++) {
                rpc.getSlot(Commitment.CONFIRMED);
            }
            // 1 from the burst, then 10 at 20/s: at least 500 ms.
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(480));
        }
    }

    @Test
    void concurrentCallsThroughFlakyEndpointsAreNeitherLostNorDuplicated() throws Exception {
        AtomicInteger n = new AtomicInteger();
        Function<JsonNode, Reply> flaky =
                req ->
                        n.incrementAndGet() % 3 == 0
                                ? Reply.status(503, Map.of(), "busy")
                                : Reply.ok(
                                        FakeRpcNode.result(req, "[" + req.at("/params/0") + "]"));
        FakeRpcNode a = node(flaky);
        FakeRpcNode b = node(flaky);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (HttpSolanaRpc rpc =
                fast(a.url(), b.url())
                        .setMaxAttempts(20)
                        .setInitialBackoff(Duration.ofMillis(5))
                        .setMaxBackoff(Duration.ofMillis(40))
                        .build()) {
            List<Future<List<Long>>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int base = t * 1000;
                futures.add(
                        pool.submit(
                                () -> {
                                    List<Long> got = new ArrayList<>();
                                    for (int i = 0; i < 25; i++) {
                                        got.addAll(
                                                rpc.getBlocks(
                                                        base + i, base + i, Commitment.CONFIRMED));
                                    }
                                    return got;
                                }));
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> f : futures) {
                all.addAll(f.get());
            }
            assertThat(all).hasSize(200).doesNotHaveDuplicates();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void otherMethodsSpeakTheDocumentedShapes() throws IOException {
        FakeRpcNode node =
                node(
                        req ->
                                switch (req.get("method").asText()) {
                                    case "getBlocks" ->
                                            Reply.ok(FakeRpcNode.result(req, "[5,6,7,8,9,10]"));
                                    case "getSignaturesForAddress" ->
                                            Reply.ok(
                                                    FakeRpcNode.result(
                                                            req,
                                                            "[{\"err\":null,\"memo\":null,\"signature\":\"5h6x\",\"slot\":114,\"blockTime\":null,\"confirmationStatus\":\"finalized\"},"
                                                                    + "{\"err\":{\"InstructionError\":[0,{\"Custom\":1}]},\"memo\":\"hi\",\"signature\":\"3a\",\"slot\":113,\"blockTime\":1700000000}]"));
                                    case "getSignatureStatuses" ->
                                            Reply.ok(
                                                    FakeRpcNode.result(
                                                            req,
                                                            "{\"context\":{\"slot\":82},\"value\":[{\"slot\":48,\"confirmations\":null,\"err\":null,\"status\":{\"Ok\":null},\"confirmationStatus\":\"finalized\"},null]}"));
                                    default ->
                                            Reply.ok(
                                                    FakeRpcNode.error(
                                                            req, -32601, "Method not found"));
                                });
        try (HttpSolanaRpc rpc = fast(node.url()).build()) {
            assertThat(rpc.getBlocks(5, 10, Commitment.FINALIZED))
                    .containsExactly(5L, 6L, 7L, 8L, 9L, 10L);

            List<SignatureInfo> sigs =
                    rpc.getSignaturesForAddress(
                            Fixtures.FARE_VAULT, "before", null, 2, Commitment.CONFIRMED);
            assertThat(sigs.get(0))
                    .isEqualTo(
                            new SignatureInfo("5h6x", 114, null, null, null, Commitment.FINALIZED));
            assertThat(sigs.get(1).failed()).isTrue();
            assertThat(sigs.get(1).memo()).isEqualTo("hi");

            List<Optional<SignatureStatus>> statuses =
                    rpc.getSignatureStatuses(List.of("5h6x", "gone"), true);
            assertThat(statuses.get(0))
                    .contains(new SignatureStatus("5h6x", 48, null, null, Commitment.FINALIZED));
            assertThat(statuses.get(1)).isEmpty();

            assertThatThrownBy(() -> rpc.getSlot(Commitment.PROCESSED))
                    .hasMessageContaining("getSlot failed at")
                    .hasMessageContaining("-32601: Method not found");
        }
        assertThat(node.requests.get(0).get("params"))
                .isEqualTo(Fixtures.tree("[5,10,{\"commitment\":\"finalized\"}]"));
        assertThat(node.requests.get(1).get("params"))
                .isEqualTo(
                        Fixtures.tree(
                                "[\""
                                        + Fixtures.FARE_VAULT
                                        + "\",{\"commitment\":\"confirmed\",\"limit\":2,\"before\":\"before\"}]"));
        assertThat(node.requests.get(2).get("params"))
                .isEqualTo(
                        Fixtures.tree("[[\"5h6x\",\"gone\"],{\"searchTransactionHistory\":true}]"));
    }

    @Test
    void callerMistakesFailBeforeAnyRequest() throws IOException {
        FakeRpcNode node = node(req -> Reply.ok(FakeRpcNode.result(req, "1")));
        try (HttpSolanaRpc rpc = fast(node.url()).build()) {
            assertThatThrownBy(() -> rpc.getBlock(1, Commitment.PROCESSED))
                    .hasMessageContaining("getBlock does not support commitment processed");
            assertThatThrownBy(() -> rpc.getBlocks(0, 600_000, Commitment.FINALIZED))
                    .hasMessageContaining("at most 500,000 slots apart");
            assertThatThrownBy(
                            () ->
                                    rpc.getSignaturesForAddress(
                                            "a", null, null, 0, Commitment.FINALIZED))
                    .hasMessageContaining("limit must be 1..1000");
            assertThatThrownBy(
                            () ->
                                    rpc.getSignatureStatuses(
                                            java.util.Collections.nCopies(257, "s"), false))
                    .hasMessageContaining("at most 256");
        }
        assertThat(node.count.get()).isZero();
    }
}
