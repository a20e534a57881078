package io.chainplay.connectors.solana.client.decode;

import io.chainplay.connectors.solana.client.idl.Discriminators;
import io.chainplay.connectors.solana.client.idl.IdlRegistry;
import io.chainplay.connectors.solana.client.testing.Fixtures;
import io.chainplay.connectors.solana.client.testing.Txs;
import io.chainplay.schemas.solana.Base58;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static io.chainplay.connectors.solana.client.testing.JsonAssert.assertJsonEquals;
import static org.assertj.core.api.Assertions.assertThat;

/** The three real mainnet getTransaction responses, and what goes wrong around them. */
class TransactionDecoderTest {

    static final TransactionDecoder AMM =
            TransactionDecoder.of(
                    AnchorEventVectorsTest.registry(Fixtures.PUMP_AMM, Fixtures.PUMP_AMM_IDL));
    static final JsonNode VECTORS = Fixtures.json("solana/anchor_event_decode_vectors.json");

    @Test
    void raydiumSwapEventDecodedWithTheLegacyIdlMatchesTheTokenBalances() {
        ObjectNode result = Txs.result(Fixtures.JSON1);
        TransactionDecoder decoder =
                TransactionDecoder.of(
                        AnchorEventVectorsTest.registry(
                                Fixtures.RAYDIUM_CLMM, Fixtures.RAYDIUM_IDL));

        TransactionEvents tx = decoder.decodeTransactionResult(result);

        assertThat(tx.failures()).isEmpty();
        DecodedEvent swap = tx.events().get(0);
        assertThat(tx.events()).hasSize(1);
        assertThat(swap.eventName()).isEqualTo("SwapEvent");
        assertThat(swap.programName()).isEqualTo("amm_v3");
        assertThat(swap.instructionIndex()).isEqualTo(4);
        assertThat(swap.eventIndex()).isZero();
        assertThat(swap.source()).isEqualTo(EventSource.LOG);
        JsonNode fields = Fixtures.tree(swap.payloadJson());
        // Cross-check with the transaction's own token balances: the pool's vaults moved exactly
        // amount0 (wrapped SOL in) and amount1 (token out).
        assertThat(fields.get("amount0").asText()).isEqualTo(balanceChange(result, 4).toString());
        assertThat(fields.get("amount1").asText()).isEqualTo(balanceChange(result, 3).toString());
        assertThat(fields.get("tokenAccount1").asText())
                .isEqualTo(result.at("/transaction/message/accountKeys/3").asText());
        assertThat(fields.get("zeroForOne").asBoolean()).isTrue();
        assertThat(fields.get("sqrtPriceX64").asText()).isEqualTo("956659347166266737265"); // u128
        assertThat(fields.get("liquidity").asText()).isEqualTo("12649110621737");
        assertThat(fields.get("tick").isInt()).isTrue(); // i32: a JSON number
        assertThat(fields.get("tick").asInt()).isEqualTo(78975);
        assertThat(fields.get("poolState").asText())
                .isEqualTo("EM4Fvu4G3qLuSNdBeturuHzqh871hh1evxY7RLBoF6ZL");
    }

    @Test
    void sameDiscriminatorInAnotherProgramIsThatProgramsEvent() {
        // The OKX router in JSON3 logs a 25-byte event whose discriminator is Raydium CLMM's
        // SwapEvent (sha256("event:SwapEvent")): routing by program id keeps it apart.
        JsonNode result = Fixtures.json(Fixtures.JSON3).get("result");
        TransactionDecoder raydium =
                TransactionDecoder.of(
                        AnchorEventVectorsTest.registry(
                                Fixtures.RAYDIUM_CLMM, Fixtures.RAYDIUM_IDL));
        assertThat(raydium.decodeTransactionResult(result).status())
                .isEqualTo(TransactionEvents.Status.NOT_RELEVANT);

        TransactionDecoder routerAsRaydium =
                TransactionDecoder.of(
                        AnchorEventVectorsTest.registry(Fixtures.OKX_ROUTER, Fixtures.RAYDIUM_IDL));
        TransactionEvents tx = routerAsRaydium.decodeTransactionResult(result);

        assertThat(tx.events()).isEmpty();
        assertThat(tx.failures())
                .singleElement()
                .satisfies(
                        f -> {
                            assertThat(f.kind()).isEqualTo(FailureKind.TOO_SHORT);
                            assertThat(f.reason())
                                    .startsWith(
                                            "SwapEvent: 25 bytes but the layout of IDL version 'amm_v3@0' needs at least 205");
                            assertThat(f.instructionIndex()).isEqualTo(7);
                            assertThat(f.eventIndex()).isEqualTo(1); // after the AMM's BuyEvent
                        });
    }

