package io.chainplay.connectors.solana.client.decode;

import io.chainplay.connectors.solana.client.idl.Discriminators;
import io.chainplay.connectors.solana.client.idl.IdlParser;
import io.chainplay.connectors.solana.client.idl.IdlRegistry;
import io.chainplay.connectors.solana.client.testing.BorshWriter;
import io.chainplay.connectors.solana.client.testing.Fixtures;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Arrays;

import static io.chainplay.connectors.solana.client.testing.JsonAssert.assertJsonEquals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every Borsh type of Anchor's IDL, through a legacy-format IDL written for this test from the
 * legacy spec (anchor-syn {@code lang/syn/src/idl/types.rs} @ 0840651: IdlType Bool..I256, Bytes,
 * String, PublicKey, Defined, Option, Vec, Array; EnumFields Named/Tuple; plus 0.29's alias kind),
 * and a 0.30-format IDL with generics, recursion, coption and a tuple struct.
 */
class BorshTypesTest {

    static final String PROGRAM = "11111111111111111111111111111111";
    static final String KEY = "So11111111111111111111111111111111111111112";
    static final EventDecoder ALL_TYPES =
            EventDecoder.of(
                    IdlRegistry.builder()
                            .add(
                                    PROGRAM,
                                    IdlParser.parse(Fixtures.resource("idl/all_types.legacy.json")),
                                    0)
                            .build());
    static final EventDecoder GENERICS =
            EventDecoder.of(
                    IdlRegistry.builder()
                            .add(
                                    PROGRAM,
                                    IdlParser.parse(
                                            Fixtures.resource(
                                                    "idl/generics_and_recursion.idl.json")),
                                    0)
                            .build());

    static BorshWriter event(String name) {
        return new BorshWriter().raw(Discriminators.event(name));
    }

    /** Writes Everything with the given tail after field a_u8 (to vary one thing at a time). */
    static byte[] everything() {
        BorshWriter w = event("Everything");
        w.bool(true)
                .u8(255)
                .u8(-128)
                .u16(65535)
                .u16(-32768)
                .u32(4_294_967_295L)
                .u32(-2_147_483_648);
        w.u64(-1L).u64(Long.MIN_VALUE);
        w.big(BigInteger.TWO.pow(128).subtract(BigInteger.ONE), 16);
        w.big(BigInteger.TWO.pow(127).negate(), 16);
        w.big(BigInteger.TWO.pow(200), 32);
        w.big(BigInteger.valueOf(-5), 32);
        w.f32(0.1f).f64(Double.NaN);
        w.string("héllo \"q\"\n").bytes(new byte[] {1, 2, 3}).pubkey(KEY);
        w.u32(2).u16(1).u16(2); // numbers
        w.u32(3).u8(0).u8(127).u8(255); // raw vec<u8>
        w.u8(0xde).u8(0xad).u8(0xbe).u8(0xef); // hash [u8; 4]
        w.u64(-2).u64(3); // pair [i64; 2]
        w.u8(1).u32(7); // maybe = Some(7)
        w.u8(0); // nothing = None
        w.u32(-1).u32(1); // origin {x: -1, y: 1}
        w.u32(0).u32(0).u32(5).u32(6); // corners
        w.u32(3); // shapes: Empty, Circle{center, radius}, Rect(4, 5)
        w.u8(0);
        w.u8(1).u32(2).u32(3).u64(10);
        w.u8(2).u32(4).u32(5);
        w.u64(1).u64(2); // bitmap alias [u64; 2]
        w.u32(2).u32(0).u32(1).u8(9); // nested [[], [9]]
        w.u8(1).pubkey(KEY).u8(254); // vault Some(Vault{owner, bump}) from legacy 'accounts'
        return w.toByteArray();
    }

    @Test
    void decodesEveryTypeToCanonicalJson() {
        EventDecoder.DecodedPayload payload = ALL_TYPES.decode(PROGRAM, 0, everything());

        assertThat(payload.eventName()).isEqualTo("Everything");
        assertThat(payload.version().label()).isEqualTo("all_types@0");
        assertJsonEquals(
                payload.json(),
                Fixtures.tree(
                        """
                        {"flag": true, "a_u8": 255, "a_i8": -128, "a_u16": 65535, "a_i16": -32768,
                         "a_u32": 4294967295, "a_i32": -2147483648,
                         "a_u64": "18446744073709551615", "a_i64": "-9223372036854775808",
                         "a_u128": "340282366920938463463374607431768211455",
                         "a_i128": "-170141183460469231731687303715884105728",
                         "a_u256": "1606938044258990275541962092341162602522202993782792835301376",
                         "a_i256": "-5",
                         "a_f32": 0.1, "a_f64": "NaN",
                         "text": "héllo \\"q\\"\\n", "blob": "AQID",
                         "key": "So11111111111111111111111111111111111111112",
                         "numbers": [1, 2], "raw": [0, 127, 255], "hash": [222, 173, 190, 239],
                         "pair": ["-2", "3"], "maybe": 7, "nothing": null,
                         "origin": {"x": -1, "y": 1},
                         "corners": [{"x": 0, "y": 0}, {"x": 5, "y": 6}],
                         "shapes": [{"Empty": {}},
                                    {"Circle": {"center": {"x": 2, "y": 3}, "radius": "10"}},
                                    {"Rect": {"0": 4, "1": 5}}],
                         "bitmap": ["1", "2"], "nested": [[], [9]],
                         "vault": {"owner": "So11111111111111111111111111111111111111112", "bump": 254}}
                        """));
        // f32 0.1 is written as the shortest text that reads back to the same float.
        assertThat(payload.json()).contains("\"a_f32\":0.1,");
    }

    @Test
    void eventWithoutFieldsIsAnEmptyObject() {
        assertThat(ALL_TYPES.decode(PROGRAM, 0, Discriminators.event("Ping")).json())
                .isEqualTo("{}");
    }

    @Test
    void floatsThatJsonCannotHoldBecomeStrings() {
        BorshWriter w = new BorshWriter();
        byte[] data = everything();
        int f32At = 8 + 1 + 1 + 1 + 2 + 2 + 4 + 4 + 8 + 8 + 16 + 16 + 32 + 32;
        byte[] infinity =
                w.f32(Float.NEGATIVE_INFINITY).f64(Double.POSITIVE_INFINITY).toByteArray();
        System.arraycopy(infinity, 0, data, f32At, infinity.length);

        String json = ALL_TYPES.decode(PROGRAM, 0, data).json();

        assertThat(json).contains("\"a_f32\":\"-Infinity\",\"a_f64\":\"Infinity\"");
    }

    @Test
    void genericsRecursionCoptionAndTupleStruct() {
        byte[] treed =
                event("Treed")
                        .u8(1)
                        .u32(2) // root: value 1, two children
                        .u8(2)
                        .u32(0) // leaf 2
                        .u8(3)
                        .u32(1)
                        .u8(4)
                        .u32(0) // 3 -> [4]
                        .toByteArray();
        assertJsonEquals(
                GENERICS.decode(PROGRAM, 0, treed).json(),
                Fixtures.tree(
                        """
                        {"root": {"value": 1, "children": [
                          {"value": 2, "children": []},
                          {"value": 3, "children": [{"value": 4, "children": []}]}]}}
                        """));

        byte[] wrapped =
                event("Wrapped")
                        .u64(5)
                        .u64(6) // Boxed<Amount, 2>.items
                        .u8(1)
                        .u64(7) // extra: Some(7)
                        .u32(1)
                        .pubkey(KEY) // coption Some
                        .u32(0)
                        .u64(0) // coption None still takes the u64's 8 bytes
                        .u16(9)
                        .u32(1)
                        .f64(0.5)
                        .f64(2) // Pair(9, [[0.5, 2]])
                        .toByteArray();
        assertJsonEquals(
                GENERICS.decode(PROGRAM, 0, wrapped).json(),
                Fixtures.tree(
                        """
                        {"boxed": {"items": ["5", "6"], "extra": "7"},
                         "authority": "So11111111111111111111111111111111111111112",
                         "nothing": null, "unit": {}, "pair": {"0": 9, "1": [[0.5, 2.0]]}}
                        """));
    }

    @Test
    void recursionDeeperThanTheLimitIsRejected() {
        BorshWriter w = event("Treed");
        for (int i = 0; i < 200; i++) {
            w.u8(i).u32(1);
        }
        w.u8(0).u32(0);

        assertThatThrownBy(() -> GENERICS.decode(PROGRAM, 0, w.toByteArray()))
                .isInstanceOfSatisfying(
                        DecodeException.class,
                        e -> assertThat(e.kind()).isEqualTo(FailureKind.TOO_DEEP))
                .hasMessageContaining("nest deeper than 64");
    }

    @Test
    void shortDataNeverReadsZerosPastTheEnd() {
        byte[] full = everything();
        for (int length = 0; length < full.length; length++) {
            byte[] cut = Arrays.copyOf(full, length);
            assertThatThrownBy(() -> ALL_TYPES.decode(PROGRAM, 0, cut))
                    .isInstanceOf(DecodeException.class)
                    .satisfies(
                            e ->
                                    assertThat(((DecodeException) e).kind())
                                            .isIn(
                                                    FailureKind.TOO_SHORT,
                                                    FailureKind.UNKNOWN_DISCRIMINATOR));
        }
    }

    @Test
    void shortDataMessageNamesTheField() {
        byte[] full = everything();
        byte[] cut = Arrays.copyOf(full, full.length - 1); // last byte: vault.bump

        assertThatThrownBy(() -> ALL_TYPES.decode(PROGRAM, 0, cut))
                .isInstanceOf(DecodeException.class)
                .hasMessageStartingWith(
                        "Everything (IDL all_types@0): field vault.bump: ran out of data reading u8");
    }

    @Test
    void trailingBytesAreAnError() {
        byte[] longer = Arrays.copyOf(everything(), everything().length + 3);

        assertThatThrownBy(() -> ALL_TYPES.decode(PROGRAM, 0, longer))
                .isInstanceOfSatisfying(
                        DecodeException.class,
                        e -> assertThat(e.kind()).isEqualTo(FailureKind.TRAILING_BYTES))
                .hasMessageContaining("3 bytes left over after Everything");
    }

    @Test
    void invalidValuesAreRejected() {
        byte[] badBool = everything();
        badBool[8] = 2;
        assertThatThrownBy(() -> ALL_TYPES.decode(PROGRAM, 0, badBool))
                .hasMessageContaining("field flag: bool byte is 2");

        byte[] badEnum = patchShapes(7);
        assertThatThrownBy(() -> ALL_TYPES.decode(PROGRAM, 0, badEnum))
                .hasMessageContaining("field shapes[0]: variant index 7")
                .hasMessageContaining("enum Shape has 3 variants");

        byte[] badOption = event("Wrapped").u64(5).u64(6).u8(2).raw(new byte[100]).toByteArray();
        assertThatThrownBy(() -> GENERICS.decode(PROGRAM, 0, badOption))
                .hasMessageContaining("field boxed.extra: option tag is 2");

        byte[] badUtf8 =
                new BorshWriter()
                        .raw(
                                Arrays.copyOf(
                                        everything(),
                                        8 + 1 + 1 + 1 + 2 + 2 + 4 + 4 + 8 + 8 + 16 + 16 + 32 + 32
                                                + 4 + 8))
                        .u32(2)
                        .u8(0xC3)
                        .u8(0x28)
                        .raw(new byte[300])
                        .toByteArray();
        assertThatThrownBy(() -> ALL_TYPES.decode(PROGRAM, 0, badUtf8))
                .isInstanceOfSatisfying(
                        DecodeException.class,
                        e -> assertThat(e.kind()).isEqualTo(FailureKind.INVALID_VALUE))
                .hasMessageContaining("field text: string at offset 147 is not valid UTF-8");
    }

    @Test
    void hugeLengthPrefixFailsWithoutAllocating() {
        byte[] data = event("Treed").u8(1).u32(4_000_000_000L).toByteArray();

        assertThatThrownBy(() -> GENERICS.decode(PROGRAM, 0, data))
                .isInstanceOfSatisfying(
                        DecodeException.class,
                        e -> assertThat(e.kind()).isEqualTo(FailureKind.TOO_SHORT))
                .hasMessageContaining("length prefix at offset 9 is 4000000000");
    }

    @Test
    void unknownDiscriminatorAndUnknownSlot() {
        assertThatThrownBy(() -> ALL_TYPES.decode(PROGRAM, 0, Discriminators.event("Nope")))
                .isInstanceOfSatisfying(
                        DecodeException.class,
                        e -> assertThat(e.kind()).isEqualTo(FailureKind.UNKNOWN_DISCRIMINATOR))
                .hasMessageContaining("matches no event of IDL version 'all_types@0'");

        EventDecoder late =
                EventDecoder.of(
                        IdlRegistry.builder()
                                .add(
                                        PROGRAM,
                                        IdlParser.parse(
                                                Fixtures.resource("idl/all_types.legacy.json")),
                                        1000)
                                .build());
        assertThatThrownBy(() -> late.decode(PROGRAM, 999, Discriminators.event("Ping")))
                .isInstanceOfSatisfying(
                        DecodeException.class,
                        e -> assertThat(e.kind()).isEqualTo(FailureKind.NO_IDL_FOR_SLOT))
                .hasMessageContaining("covers slot 999");
        assertThat(late.decode(PROGRAM, 1000, Discriminators.event("Ping")).json()).isEqualTo("{}");
    }

    /** Everything with the first shape's variant index replaced. */
    private static byte[] patchShapes(int variant) {
        byte[] data = everything();
        // Locate the shapes vec: u32 3 followed by the Empty tag (0) and the Circle tag (1).
        byte[] marker = new BorshWriter().u32(3).u8(0).u8(1).toByteArray();
        for (int i = 0; i + marker.length <= data.length; i++) {
            if (Arrays.equals(data, i, i + marker.length, marker, 0, marker.length)) {
                data[i + 4] = (byte) variant;
                return data;
            }
        }
        throw new AssertionError("shapes not found");
    }
}
