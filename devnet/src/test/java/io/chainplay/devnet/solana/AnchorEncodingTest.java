package io.chainplay.devnet.solana;

import io.chainplay.devnet.solana.FareVaultProgram.AdminAddressUpdated;
import io.chainplay.devnet.solana.FareVaultProgram.EvThresholdUpdated;
import io.chainplay.devnet.solana.FareVaultProgram.FeeCharged;
import io.chainplay.devnet.solana.FareVaultProgram.FeeNetworkPercentUpdated;
import io.chainplay.devnet.solana.FareVaultProgram.MinimumFeeBurnPercentUpdated;
import io.chainplay.devnet.solana.FareVaultProgram.NetworkFeeRecipientAddressUpdated;
import io.chainplay.devnet.solana.FareVaultProgram.PoolAccumulatedAmountReleased;
import io.chainplay.devnet.solana.FareVaultProgram.PoolAccumulatedAmountUpdated;
import io.chainplay.devnet.solana.FareVaultProgram.PoolRegistered;
import io.chainplay.devnet.solana.FareVaultProgram.ResolverAddressUpdated;
import io.chainplay.devnet.solana.FareVaultProgram.TrialRegistered;
import io.chainplay.devnet.solana.FareVaultProgram.TrialResolved;
import io.chainplay.devnet.solana.SolanaMafiaProgram.BusinessCreated;
import io.chainplay.devnet.solana.SolanaMafiaProgram.BusinessCreatedInSlot;
import io.chainplay.devnet.solana.SolanaMafiaProgram.BusinessSold;
import io.chainplay.devnet.solana.SolanaMafiaProgram.BusinessSoldFromSlot;
import io.chainplay.devnet.solana.SolanaMafiaProgram.BusinessUpgraded;
import io.chainplay.devnet.solana.SolanaMafiaProgram.BusinessUpgradedInSlot;
import io.chainplay.devnet.solana.SolanaMafiaProgram.EarningsClaimed;
import io.chainplay.devnet.solana.SolanaMafiaProgram.EarningsUpdated;
import io.chainplay.devnet.solana.SolanaMafiaProgram.PlayerCreated;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-written encoders against the fixtures: byte for byte against the vectors encoded by
 * Anchor's own TypeScript coder, and field by field against the real IDLs.
 */
class AnchorEncodingTest {

    private static final JsonNode FARE_IDL = TestRpc.fixture("fareplay/fare_vault.idl.json");
    private static final JsonNode MAFIA_IDL = TestRpc.fixture("solana_mafia/solana_mafia.idl.json");

    @Test
    void fareVaultEventsEqualTheDerivedVectorsByteForByte() {
        JsonNode derived =
                TestRpc.fixture("solana/anchor_event_decode_vectors.json").get("derived_fareplay");
        assertThat(derived.get("program_id").asText()).isEqualTo(FareVaultProgram.PROGRAM_ID);
        List<String> checked = new ArrayList<>();
        for (JsonNode vector : derived.get("vectors")) {
            AnchorEvent event =
                    fareVaultEvent(vector.get("event").asText(), vector.get("expected_decoded"));
            assertEncodes(event, vector);
            checked.add(event.name());
        }
        assertThat(checked).hasSize(6);
    }

    @Test
    void solanaMafiaEventsEqualTheDerivedVectorsByteForByte() {
        JsonNode vectors =
                TestRpc.fixture("solana_mafia/event_vectors_derived.json").get("vectors");
        List<String> checked = new ArrayList<>();
        for (JsonNode vector : vectors) {
            AnchorEvent event =
                    mafiaEvent(vector.get("event").asText(), vector.get("expected_decoded"));
            assertEncodes(event, vector);
            checked.add(event.name());
        }
        assertThat(checked).hasSize(9);
    }