    @Test
    void eventIndexDoesNotDependOnWhichProgramsAreConfigured() {
        JsonNode result = Fixtures.json(Fixtures.JSON3).get("result");
        IdlRegistry both =
                IdlRegistry.builder()
                        .add(Fixtures.PUMP_AMM, Fixtures.idl(Fixtures.PUMP_AMM_IDL), 0)
                        .add(Fixtures.OKX_ROUTER, Fixtures.idl(Fixtures.RAYDIUM_IDL), 0)
                        .build();

        DecodedEvent alone = AMM.decodeTransactionResult(result).events().get(0);
        DecodedEvent withRouter =
                TransactionDecoder.of(both).decodeTransactionResult(result).events().get(0);

        assertThat(withRouter).isEqualTo(alone);
    }

    @Test
    void eventEmittedOnlyBySelfCpiIsRead() {
        ObjectNode result = Txs.result(Fixtures.JSON3);
        ArrayNode logs = Txs.logs(result);
        int dataLine = indexOf(logs, "Program data: Z/RSHy");
        logs.remove(dataLine);

        TransactionEvents tx = AMM.decodeTransactionResult(result);

        assertThat(tx.failures()).isEmpty();
        assertThat(tx.events())
                .singleElement()
                .satisfies(
                        e -> {
                            assertThat(e.source()).isEqualTo(EventSource.CPI);
                            assertThat(e.instructionIndex()).isEqualTo(7);
                            assertThat(e.eventIndex()).isZero();
                            assertJsonEquals(
                                    e.payloadJson(),
                                    VECTORS.get("real").get(3).get("expected_decoded"));
                        });
    }

    @Test
    void withoutLogsSelfCpiEventsStillCountAndTheGapIsReported() {
        ObjectNode result = Txs.result(Fixtures.JSON3);
        ((ObjectNode) result.get("meta")).remove("logMessages");

        TransactionEvents tx = AMM.decodeTransactionResult(result);

        assertThat(tx.events())
                .singleElement()
                .satisfies(e -> assertThat(e.source()).isEqualTo(EventSource.CPI));
        assertThat(tx.failures())
                .singleElement()
                .satisfies(
                        f -> {
                            assertThat(f.kind()).isEqualTo(FailureKind.LOGS_MISSING);
                            assertThat(f.programId()).isEqualTo(Fixtures.PUMP_AMM);
                        });
    }

    @Test
    void truncatedLogsAreReportedAndCpiEventsSurvive() {
        ObjectNode result = Txs.result(Fixtures.JSON2);
        ArrayNode logs = Txs.logs(result);
        int dataLine = indexOf(logs, "Program data: Z/RSHy");
        while (logs.size() > dataLine) {
            logs.remove(logs.size() - 1);
        }
        logs.add("Log truncated");

        TransactionEvents tx = AMM.decodeTransactionResult(result);

        assertThat(tx.events())
                .singleElement()
                .satisfies(
                        e -> {
                            assertThat(e.source()).isEqualTo(EventSource.CPI);
                            assertThat(e.instructionIndex()).isEqualTo(1);
                            assertThat(e.eventIndex()).isZero();
                        });
        assertThat(tx.failures())
                .singleElement()
                .satisfies(
                        f -> {
                            assertThat(f.kind()).isEqualTo(FailureKind.LOG_TRUNCATED);
                            assertThat(f.instructionIndex()).isEqualTo(1);
                            assertThat(f.reason())
                                    .contains("truncated by the node at line " + dataLine);
                        });
    }

