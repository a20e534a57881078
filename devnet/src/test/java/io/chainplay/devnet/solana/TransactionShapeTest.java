package io.chainplay.devnet.solana;

import io.chainplay.schemas.solana.Base58;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.chainplay.devnet.solana.TestRpc.config;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Transactions as the devnet serves them, against what a real node serves: the recorded mainnet
 * getTransaction responses for the shape, the runtime's log grammar, and the ground truth for where
 * every event sits.
 */
class TransactionShapeTest {

    private static final Pattern INVOKE = Pattern.compile("Program (\\w+) invoke \\[(\\d+)\\]");
    private static final Pattern CONSUMED =
            Pattern.compile("Program (\\w+) consumed (\\d+) of (\\d+) compute units");
    private static final Pattern SUCCESS = Pattern.compile("Program (\\w+) success");
    private static final Pattern FAILED = Pattern.compile("Program (\\w+) failed: (.+)");
    private static final Set<String> GAME_PROGRAMS =
            Set.of(FareVaultProgram.PROGRAM_ID, SolanaMafiaProgram.PROGRAM_ID);

    private static SolanaDevnet devnet;
    private static TestRpc rpc;
    private static List<JsonNode> transactions = new ArrayList<>();
    private static long lastFinalized;

    @BeforeAll
    static void start() {
        devnet =
                SolanaDevnet.builder()
                        .manualClock()
                        .seed(3)
                        .genesisTime(Instant.parse("2025-10-28T18:00:00Z"))
                        .transactionsPerSecond(60)
                        .failedTransactionFraction(0.05)
                        .routerShare(0.3)
                        .selfCpiShare(0.3)
                        .earningsInterval(java.time.Duration.ofSeconds(20))
                        .start();
        rpc = new TestRpc(devnet.url());
        devnet.advance(150);
        lastFinalized = devnet.slot(Commitment.FINALIZED);
        JsonNode slots = rpc.result("getBlocks", devnet.startSlot(), lastFinalized);
        for (JsonNode slot : slots) {
            JsonNode block =
                    rpc.result(
                            "getBlock",
                            slot.asLong(),
                            config("maxSupportedTransactionVersion", 0, "rewards", false));
            for (JsonNode tx : block.get("transactions")) {
                transactions.add(tx);
            }
        }
    }

    @AfterAll
    static void stop() {
        devnet.close();
    }