    @Test
    void everyEventHasTheIdlDiscriminatorAndFieldsInIdlOrder() {
        for (AnchorEvent event : samples()) {
            JsonNode idl =
                    event.programId().equals(FareVaultProgram.PROGRAM_ID) ? FARE_IDL : MAFIA_IDL;
            JsonNode declared = find(idl.get("events"), event.name());
            byte[] data = event.data();
            assertThat(HexFormat.of().formatHex(data, 0, 8))
                    .as(event.name())
                    .isEqualTo(hex(declared.get("discriminator")))
                    .isEqualTo(HexFormat.of().formatHex(Anchor.eventDiscriminator(event.name())));
            JsonNode type = find(idl.get("types"), event.name()).get("type");
            List<String> idlFields = new ArrayList<>();
            int size = 8;
            for (JsonNode field : type.get("fields")) {
                idlFields.add(field.get("name").asText());
                size += fixedSize(field.get("type"), event.json().get(field.get("name").asText()));
            }
            List<String> ours = new ArrayList<>();
            event.json().fieldNames().forEachRemaining(ours::add);
            assertThat(ours).as(event.name()).isEqualTo(idlFields);
            assertThat(data).as(event.name() + " length").hasSize(size);
        }
        // All 12 + 9 events of the two IDLs are covered.
        assertThat(samples())
                .hasSize(FARE_IDL.get("events").size() + MAFIA_IDL.get("events").size());
    }

    @Test
    void instructionDataStartsWithTheIdlDiscriminators() {
        Map<String, byte[]> sent =
                Map.of(
                        "trial_register",
                        FareVaultProgram.trialRegisterData(
                                new double[][] {{0.5, 0}, {0.5, 2}}, 1.0, "x"),
                        "trial_resolve_rand",
                        FareVaultProgram.trialResolveRandData(new byte[64]),
                        "create_player",
                        SolanaMafiaProgram.createPlayerData(),
                        "create_business",
                        SolanaMafiaProgram.createBusinessData(1, 500_000_000L, 0),
                        "update_earnings",
                        SolanaMafiaProgram.updateEarningsData());
        sent.forEach(
                (name, data) -> {
                    JsonNode idl = name.startsWith("trial") ? FARE_IDL : MAFIA_IDL;
                    JsonNode instruction = find(idl.get("instructions"), name);
                    assertThat(HexFormat.of().formatHex(data, 0, 8))
                            .as(name)
                            .isEqualTo(hex(instruction.get("discriminator")));
                });
        // create_business(u8, u64, u8): 8 + 1 + 8 + 1 bytes.
        assertThat(SolanaMafiaProgram.createBusinessData(1, 5, 2)).hasSize(18);
    }

    @Test
    void emitCpiTagIsAnchorsEventIxTagLittleEndian() {
        assertThat(HexFormat.of().formatHex(Anchor.EVENT_IX_TAG)).isEqualTo("e445a52e51cb9a1d");
        assertThat(Long.toHexString(Long.reverseBytes(0xe445a52e51cb9a1dL)))
                .isEqualTo("1d9acb512ea545e4");
    }

    private static void assertEncodes(AnchorEvent event, JsonNode vector) {
        String line = vector.get("program_data_line").asText();
        String expected = line.substring("Program data: ".length());
        assertThat(Base64.getEncoder().encodeToString(event.data()))
                .as(event.name())
                .isEqualTo(expected);
        assertThat(HexFormat.of().formatHex(event.data(), 0, 8))
                .isEqualTo(vector.get("discriminator_hex").asText());
        assertThat(sameJson(event.json(), vector.get("expected_decoded")))
                .as(event.name() + ": " + event.json() + " vs " + vector.get("expected_decoded"))
                .isTrue();
    }