    @Test
    void failedTransactionsAreSkipped() {
        ObjectNode result = Txs.result(Fixtures.JSON2);
        ((ObjectNode) result.get("meta"))
                .set("err", Fixtures.tree("{\"InstructionError\":[1,{\"Custom\":6004}]}"));

        TransactionEvents tx = AMM.decodeTransactionResult(result);

        assertThat(tx.status()).isEqualTo(TransactionEvents.Status.FAILED_SKIPPED);
        assertThat(tx.events()).isEmpty();
        assertThat(tx.failures()).isEmpty();
    }

    @Test
    void unknownDiscriminatorOfAConfiguredProgramIsAFailureWithTheBytes() {
        TransactionDecoder wrongIdl =
                TransactionDecoder.of(
                        AnchorEventVectorsTest.registry(
                                Fixtures.PUMP_AMM, Fixtures.FARE_VAULT_IDL));

        TransactionEvents tx =
                wrongIdl.decodeTransactionResult(Fixtures.json(Fixtures.JSON2).get("result"));

        assertThat(tx.status()).isEqualTo(TransactionEvents.Status.DECODED);
        assertThat(tx.failures())
                .singleElement()
                .satisfies(
                        f -> {
                            assertThat(f.kind()).isEqualTo(FailureKind.UNKNOWN_DISCRIMINATOR);
                            assertThat(f.reason())
                                    .contains(
                                            "discriminator 67f4521f2cf57777 matches no event of IDL version 'fare_vault@0'");
                            assertThat(f.rawData()).hasSize(408);
                            assertThat(f.txSignature()).startsWith("5bvyp1nob51M");
                            assertThat(f.slot()).isEqualTo(376243586L);
                        });
    }

    @Test
    void inconsistentLogStackIsAFailureButCpiEventsStillCount() {
        ObjectNode result = Txs.result(Fixtures.JSON2);
        ArrayNode logs = Txs.logs(result);
        logs.remove(indexOf(logs, "Program pfeeUxB6jkeY1Hxd7CsFCAjcbHA9rWtchMGdZ6VojVZ success"));

        TransactionEvents tx = AMM.decodeTransactionResult(result);

        assertThat(tx.failures())
                .singleElement()
                .satisfies(
                        f -> {
                            assertThat(f.kind()).isEqualTo(FailureKind.MALFORMED_LOG);
                            assertThat(f.reason())
                                    .contains("invoke depth 2 but 2 invocations are open");
                        });
        assertThat(tx.events())
                .singleElement()
                .satisfies(e -> assertThat(e.source()).isEqualTo(EventSource.CPI));
    }

    @Test
    void programDataThatIsNotBase64IsAFailureAtItsPosition() {
        List<String> logs =
                List.of(
                        "Program " + Fixtures.FARE_VAULT + " invoke [1]",
                        "Program data: not*base64",
                        "Program " + Fixtures.FARE_VAULT + " success");
        ObjectNode tx =
                Txs.tx(
                        "sig",
                        List.of("Payer1111111111111111111111111111111111111", Fixtures.FARE_VAULT),
                        List.of(1),
                        logs);

        TransactionEvents events = fareVault().decode(tx, 5, null, 0);

        assertThat(events.failures())
                .singleElement()
                .satisfies(
                        f -> {
                            assertThat(f.kind()).isEqualTo(FailureKind.MALFORMED_LOG);
                            assertThat(f.eventIndex()).isZero();
                            assertThat(new String(f.rawData())).isEqualTo("not*base64");
                        });
    }