    @Test
    void v0TransactionHasTheRecordedFieldsAndTypes() {
        JsonNode recorded =
                TestRpc.fixture("solana/agavesim__JSON3_getTransaction_2zNeSn8cJpTA.json");
        JsonNode ours = fetch(pick(false, true));
        assertThat(ours.fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("jsonrpc", "result", "id");
        assertSameShape("", recorded.get("result"), ours.get("result"));
        assertThat(ours.get("result").get("version").asInt()).isZero();
        // A v0 message that loads accounts through a lookup table lists them in meta.
        JsonNode loaded = ours.get("result").get("meta").get("loadedAddresses");
        assertThat(loaded.get("writable").size() + loaded.get("readonly").size()).isPositive();
    }

    @Test
    void legacyTransactionHasTheRecordedFieldsButNoLookups() {
        JsonNode recorded =
                TestRpc.fixture("solana/agavesim__JSON1_getTransaction_2cd7QQSByKy6.json");
        JsonNode ours = fetch(pick(true, false)).get("result");
        assertThat(ours.get("version").asText()).isEqualTo("legacy");
        assertThat(ours.get("transaction").get("message").has("addressTableLookups")).isFalse();
        ((com.fasterxml.jackson.databind.node.ObjectNode) ours).put("version", 0);
        ((com.fasterxml.jackson.databind.node.ObjectNode) ours.get("transaction").get("message"))
                .set(
                        "addressTableLookups",
                        recorded.get("result")
                                .get("transaction")
                                .get("message")
                                .get("addressTableLookups"));
        assertSameShape("", recorded.get("result"), ours);
        // Old clients (no maxSupportedTransactionVersion) get legacy transactions without a
        // version.
        JsonNode old =
                rpc.result(
                        "getTransaction",
                        signature(pick(true, false)),
                        config("commitment", "finalized"));
        assertThat(old.has("version")).isFalse();
    }

    @Test
    void everyTransactionIsInternallyConsistent() {
        assertThat(transactions).hasSizeGreaterThan(300);
        for (JsonNode tx : transactions) {
            JsonNode message = tx.get("transaction").get("message");
            JsonNode meta = tx.get("meta");
            int accounts =
                    message.get("accountKeys").size()
                            + meta.get("loadedAddresses").get("writable").size()
                            + meta.get("loadedAddresses").get("readonly").size();
            assertThat(tx.get("transaction").get("signatures"))
                    .hasSize(message.get("header").get("numRequiredSignatures").asInt());
            assertThat(meta.get("preBalances")).hasSize(accounts);
            assertThat(meta.get("postBalances")).hasSize(accounts);
            for (JsonNode instruction : message.get("instructions")) {
                assertThat(instruction.get("programIdIndex").asInt())
                        .isLessThan(message.get("accountKeys").size());
                assertThat(instruction.get("stackHeight").asInt()).isEqualTo(1);
                instruction
                        .get("accounts")
                        .forEach(a -> assertThat(a.asInt()).isLessThan(accounts));
            }
            long consumed = checkLogGrammar(tx);
            assertThat(meta.get("computeUnitsConsumed").asLong()).isEqualTo(consumed);
            assertThat(Base58.decode(tx.get("transaction").get("signatures").get(0).asText()))
                    .hasSize(64);
        }
    }

    @Test
    void eventsSitWhereTheGroundTruthSays() {
        Map<String, List<GeneratedEvent>> truth = new HashMap<>();
        for (GeneratedEvent event :
                devnet.groundTruth().events(devnet.startSlot(), lastFinalized)) {
            truth.computeIfAbsent(event.txSignature(), k -> new ArrayList<>()).add(event);
        }
        Map<String, List<GeneratedEvent>> failed = new HashMap<>();
        for (GeneratedEvent event :
                devnet.groundTruth().failedTransactionEvents(devnet.startSlot(), lastFinalized)) {
            failed.computeIfAbsent(event.txSignature(), k -> new ArrayList<>()).add(event);
        }
        int selfCpi = 0;
        int viaRouter = 0;
        int failedWithEvents = 0;
        for (JsonNode tx : transactions) {
            String signature = signature(tx);
            List<String> found = eventsInLogOrder(tx);
            boolean isFailed = !tx.get("meta").get("err").isNull();
            List<GeneratedEvent> expected =
                    (isFailed ? failed : truth).getOrDefault(signature, List.of());
            assertThat(found)
                    .as(signature)
                    .containsExactlyElementsOf(
                            expected.stream()
                                    .map(
                                            e ->
                                                    e.instructionIndex()
                                                            + "/"
                                                            + e.eventIndex()
                                                            + "/"
                                                            + e.dataBase64())
                                    .toList());
            if (isFailed) {
                assertThat(truth).doesNotContainKey(signature);
                failedWithEvents += expected.isEmpty() ? 0 : 1;
                assertThat(tx.get("meta").get("status").has("Err")).isTrue();
                List<String> logs = texts(tx.get("meta").get("logMessages"));
                assertThat(logs.get(logs.size() - 1)).endsWith("failed: custom program error: 0x1");
            }
            for (GeneratedEvent event : expected) {
                selfCpi += event.selfCpi() ? 1 : 0;
                viaRouter += event.viaCpi() ? 1 : 0;
            }
        }
        assertThat(selfCpi).isPositive();
        assertThat(viaRouter).isPositive();
        assertThat(failedWithEvents).isPositive();
    }

    @Test
    void allEventsOfBothIdlsAreGenerated() {
        Set<String> names = new TreeSet<>();
        devnet.groundTruth()
                .events(devnet.startSlot(), devnet.tipSlot())
                .forEach(e -> names.add(e.eventName()));
        assertThat(names)
                .contains(
                        "AdminAddressUpdated",
                        "EvThresholdUpdated",
                        "FeeCharged",
                        "FeeNetworkPercentUpdated",
                        "MinimumFeeBurnPercentUpdated",
                        "NetworkFeeRecipientAddressUpdated",
                        "PoolAccumulatedAmountUpdated",
                        "PoolRegistered",
                        "ResolverAddressUpdated",
                        "TrialRegistered",
                        "TrialResolved",
                        "PlayerCreated",
                        "BusinessCreatedInSlot",
                        "BusinessCreated",
                        "EarningsUpdated");
    }

    /**
     * Walks the logs and inner instructions as a decoder would: "Program data:" lines of a game
     * program, and inner instructions carrying the emit_cpi! tag, per top-level instruction.
     * Returns "instruction/ordinal/base64 data".
     */
    private static List<String> eventsInLogOrder(JsonNode tx) {
        JsonNode message = tx.get("transaction").get("message");
        List<String> keys = new ArrayList<>(texts(message.get("accountKeys")));
        keys.addAll(texts(tx.get("meta").get("loadedAddresses").get("writable")));
        keys.addAll(texts(tx.get("meta").get("loadedAddresses").get("readonly")));
        Map<Integer, Iterator<JsonNode>> inner = new HashMap<>();
        for (JsonNode group : tx.get("meta").get("innerInstructions")) {
            inner.put(group.get("index").asInt(), group.get("instructions").iterator());
        }
        List<String> events = new ArrayList<>();
        Deque<String> stack = new ArrayDeque<>();
        int instruction = -1;
        int ordinal = 0;
        for (String line : texts(tx.get("meta").get("logMessages"))) {
            Matcher invoke = INVOKE.matcher(line);
            if (invoke.matches()) {
                int depth = Integer.parseInt(invoke.group(2));
                if (depth == 1) {
                    instruction++;
                    ordinal = 0;
                } else {
                    JsonNode compiled = inner.get(instruction).next();
                    assertThat(compiled.get("stackHeight").asInt()).isEqualTo(depth);
                    String program = keys.get(compiled.get("programIdIndex").asInt());
                    assertThat(program).isEqualTo(invoke.group(1));
                    byte[] data = Base58.decode(compiled.get("data").asText());
                    if (GAME_PROGRAMS.contains(program)
                            && data.length > 8
                            && HexFormat.of().formatHex(data, 0, 8).equals("e445a52e51cb9a1d")) {
                        assertThat(keys.get(compiled.get("accounts").get(0).asInt()))
                                .isEqualTo(Pda.find(program, "__event_authority"));
                        byte[] event = java.util.Arrays.copyOfRange(data, 8, data.length);
                        events.add(
                                instruction
                                        + "/"
                                        + ordinal++
                                        + "/"
                                        + Base64.getEncoder().encodeToString(event));
                    }
                }
                stack.push(invoke.group(1));
            } else if (line.startsWith("Program data: ")) {
                if (GAME_PROGRAMS.contains(stack.peek())) {
                    events.add(instruction + "/" + ordinal++ + "/" + line.substring(14));
                }
            } else if (SUCCESS.matcher(line).matches() || FAILED.matcher(line).matches()) {
                stack.pop();
            }
        }
        return events;
    }

    /** Checks invoke/consumed/success nesting; returns the transaction's compute units. */
    private static long checkLogGrammar(JsonNode tx) {
        Deque<String> stack = new ArrayDeque<>();
        long total = 0;
        for (String line : texts(tx.get("meta").get("logMessages"))) {
            Matcher invoke = INVOKE.matcher(line);
            Matcher consumed = CONSUMED.matcher(line);
            Matcher success = SUCCESS.matcher(line);
            Matcher failed = FAILED.matcher(line);
            if (invoke.matches()) {
                assertThat(Integer.parseInt(invoke.group(2))).as(line).isEqualTo(stack.size() + 1);
                stack.push(invoke.group(1));
                if (stack.size() == 1 && isBuiltin(invoke.group(1))) {
                    total += Invocation.BUILTIN_UNITS;
                }
            } else if (consumed.matches()) {
                assertThat(consumed.group(1)).isEqualTo(stack.peek());
                assertThat(Long.parseLong(consumed.group(2)))
                        .isLessThanOrEqualTo(Long.parseLong(consumed.group(3)));
                if (stack.size() == 1) {
                    total += Long.parseLong(consumed.group(2));
                }
            } else if (success.matches() || failed.matches()) {
                assertThat((success.matches() ? success : failed).group(1)).isEqualTo(stack.pop());
            } else {
                assertThat(line).matches("Program (log|data|return): .+");
                assertThat(stack).as(line).isNotEmpty();
            }
        }
        assertThat(stack).isEmpty();
        return total;
    }

    private static boolean isBuiltin(String program) {
        return program.equals(TransactionAssembler.COMPUTE_BUDGET)
                || program.equals(TransactionAssembler.SYSTEM_PROGRAM);
    }

    /** Compares keys (objects), first elements (arrays) and JSON types, recursively. */
    static void assertSameShape(String path, JsonNode expected, JsonNode actual) {
        if (expected.isObject()) {
            assertThat(actual.isObject()).as(path + " is an object").isTrue();
            Set<String> expectedKeys = new TreeSet<>();
            expected.fieldNames().forEachRemaining(expectedKeys::add);
            Set<String> actualKeys = new TreeSet<>();
            actual.fieldNames().forEachRemaining(actualKeys::add);
            assertThat(actualKeys).as(path + " keys").isEqualTo(expectedKeys);
            for (String key : expectedKeys) {
                assertSameShape(path + "." + key, expected.get(key), actual.get(key));
            }
        } else if (expected.isArray()) {
            assertThat(actual.isArray()).as(path + " is an array").isTrue();
            if (!expected.isEmpty() && !actual.isEmpty()) {
                assertSameShape(path + "[0]", expected.get(0), actual.get(0));
            }
        } else if (expected.isNumber()) {
            assertThat(actual.isNumber()).as(path + " is a number").isTrue();
        } else {
            assertThat(actual.getNodeType()).as(path).isEqualTo(expected.getNodeType());
        }
    }

    /** A finalized transaction with inner instructions, legacy or v0 (with lookups or not). */
    private static JsonNode pick(boolean legacy, boolean withLookups) {
        for (JsonNode tx : transactions) {
            boolean isLegacy = tx.get("version").isTextual();
            boolean hasLookups =
                    !isLegacy
                            && !tx.get("transaction")
                                    .get("message")
                                    .get("addressTableLookups")
                                    .isEmpty();
            if (isLegacy == legacy
                    && hasLookups == withLookups
                    && tx.get("meta").get("err").isNull()
                    && !tx.get("meta").get("innerInstructions").isEmpty()) {
                return tx;
            }
        }
        throw new AssertionError("No such transaction generated");
    }

    private static JsonNode fetch(JsonNode tx) {
        return rpc.call(
                "getTransaction",
                signature(tx),
                config("commitment", "finalized", "maxSupportedTransactionVersion", 0));
    }

    private static String signature(JsonNode tx) {
        return tx.get("transaction").get("signatures").get(0).asText();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(node -> out.add(node.asText()));
        return out;
    }
}