    /** JSON equality where 0 and 0.0 are the same number (the vectors come from JavaScript). */
    static boolean sameJson(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.getNodeType() != b.getNodeType() || a.size() != b.size()) {
            return false;
        }
        if (a.isObject()) {
            Iterator<String> names = a.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!b.has(name) || !sameJson(a.get(name), b.get(name))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray()) {
            for (int i = 0; i < a.size(); i++) {
                if (!sameJson(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    private static AnchorEvent fareVaultEvent(String name, JsonNode f) {
        return switch (name) {
            case "TrialRegistered" ->
                    new TrialRegistered(
                            f.get("trial_id").asText(),
                            f.get("who").asText(),
                            f.get("pool_id").asText(),
                            Long.parseUnsignedLong(f.get("multiplier").asText()),
                            qk(f.get("qk").get("0")),
                            f.get("extra_data_hash").asText());
            case "TrialResolved" ->
                    new TrialResolved(
                            f.get("trial_id").asText(),
                            Long.parseUnsignedLong(f.get("result_index").asText()),
                            f.get("randomness").asDouble());
            case "FeeCharged" ->
                    new FeeCharged(
                            f.get("fee_type").asInt(),
                            f.get("pool_id").asText(),
                            f.get("trial_id").asText(),
                            Long.parseUnsignedLong(f.get("fee_amount").asText()));
            case "PoolRegistered" ->
                    new PoolRegistered(
                            f.get("pool_id").asText(),
                            f.get("manager_address").asText(),
                            f.get("fee_play_multiplier").asDouble(),
                            f.get("fee_loss_multiplier").asDouble(),
                            f.get("fee_mint_multiplier").asDouble(),
                            f.get("fee_host_percent").asDouble(),
                            f.get("fee_pool_percent").asDouble(),
                            f.get("min_limit_for_ticket").asDouble(),
                            f.get("probability").asDouble());
            case "PoolAccumulatedAmountUpdated" ->
                    new PoolAccumulatedAmountUpdated(
                            f.get("pool_id").asText(),
                            f.get("trial_id").asText(),
                            Long.parseUnsignedLong(f.get("new_accumulated_amount").asText()));
            case "PoolAccumulatedAmountReleased" ->
                    new PoolAccumulatedAmountReleased(
                            f.get("pool_id").asText(),
                            f.get("trial_id").asText(),
                            f.get("receiver").asText(),
                            Long.parseUnsignedLong(f.get("released_amount").asText()));
            default -> throw new IllegalArgumentException("No vector mapping for " + name);
        };
    }

    private static AnchorEvent mafiaEvent(String name, JsonNode f) {
        return switch (name) {
            case "BusinessCreated" ->
                    new BusinessCreated(
                            f.get("player").asText(),
                            f.get("business_type").asInt(),
                            u64(f, "invested_amount"),
                            f.get("daily_rate").asInt(),
                            u64(f, "treasury_fee"),
                            i64(f, "created_at"));
            case "BusinessCreatedInSlot" ->
                    new BusinessCreatedInSlot(
                            f.get("player").asText(),
                            f.get("slot_index").asInt(),
                            f.get("business_type").asInt(),
                            f.get("level").asInt(),
                            u64(f, "base_cost"),
                            u64(f, "slot_cost"),
                            u64(f, "total_paid"),
                            f.get("daily_rate").asInt(),
                            i64(f, "created_at"));
            case "BusinessSold" ->
                    new BusinessSold(
                            f.get("player").asText(),
                            f.get("business_index").asInt(),
                            u64(f, "days_held"),
                            f.get("sell_fee_percent").asInt(),
                            u64(f, "return_amount"));
            case "BusinessSoldFromSlot" ->
                    new BusinessSoldFromSlot(
                            f.get("player").asText(),
                            f.get("slot_index").asInt(),
                            f.get("business_type").asInt(),
                            u64(f, "total_invested"),
                            u64(f, "days_held"),
                            f.get("base_fee_percent").asInt(),
                            f.get("slot_discount").asInt(),
                            f.get("final_fee_percent").asInt(),
                            u64(f, "return_amount"),
                            i64(f, "sold_at"));
            case "BusinessUpgraded" ->
                    new BusinessUpgraded(
                            f.get("player").asText(),
                            f.get("business_index").asInt(),
                            f.get("new_level").asInt(),
                            u64(f, "upgrade_cost"),
                            f.get("new_daily_rate").asInt());
            case "BusinessUpgradedInSlot" ->
                    new BusinessUpgradedInSlot(
                            f.get("player").asText(),
                            f.get("slot_index").asInt(),
                            f.get("old_level").asInt(),
                            f.get("new_level").asInt(),
                            u64(f, "upgrade_cost"),
                            f.get("new_daily_rate").asInt(),
                            i64(f, "upgraded_at"));
            case "EarningsClaimed" ->
                    new EarningsClaimed(
                            f.get("player").asText(), u64(f, "amount"), i64(f, "claimed_at"));
            case "EarningsUpdated" ->
                    new EarningsUpdated(
                            f.get("player").asText(),
                            u64(f, "earnings_added"),
                            u64(f, "total_pending"),
                            i64(f, "next_earnings_time"),
                            f.get("businesses_count").asInt());
            case "PlayerCreated" ->
                    new PlayerCreated(
                            f.get("wallet").asText(),
                            u64(f, "entry_fee"),
                            i64(f, "created_at"),
                            i64(f, "next_earnings_time"));
            default -> throw new IllegalArgumentException("No vector mapping for " + name);
        };
    }

    /** One instance of each of the 21 events, with values at the edges of their types. */
    static List<AnchorEvent> samples() {
        String key = Keys.named("sample");
        String other = Keys.named("other");
        return List.of(
                new AdminAddressUpdated(key),
                new EvThresholdUpdated(0.975),
                new FeeCharged(255, key, other, -1L),
                new FeeNetworkPercentUpdated(0.5),
                new MinimumFeeBurnPercentUpdated(0.1),
                new NetworkFeeRecipientAddressUpdated(other),
                new PoolAccumulatedAmountReleased(key, other, key, 123),
                new PoolAccumulatedAmountUpdated(key, other, Long.MAX_VALUE),
                new PoolRegistered(key, other, 0.01, 0.02, 0.5, 0.15, 0.05, 100, 0.001),
                new ResolverAddressUpdated(key),
                new TrialRegistered(
                        key, other, key, 1L << 62, new double[][] {{0.7, 0}, {0.3, 3.1}}, "0xé"),
                new TrialResolved(key, 3, 0.25),
                new BusinessCreated(key, 5, 50_000_000_000L, 100, 10_000_000_000L, -1),
                new BusinessCreatedInSlot(key, 5, 2, 0, 1, 2, 3, 65_535, 1_700_000_000L),
                new BusinessSold(key, 1, 40, 2, 9),
                new BusinessSoldFromSlot(key, 4, 1, 10, 3, 25, 50, 12, 8, 1_700_000_000L),
                new BusinessUpgraded(key, 2, 3, 100, 250),
                new BusinessUpgradedInSlot(key, 0, 1, 2, 100, 225, 1_700_000_000L),
                new EarningsClaimed(key, 77, 1_700_000_000L),
                new EarningsUpdated(key, 1, 2, 1_700_086_400L, 6),
                new PlayerCreated(key, 12_345_679, 1_700_000_000L, 1_700_050_000L));
    }

    /** Bytes a field takes; variable-size ones measured from the JSON value. */
    private static int fixedSize(JsonNode type, JsonNode value) {
        if (type.isTextual()) {
            return switch (type.asText()) {
                case "u8", "bool" -> 1;
                case "u16" -> 2;
                case "u32" -> 4;
                case "u64", "i64", "f64" -> 8;
                case "pubkey" -> 32;
                case "string" ->
                        4 + value.asText().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                default -> throw new IllegalArgumentException("Unexpected type " + type);
            };
        }
        if (type.has("defined") && type.get("defined").get("name").asText().equals("QK")) {
            return 4 + value.get("0").size() * 16;
        }
        throw new IllegalArgumentException("Unexpected type " + type);
    }

    private static double[][] qk(JsonNode rows) {
        double[][] out = new double[rows.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new double[] {rows.get(i).get(0).asDouble(), rows.get(i).get(1).asDouble()};
        }
        return out;
    }

    private static long u64(JsonNode fields, String name) {
        return Long.parseUnsignedLong(fields.get(name).asText());
    }

    private static long i64(JsonNode fields, String name) {
        return Long.parseLong(fields.get(name).asText());
    }

    private static JsonNode find(JsonNode list, String name) {
        for (JsonNode item : list) {
            if (item.get("name").asText().equals(name)) {
                return item;
            }
        }
        throw new AssertionError(name + " not in the IDL");
    }

    private static String hex(JsonNode bytes) {
        byte[] out = new byte[bytes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) bytes.get(i).asInt();
        }
        return HexFormat.of().formatHex(out);
    }
}