    @Test
    void malformedTransactionsBecomeFailuresNotExceptions() {
        ObjectNode noMeta = Txs.result(Fixtures.JSON2);
        noMeta.remove("meta");
        assertThat(AMM.decodeTransactionResult(noMeta).failures())
                .singleElement()
                .satisfies(f -> assertThat(f.reason()).contains("no meta"));

        ObjectNode badIndex = Txs.result(Fixtures.JSON3);
        ((ObjectNode) badIndex.get("meta")).remove("loadedAddresses"); // v0 keys lost
        TransactionEvents tx = AMM.decodeTransactionResult(badIndex);
        assertThat(tx.status())
                .isEqualTo(TransactionEvents.Status.NOT_RELEVANT); // AMM key was loaded

        ObjectNode encoded = Txs.result(Fixtures.JSON2);
        encoded.set("transaction", Fixtures.tree("[\"AQID\", \"base64\"]"));
        assertThat(AMM.decodeTransactionResult(encoded).failures())
                .singleElement()
                .satisfies(f -> assertThat(f.reason()).contains("request encoding \"json\""));

        ObjectNode outOfRange = Txs.result(Fixtures.JSON2);
        ((ObjectNode) outOfRange.at("/transaction/message/instructions/1"))
                .put("programIdIndex", 99);
        assertThat(AMM.decodeTransactionResult(outOfRange).failures())
                .singleElement()
                .satisfies(
                        f -> {
                            assertThat(f.kind()).isEqualTo(FailureKind.MALFORMED_TRANSACTION);
                            assertThat(f.reason()).contains("programIdIndex 99 is outside");
                            assertThat(f.programId()).isEqualTo(Fixtures.PUMP_AMM);
                        });

        for (JsonNode junk :
                List.of(
                        Fixtures.tree("null"),
                        Fixtures.tree("[]"),
                        Fixtures.tree("{\"transaction\":{}}"),
                        Fixtures.tree("{\"slot\":\"x\"}"))) {
            TransactionEvents t = AMM.decodeTransactionResult(junk);
            assertThat(t.status()).isEqualTo(TransactionEvents.Status.MALFORMED);
        }
    }

