package io.chainplay.connectors.solana.client.decode;

import io.chainplay.connectors.solana.client.idl.Discriminators;
import io.chainplay.connectors.solana.client.idl.Idl;
import io.chainplay.connectors.solana.client.idl.IdlEvent;
import io.chainplay.connectors.solana.client.idl.IdlField;
import io.chainplay.connectors.solana.client.idl.IdlRegistry;
import io.chainplay.connectors.solana.client.idl.IdlType;
import io.chainplay.connectors.solana.client.idl.IdlTypeDef;
import io.chainplay.connectors.solana.client.testing.BorshWriter;
import io.chainplay.connectors.solana.client.testing.Fixtures;
import io.chainplay.schemas.solana.Base58;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Random layouts and random values, encoded by the test's own {@link BorshWriter}, decode back to
 * the same values; cut short they fail as too short, extended they fail on the trailing bytes.
 */
class BorshRoundTripTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String PROGRAM = "11111111111111111111111111111111";
    private static final BigInteger TWO_128 = BigInteger.ONE.shiftLeft(128);
    private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

    /** A generated type: the IDL type plus how to make values of it. */
    sealed interface Shape {}

    record Prim(IdlType.Primitive p) implements Shape {}

    record VecOf(Shape element) implements Shape {}

    record ArrayOf(Shape element, int length) implements Shape {}

    record OptionOf(Shape inner) implements Shape {}

    record StructOf(List<Shape> fields, boolean tuple) implements Shape {}

    record EnumOf(List<StructOf> variants) implements Shape {}

    /** A value: its Borsh bytes and its expected canonical JSON. */
    record Sample(byte[] bytes, JsonNode json) {}

    record Case(StructOf event, Sample value) {}

    @Property(tries = 300)
    void randomValuesOfRandomLayoutsRoundTrip(@ForAll("cases") Case c) {
        EventDecoder decoder = decoderFor(c.event());
        byte[] data = concat(Discriminators.event("Ev"), c.value().bytes());

        String json = decoder.decode(PROGRAM, 0, data).json();

        assertMatches(Fixtures.tree(json), c.value().json());
    }

    @Property(tries = 200)
    void cutShortFailsAsTooShortExtendedFailsOnTrailingBytes(
            @ForAll("cases") Case c, @ForAll("cuts") int cut, @ForAll byte[] extra) {
        EventDecoder decoder = decoderFor(c.event());
        byte[] data = concat(Discriminators.event("Ev"), c.value().bytes());

        int length = Math.max(0, data.length - 1 - (cut % Math.max(1, data.length)));
        byte[] shorter = Arrays.copyOf(data, length);
        assertThatThrownBy(() -> decoder.decode(PROGRAM, 0, shorter))
                .isInstanceOfSatisfying(
                        DecodeException.class,
                        e ->
                                assertThat(e.kind())
                                        .isIn(
                                                FailureKind.TOO_SHORT,
                                                FailureKind.UNKNOWN_DISCRIMINATOR));

        if (extra.length > 0) {
            byte[] longer = concat(data, extra);
            assertThatThrownBy(() -> decoder.decode(PROGRAM, 0, longer))
                    .isInstanceOfSatisfying(
                            DecodeException.class,
                            e -> assertThat(e.kind()).isEqualTo(FailureKind.TRAILING_BYTES));
        }
    }

    @Provide
    Arbitrary<Integer> cuts() {
        return Arbitraries.integers().between(0, 10_000);
    }

    @Provide
    Arbitrary<Case> cases() {
        return struct(3)
                .flatMap(event -> sample(event).map(value -> new Case((StructOf) event, value)));
    }

    private Arbitrary<Shape> shape(int depth) {
        Arbitrary<Shape> prim = Arbitraries.of(IdlType.Primitive.values()).map(Prim::new);
        if (depth == 0) {
            return prim;
        }
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, prim),
                net.jqwik.api.Tuple.of(
                        1, shape(depth - 1).filter(e -> !zeroSized(e)).map(VecOf::new)),
                net.jqwik.api.Tuple.of(
                        1,
                        Combinators.combine(shape(depth - 1), Arbitraries.integers().between(0, 3))
                                .as(ArrayOf::new)),
                net.jqwik.api.Tuple.of(1, shape(depth - 1).map(OptionOf::new)),
                net.jqwik.api.Tuple.of(1, struct(depth - 1)),
                net.jqwik.api.Tuple.of(1, enumOf(depth - 1)));
    }

    /** borsh-rs refuses collections of zero-sized types, so no program can emit them. */
    private static boolean zeroSized(Shape shape) {
        if (shape instanceof ArrayOf a) {
            return a.length() == 0 || zeroSized(a.element());
        }
        if (shape instanceof StructOf s) {
            return s.fields().stream().allMatch(BorshRoundTripTest::zeroSized);
        }
        return false;
    }

    private Arbitrary<Shape> struct(int depth) {
        return Combinators.combine(shape(depth).list().ofMaxSize(5), Arbitraries.of(true, false))
                .as((fields, tuple) -> (Shape) new StructOf(fields, tuple && !fields.isEmpty()));
    }

    private Arbitrary<Shape> enumOf(int depth) {
        return struct(depth)
                .map(s -> (StructOf) s)
                .list()
                .ofMinSize(1)
                .ofMaxSize(4)
                .map(EnumOf::new);
    }

    private Arbitrary<Sample> sample(Shape shape) {
        if (shape instanceof Prim p) {
            return primitive(p.p());
        }
        if (shape instanceof VecOf v) {
            return sample(v.element())
                    .list()
                    .ofMaxSize(4)
                    .map(
                            items -> {
                                BorshWriter w = new BorshWriter().u32(items.size());
                                ArrayNode json = NODES.arrayNode();
                                items.forEach(
                                        i -> {
                                            w.raw(i.bytes());
                                            json.add(i.json());
                                        });
                                return new Sample(w.toByteArray(), json);
                            });
        }
        if (shape instanceof ArrayOf a) {
            return sample(a.element())
                    .list()
                    .ofSize(a.length())
                    .map(
                            items -> {
                                BorshWriter w = new BorshWriter();
                                ArrayNode json = NODES.arrayNode();
                                items.forEach(
                                        i -> {
                                            w.raw(i.bytes());
                                            json.add(i.json());
                                        });
                                return new Sample(w.toByteArray(), json);
                            });
        }
        if (shape instanceof OptionOf o) {
            return sample(o.inner())
                    .injectNull(0.3)
                    .map(
                            inner ->
                                    inner == null
                                            ? new Sample(new byte[] {0}, NODES.nullNode())
                                            : new Sample(
                                                    concat(new byte[] {1}, inner.bytes()),
                                                    inner.json()));
        }
        if (shape instanceof StructOf s) {
            List<Arbitrary<Sample>> fields = new ArrayList<>();
            s.fields().forEach(f -> fields.add(sample(f)));
            return Combinators.combine(fields)
                    .as(
                            values -> {
                                BorshWriter w = new BorshWriter();
                                ObjectNode json = NODES.objectNode();
                                for (int i = 0; i < values.size(); i++) {
                                    w.raw(values.get(i).bytes());
                                    json.set(fieldName(s, i), values.get(i).json());
                                }
                                return new Sample(w.toByteArray(), json);
                            });
        }
        EnumOf e = (EnumOf) shape;
        return Arbitraries.integers()
                .between(0, e.variants().size() - 1)
                .flatMap(
                        index ->
                                sample(e.variants().get(index))
                                        .map(
                                                body -> {
                                                    ObjectNode json = NODES.objectNode();
                                                    json.set("V" + index, body.json());
                                                    return new Sample(
                                                            concat(
                                                                    new byte[] {(byte) (int) index},
                                                                    body.bytes()),
                                                            json);
                                                }));
    }

    private Arbitrary<Sample> primitive(IdlType.Primitive p) {
        return switch (p) {
            case BOOL ->
                    Arbitraries.of(true, false)
                            .map(
                                    b ->
                                            new Sample(
                                                    new BorshWriter().bool(b).toByteArray(),
                                                    NODES.booleanNode(b)));
            case U8 ->
                    Arbitraries.integers()
                            .between(0, 255)
                            .map(
                                    v ->
                                            new Sample(
                                                    new BorshWriter().u8(v).toByteArray(),
                                                    NODES.numberNode(v)));
            case I8 ->
                    Arbitraries.integers()
                            .between(-128, 127)
                            .map(
                                    v ->
                                            new Sample(
                                                    new BorshWriter().u8(v).toByteArray(),
                                                    NODES.numberNode(v)));
            case U16 ->
                    Arbitraries.integers()
                            .between(0, 65535)
                            .map(
                                    v ->
                                            new Sample(
                                                    new BorshWriter().u16(v).toByteArray(),
                                                    NODES.numberNode(v)));
            case I16 ->
                    Arbitraries.integers()
                            .between(-32768, 32767)
                            .map(
                                    v ->
                                            new Sample(
                                                    new BorshWriter().u16(v).toByteArray(),
                                                    NODES.numberNode(v)));
            case U32 ->
                    Arbitraries.longs()
                            .between(0, 4_294_967_295L)
                            .map(
                                    v ->
                                            new Sample(
                                                    new BorshWriter().u32(v).toByteArray(),
                                                    NODES.numberNode(v)));
            case I32 ->
                    Arbitraries.integers()
                            .map(
                                    v ->
                                            new Sample(
                                                    new BorshWriter().u32(v).toByteArray(),
                                                    NODES.numberNode(v)));
            case U64 ->
                    Arbitraries.longs()
                            .map(
                                    v ->
                                            new Sample(
                                                    new BorshWriter().u64(v).toByteArray(),
                                                    NODES.textNode(Long.toUnsignedString(v))));
            case I64 ->
                    Arbitraries.longs()
                            .map(
                                    v ->
                                            new Sample(
                                                    new BorshWriter().u64(v).toByteArray(),
                                                    NODES.textNode(Long.toString(v))));
            case U128 -> big(BigInteger.ZERO, TWO_128.subtract(BigInteger.ONE), 16);
            case I128 ->
                    big(
                            TWO_128.shiftRight(1).negate(),
                            TWO_128.shiftRight(1).subtract(BigInteger.ONE),
                            16);
            case U256 -> big(BigInteger.ZERO, TWO_256.subtract(BigInteger.ONE), 32);
            case I256 ->
                    big(
                            TWO_256.shiftRight(1).negate(),
                            TWO_256.shiftRight(1).subtract(BigInteger.ONE),
                            32);
            case F32 ->
                    Arbitraries.integers()
                            .map(
                                    bits -> {
                                        float f = Float.intBitsToFloat(bits);
                                        return new Sample(
                                                new BorshWriter().u32(bits).toByteArray(),
                                                floatExpectation(
                                                        f,
                                                        Float.isNaN(f),
                                                        Float.isInfinite(f),
                                                        "f32:" + bits));
                                    });
            case F64 ->
                    Arbitraries.longs()
                            .map(
                                    bits -> {
                                        double d = Double.longBitsToDouble(bits);
                                        return new Sample(
                                                new BorshWriter().u64(bits).toByteArray(),
                                                floatExpectation(
                                                        d,
                                                        Double.isNaN(d),
                                                        Double.isInfinite(d),
                                                        "f64:" + bits));
                                    });
            case STRING ->
                    codePoints()
                            .map(
                                    s ->
                                            new Sample(
                                                    new BorshWriter().string(s).toByteArray(),
                                                    NODES.textNode(s)));
            case BYTES ->
                    Arbitraries.bytes()
                            .array(byte[].class)
                            .ofMaxSize(40)
                            .map(
                                    b ->
                                            new Sample(
                                                    new BorshWriter().bytes(b).toByteArray(),
                                                    NODES.textNode(
                                                            Base64.getEncoder()
                                                                    .encodeToString(b))));
            case PUBKEY ->
                    Arbitraries.bytes()
                            .array(byte[].class)
                            .ofSize(32)
                            .injectDuplicates(0.1)
                            .edgeCases(c -> c.add(new byte[32]))
                            .map(k -> new Sample(k, NODES.textNode(Base58.encode(k))));
        };
    }

    /** NaN/±Infinity are strings; finite values are checked bit-exactly through a marker. */
    private static JsonNode floatExpectation(
            double value, boolean nan, boolean infinite, String marker) {
        if (nan) {
            return NODES.textNode("NaN");
        }
        if (infinite) {
            return NODES.textNode(value > 0 ? "Infinity" : "-Infinity");
        }
        return NODES.textNode(marker);
    }

    private static Arbitrary<Sample> big(BigInteger min, BigInteger max, int size) {
        return Arbitraries.bigIntegers()
                .between(min, max)
                .edgeCases(c -> c.includeOnly(min, max, BigInteger.ZERO))
                .map(
                        v ->
                                new Sample(
                                        new BorshWriter().big(v, size).toByteArray(),
                                        NODES.textNode(v.toString())));
    }

    private static Arbitrary<String> codePoints() {
        return Arbitraries.integers()
                .between(0, 0x10FFFF)
                .filter(cp -> cp < 0xD800 || cp > 0xDFFF)
                .list()
                .ofMaxSize(12)
                .map(
                        cps -> {
                            StringBuilder s = new StringBuilder();
                            cps.forEach(s::appendCodePoint);
                            return s.toString();
                        });
    }

    private static String fieldName(StructOf s, int i) {
        return s.tuple() ? String.valueOf(i) : "f" + i;
    }

    /** Builds an IDL whose event "Ev" has the shape's fields, naming nested types T0, T1, ... */
    private static EventDecoder decoderFor(StructOf event) {
        Map<String, IdlTypeDef> types = new LinkedHashMap<>();
        List<IdlField> fields = fields(event, types);
        Idl idl =
                new Idl(
                        Idl.Format.V0_30,
                        "prop",
                        "0",
                        null,
                        List.of(new IdlEvent("Ev", Discriminators.event("Ev"), fields)),
                        types);
        return EventDecoder.of(IdlRegistry.builder().add(PROGRAM, idl, 0).build());
    }

    private static List<IdlField> fields(StructOf s, Map<String, IdlTypeDef> types) {
        List<IdlField> fields = new ArrayList<>();
        for (int i = 0; i < s.fields().size(); i++) {
            IdlType type = type(s.fields().get(i), types);
            fields.add(s.tuple() ? IdlField.unnamed(type) : IdlField.named(fieldName(s, i), type));
        }
        return fields;
    }

    private static IdlType type(Shape shape, Map<String, IdlTypeDef> types) {
        if (shape instanceof Prim p) {
            return p.p();
        }
        if (shape instanceof VecOf v) {
            return new IdlType.Vec(type(v.element(), types));
        }
        if (shape instanceof ArrayOf a) {
            return IdlType.Array.of(type(a.element(), types), a.length());
        }
        if (shape instanceof OptionOf o) {
            return new IdlType.Option(type(o.inner(), types));
        }
        String name = "T" + types.size();
        types.put(name, null); // reserve the name before nested types take theirs
        IdlTypeDef.Body body;
        if (shape instanceof StructOf s) {
            body = new IdlTypeDef.Struct(fields(s, types));
        } else {
            List<IdlTypeDef.Variant> variants = new ArrayList<>();
            List<StructOf> vs = ((EnumOf) shape).variants();
            for (int i = 0; i < vs.size(); i++) {
                variants.add(new IdlTypeDef.Variant("V" + i, fields(vs.get(i), types)));
            }
            body = new IdlTypeDef.Enum(variants);
        }
        types.put(name, new IdlTypeDef(name, List.of(), body));
        return IdlType.Defined.of(name);
    }

    /** Tree equality where "f32:bits"/"f64:bits" markers match numbers with exactly those bits. */
    private static void assertMatches(JsonNode actual, JsonNode expected) {
        if (expected.isTextual() && expected.asText().startsWith("f32:")) {
            assertThat(actual.isNumber()).as("f32 %s", actual).isTrue();
            int bits = Integer.parseInt(expected.asText().substring(4));
            assertThat(Float.floatToIntBits(Float.parseFloat(actual.asText()))).isEqualTo(bits);
            return;
        }
        if (expected.isTextual() && expected.asText().startsWith("f64:")) {
            assertThat(actual.isNumber()).as("f64 %s", actual).isTrue();
            long bits = Long.parseLong(expected.asText().substring(4));
            assertThat(Double.doubleToLongBits(Double.parseDouble(actual.asText())))
                    .isEqualTo(bits);
            return;
        }
        if (expected.isObject()) {
            assertThat(actual.isObject()).as("object %s", actual).isTrue();
            assertThat(actual.size()).isEqualTo(expected.size());
            List<String> names = new ArrayList<>();
            expected.fieldNames().forEachRemaining(names::add);
            List<String> actualNames = new ArrayList<>();
            actual.fieldNames().forEachRemaining(actualNames::add);
            assertThat(actualNames).containsExactlyElementsOf(names); // layout order
            names.forEach(n -> assertMatches(actual.get(n), expected.get(n)));
            return;
        }
        if (expected.isArray()) {
            assertThat(actual.isArray()).as("array %s", actual).isTrue();
            assertThat(actual.size()).isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertMatches(actual.get(i), expected.get(i));
            }
            return;
        }
        if (expected.isNumber()) {
            assertThat(actual.isIntegralNumber()).as("integer %s", actual).isTrue();
            assertThat(actual.bigIntegerValue()).isEqualTo(expected.bigIntegerValue());
            return;
        }
        assertThat(actual).isEqualTo(expected);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
