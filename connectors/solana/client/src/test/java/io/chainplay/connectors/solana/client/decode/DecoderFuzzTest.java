package io.chainplay.connectors.solana.client.decode;

import io.chainplay.connectors.solana.client.idl.IdlParser;
import io.chainplay.connectors.solana.client.idl.IdlRegistry;
import io.chainplay.connectors.solana.client.idl.ProgramIdl;
import io.chainplay.connectors.solana.client.testing.Fixtures;
import io.chainplay.connectors.solana.client.testing.Txs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Random bytes never make the decoder throw anything but {@link DecodeException}, hang or allocate
 * without bound; random damage to real transactions never makes the transaction decoder throw at
 * all.
 */
class DecoderFuzzTest {

    static final String PROGRAM = "11111111111111111111111111111111";
    static final List<ProgramDecoder> ALL = new ArrayList<>();

    static {
        List<String> idls =
                new ArrayList<>(
                        List.of(
                                Fixtures.text(Fixtures.PUMP_OLD_IDL),
                                Fixtures.text(Fixtures.PUMP_LATEST_IDL),
                                Fixtures.text(Fixtures.PUMP_AMM_IDL),
                                Fixtures.text(Fixtures.RAYDIUM_IDL),
                                Fixtures.text(Fixtures.FARE_VAULT_IDL),
                                Fixtures.text(Fixtures.SOLANA_MAFIA_IDL),
                                Fixtures.resource("idl/all_types.legacy.json"),
                                Fixtures.resource("idl/generics_and_recursion.idl.json")));
        for (String idl : idls) {
            IdlRegistry registry =
                    IdlRegistry.builder().add(PROGRAM, IdlParser.parse(idl), 0).build();
            for (ProgramIdl version : registry.all()) {
                ALL.add(ProgramDecoder.compile(version));
            }
        }
    }

    @Provide
    Arbitrary<CompiledEvent> events() {
        List<CompiledEvent> events = new ArrayList<>();
        ALL.forEach(d -> events.addAll(d.events()));
        return Arbitraries.of(events);
    }

    @Provide
    Arbitrary<byte[]> tails() {
        // Mostly small, with runs of 0xFF (huge length prefixes) and of 0x00/0x01 (valid tags).
        return Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(600),
                Arbitraries.of((byte) 0, (byte) 1, (byte) 0xFF, (byte) 2)
                        .array(byte[].class)
                        .ofMaxSize(600));
    }

    @Property(tries = 3000)
    void randomPayloadsOnlyEverFailWithDecodeException(
            @ForAll("events") CompiledEvent event, @ForAll("tails") byte[] tail) {
        byte[] data = Arrays.copyOf(event.discriminator(), 8 + tail.length);
        System.arraycopy(tail, 0, data, 8, tail.length);
        ProgramDecoder decoder =
                ALL.stream().filter(d -> d.events().contains(event)).findFirst().orElseThrow();

        assertTimeoutPreemptively(
                Duration.ofSeconds(2),
                () -> {
                    StringBuilder out = new StringBuilder();
                    try {
                        decoder.decode(data, 0, data.length, out);
                        assertThat(out.length())
                                .isLessThan(100 * data.length + 1000); // output bounded by input
                    } catch (DecodeException expected) {
                        assertThat(expected.getMessage()).isNotBlank();
                    }
                });
    }

    @Property(tries = 1000)
    void randomBytesWithoutADiscriminator(@ForAll @Size(max = 64) byte[] data) {
        for (ProgramDecoder decoder : ALL) {
            try {
                decoder.decode(data, 0, data.length, new StringBuilder());
            } catch (DecodeException expected) {
                // fine
            }
        }
    }

    static final TransactionDecoder TX =
            TransactionDecoder.of(
                    IdlRegistry.builder()
                            .add(Fixtures.PUMP_AMM, Fixtures.idl(Fixtures.PUMP_AMM_IDL), 0)
                            .add(Fixtures.RAYDIUM_CLMM, Fixtures.idl(Fixtures.RAYDIUM_IDL), 0)
                            .add(Fixtures.OKX_ROUTER, Fixtures.idl(Fixtures.FARE_VAULT_IDL), 0)
                            .build());

    @Property(tries = 500)
    void damagedTransactionsNeverThrow(
            @ForAll("fixtures") String fixture,
            @ForAll @IntRange(max = 10_000) int where,
            @ForAll("damage") String damage) {
        ObjectNode result = Txs.result(fixture);
        List<JsonNode> containers = new ArrayList<>();
        collect(result, containers);
        JsonNode target = containers.get(where % containers.size());
        if (target instanceof ArrayNode array && !array.isEmpty()) {
            int i = where % array.size();
            switch (damage) {
                case "remove" -> array.remove(i);
                case "text" -> array.set(i, TextNode.valueOf("Program data: AAAA"));
                case "invoke" ->
                        array.set(
                                i,
                                TextNode.valueOf("Program " + Fixtures.PUMP_AMM + " invoke [2]"));
                case "number" ->
                        array.set(i, com.fasterxml.jackson.databind.node.IntNode.valueOf(-1));
                default -> array.insert(i, array.get(i).deepCopy());
            }
        } else if (target instanceof ObjectNode object && object.size() > 0) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            String name = names.get(where % names.size());
            switch (damage) {
                case "remove" -> object.remove(name);
                case "text" -> object.put(name, "garbage");
                case "number" -> object.put(name, 1_000_000);
                default -> object.putNull(name);
            }
        }

        TransactionEvents events = TX.decodeTransactionResult(result);

        assertThat(events.status()).isNotNull();
    }

    @Provide
    Arbitrary<String> fixtures() {
        return Arbitraries.of(Fixtures.JSON1, Fixtures.JSON2, Fixtures.JSON3);
    }

    @Provide
    Arbitrary<String> damage() {
        return Arbitraries.of("remove", "text", "invoke", "number", "copy");
    }

    private static void collect(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode()) {
            out.add(node);
            node.forEach(child -> collect(child, out));
        }
    }
}