    @Test
    void logsAndSelfCpiEventsInterleaveInLogOrder() {
        byte[] registered = AnchorEventVectorsTest.programData(fareplay("TrialRegistered"));
        byte[] resolved = AnchorEventVectorsTest.programData(fareplay("TrialResolved"));
        byte[] fee = AnchorEventVectorsTest.programData(fareplay("FeeCharged"));
        List<String> logs =
                List.of(
                        "Program " + Fixtures.FARE_VAULT + " invoke [1]",
                        "Program log: Instruction: TrialResolveRand",
                        "Program data: " + Base64.getEncoder().encodeToString(registered),
                        "Program " + Fixtures.FARE_VAULT + " invoke [2]",
                        "Program " + Fixtures.FARE_VAULT + " consumed 1000 of 190000 compute units",
                        "Program " + Fixtures.FARE_VAULT + " success",
                        "Program data: " + Base64.getEncoder().encodeToString(fee),
                        "Program " + Fixtures.FARE_VAULT + " consumed 5000 of 200000 compute units",
                        "Program " + Fixtures.FARE_VAULT + " success");
        ObjectNode tx =
                Txs.tx(
                        "sig",
                        List.of("Payer1111111111111111111111111111111111111", Fixtures.FARE_VAULT),
                        List.of(1),
                        logs);
        ObjectNode group = ((ArrayNode) tx.get("meta").get("innerInstructions")).addObject();
        group.put("index", 0);
        ObjectNode cpi = group.putArray("instructions").addObject();
        cpi.put("programIdIndex", 1);
        cpi.putArray("accounts");
        byte[] cpiData = new byte[8 + resolved.length];
        System.arraycopy(Discriminators.EVENT_IX_TAG, 0, cpiData, 0, 8);
        System.arraycopy(resolved, 0, cpiData, 8, resolved.length);
        cpi.put("data", Base58.encode(cpiData));
        cpi.put("stackHeight", 2);

        TransactionEvents events = fareVault().decode(tx, 7, null, 0);

        assertThat(events.failures()).isEmpty();
        assertThat(events.events())
                .extracting(DecodedEvent::eventName, DecodedEvent::eventIndex, DecodedEvent::source)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("TrialRegistered", 0, EventSource.LOG),
                        org.assertj.core.groups.Tuple.tuple("TrialResolved", 1, EventSource.CPI),
                        org.assertj.core.groups.Tuple.tuple("FeeCharged", 2, EventSource.LOG));
    }

    @Test
    void blockOfTheThreeTransactions() {
        IdlRegistry registry =
                IdlRegistry.builder()
                        .add(Fixtures.PUMP_AMM, Fixtures.idl(Fixtures.PUMP_AMM_IDL), 0)
                        .add(Fixtures.RAYDIUM_CLMM, Fixtures.idl(Fixtures.RAYDIUM_IDL), 0)
                        .build();
        List<JsonNode> transactions = new ArrayList<>();
        for (String fixture : List.of(Fixtures.JSON1, Fixtures.JSON2, Fixtures.JSON3)) {
            ObjectNode tx = Txs.result(fixture);
            tx.remove("slot");
            tx.remove("blockTime");
            transactions.add(tx);
        }
        ObjectNode failed = Txs.result(Fixtures.JSON2);
        ((ObjectNode) failed.get("meta"))
                .set("err", Fixtures.tree("{\"InstructionError\":[0,\"InvalidArgument\"]}"));
        transactions.add(failed);
        transactions.add(Fixtures.tree("{\"transaction\": 1}"));

        BlockEvents block =
                TransactionDecoder.of(registry)
                        .decodeBlock(1000, "hash", 1_761_600_000L, transactions);

        assertThat(block.events())
                .extracting(DecodedEvent::eventName, DecodedEvent::txIndex, DecodedEvent::slot)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("SwapEvent", 0, 1000L),
                        org.assertj.core.groups.Tuple.tuple("BuyEvent", 1, 1000L),
                        org.assertj.core.groups.Tuple.tuple("BuyEvent", 2, 1000L));
        assertThat(block.transactions()).isEqualTo(5);
        assertThat(block.relevantTransactions()).isEqualTo(3);
        assertThat(block.failedTransactionsSkipped()).isEqualTo(1);
        assertThat(block.malformedTransactions()).isEqualTo(1);
        assertThat(block.failures())
                .singleElement()
                .satisfies(f -> assertThat(f.txIndex()).isEqualTo(4));
    }

    private static TransactionDecoder fareVault() {
        return TransactionDecoder.of(
                AnchorEventVectorsTest.registry(Fixtures.FARE_VAULT, Fixtures.FARE_VAULT_IDL));
    }

    private static String fareplay(String event) {
        for (JsonNode v : VECTORS.at("/derived_fareplay/vectors")) {
            if (v.get("event").asText().equals(event)) {
                return v.get("program_data_line").asText();
            }
        }
        throw new AssertionError(event);
    }

    private static int indexOf(ArrayNode logs, String prefix) {
        for (int i = 0; i < logs.size(); i++) {
            if (logs.get(i).asText().startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no log line " + prefix);
    }

    /** post - pre token amount of the account at the given key index. */
    private static BigInteger balanceChange(JsonNode result, int accountIndex) {
        return amount(result.at("/meta/postTokenBalances"), accountIndex)
                .subtract(amount(result.at("/meta/preTokenBalances"), accountIndex))
                .abs();
    }

    private static BigInteger amount(JsonNode balances, int accountIndex) {
        for (JsonNode b : balances) {
            if (b.get("accountIndex").asInt() == accountIndex) {
                return new BigInteger(b.at("/uiTokenAmount/amount").asText());
            }
        }
        throw new AssertionError("no balance for " + accountIndex);
    }
}
