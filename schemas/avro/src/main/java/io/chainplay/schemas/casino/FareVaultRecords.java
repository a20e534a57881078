package io.chainplay.schemas.casino;

import io.chainplay.schemas.chain.Chain;
import io.chainplay.schemas.chain.ChainEvent;
import io.chainplay.schemas.chain.EventMeta;
import io.chainplay.schemas.chain.EventMetas;
import io.chainplay.schemas.chain.Finality;
import io.chainplay.schemas.solana.Base58;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/**
 * Maps the fare_vault events other than the two trial events ({@link FareVaultEvents}) to typed
 * casino records and back: fees, pools, jackpots and the six admin events of the real IDL ({@code
 * fixtures/fareplay/fare_vault.idl.json}).
 *
 * <p>The payload rules are those of {@link FareVaultEvents}: u64 as decimal strings, u8 and f64 as
 * numbers, pubkeys base58. Anything else is refused with an {@link IllegalArgumentException} that
 * names the field, for the caller to dead-letter.
 */
public final class FareVaultRecords {

    public static final String FEE_CHARGED = "FeeCharged";
    public static final String POOL_REGISTERED = "PoolRegistered";
    public static final String POOL_ACCUMULATED_AMOUNT_UPDATED = "PoolAccumulatedAmountUpdated";
    public static final String POOL_ACCUMULATED_AMOUNT_RELEASED = "PoolAccumulatedAmountReleased";
    public static final String ADMIN_ADDRESS_UPDATED = "AdminAddressUpdated";
    public static final String RESOLVER_ADDRESS_UPDATED = "ResolverAddressUpdated";
    public static final String NETWORK_FEE_RECIPIENT_ADDRESS_UPDATED =
            "NetworkFeeRecipientAddressUpdated";
    public static final String EV_THRESHOLD_UPDATED = "EvThresholdUpdated";
    public static final String FEE_NETWORK_PERCENT_UPDATED = "FeeNetworkPercentUpdated";
    public static final String MINIMUM_FEE_BURN_PERCENT_UPDATED = "MinimumFeeBurnPercentUpdated";

    /**
     * The six admin events: event name to {the VaultState field it sets, the payload field that
     * carries the new value, "address" or "value"}.
     */
    public static final Map<String, List<String>> VAULT_EVENTS =
            Map.of(
                    ADMIN_ADDRESS_UPDATED, List.of("admin", "new_admin", "address"),
                    RESOLVER_ADDRESS_UPDATED, List.of("resolver", "new_resolver", "address"),
                    NETWORK_FEE_RECIPIENT_ADDRESS_UPDATED,
                            // "receipient" is the IDL's spelling.
                            List.of("net_fee_recipient", "new_network_fee_receipient", "address"),
                    EV_THRESHOLD_UPDATED, List.of("ev_threshold", "new_ev_threshold", "value"),
                    FEE_NETWORK_PERCENT_UPDATED,
                            List.of("fee_network_pct", "new_fee_network_percent", "value"),
                    MINIMUM_FEE_BURN_PERCENT_UPDATED,
                            List.of("min_fee_burn_pct", "new_minimum_fee_burn_percent", "value"));

    private static final ObjectMapper JSON = new ObjectMapper();

    private FareVaultRecords() {}

    public static FeeCharged feeCharged(ChainEvent event) {
        JsonNode fields = parse(event, FEE_CHARGED);
        return FeeCharged.newBuilder()
                .setMeta(EventMetas.of(event))
                .setFeeType(u8(fields, "fee_type"))
                .setPoolId(pubkey(fields, "pool_id"))
                .setTrialId(pubkey(fields, "trial_id"))
                .setFeeAmount(u64(fields, "fee_amount"))
                .build();
    }

    public static PoolRegistered poolRegistered(ChainEvent event) {
        JsonNode fields = parse(event, POOL_REGISTERED);
        return PoolRegistered.newBuilder()
                .setMeta(EventMetas.of(event))
                .setPoolId(pubkey(fields, "pool_id"))
                .setManagerAddress(pubkey(fields, "manager_address"))
                .setFeePlayMultiplier(f64(fields, "fee_play_multiplier"))
                .setFeeLossMultiplier(f64(fields, "fee_loss_multiplier"))
                .setFeeMintMultiplier(f64(fields, "fee_mint_multiplier"))
                .setFeeHostPercent(f64(fields, "fee_host_percent"))
                .setFeePoolPercent(f64(fields, "fee_pool_percent"))
                .setMinLimitForTicket(f64(fields, "min_limit_for_ticket"))
                .setProbability(f64(fields, "probability"))
                .build();
    }

    public static PoolAccumulatedAmountUpdated poolAccumulatedAmountUpdated(ChainEvent event) {
        JsonNode fields = parse(event, POOL_ACCUMULATED_AMOUNT_UPDATED);
        return PoolAccumulatedAmountUpdated.newBuilder()
                .setMeta(EventMetas.of(event))
                .setPoolId(pubkey(fields, "pool_id"))
                .setTrialId(pubkey(fields, "trial_id"))
                .setNewAccumulatedAmount(u64(fields, "new_accumulated_amount"))
                .build();
    }

    public static PoolAccumulatedAmountReleased poolAccumulatedAmountReleased(ChainEvent event) {
        JsonNode fields = parse(event, POOL_ACCUMULATED_AMOUNT_RELEASED);
        return PoolAccumulatedAmountReleased.newBuilder()
                .setMeta(EventMetas.of(event))
                .setPoolId(pubkey(fields, "pool_id"))
                .setTrialId(pubkey(fields, "trial_id"))
                .setReceiver(pubkey(fields, "receiver"))
                .setReleasedAmount(u64(fields, "released_amount"))
                .build();
    }

    /** Whether the event is one of the six admin events {@link #vaultConfigUpdated} maps. */
    public static boolean isVaultEvent(String eventName) {
        return VAULT_EVENTS.containsKey(eventName);
    }

    public static VaultConfigUpdated vaultConfigUpdated(ChainEvent event) {
        List<String> spec = VAULT_EVENTS.get(event.getEventName());
        if (spec == null) {
            throw new IllegalArgumentException(
                    "Expected a fare_vault admin event but got " + event.getEventName());
        }
        JsonNode fields = parse(event, event.getEventName());
        VaultConfigUpdated.Builder record =
                VaultConfigUpdated.newBuilder()
                        .setMeta(EventMetas.of(event))
                        .setEventName(event.getEventName())
                        .setField(spec.get(0));
        if (spec.get(2).equals("address")) {
            record.setAddress(pubkey(fields, spec.get(1)));
        } else {
            record.setValue(f64(fields, spec.get(1)));
        }
        return record.build();
    }

    /** The envelope a Solana source writes for this record: the inverse of the mapping. */
    public static ChainEvent envelope(FeeCharged fee) {
        ObjectNode fields = JSON.createObjectNode();
        fields.put("fee_type", fee.getFeeType());
        fields.put("pool_id", fee.getPoolId());
        fields.put("trial_id", fee.getTrialId());
        fields.put("fee_amount", Long.toUnsignedString(fee.getFeeAmount()));
        return envelope(fee.getMeta(), FEE_CHARGED, fields.toString());
    }

    public static ChainEvent envelope(PoolRegistered pool) {
        ObjectNode fields = JSON.createObjectNode();
        fields.put("pool_id", pool.getPoolId());
        fields.put("manager_address", pool.getManagerAddress());
        fields.put("fee_play_multiplier", pool.getFeePlayMultiplier());
        fields.put("fee_loss_multiplier", pool.getFeeLossMultiplier());
        fields.put("fee_mint_multiplier", pool.getFeeMintMultiplier());
        fields.put("fee_host_percent", pool.getFeeHostPercent());
        fields.put("fee_pool_percent", pool.getFeePoolPercent());
        fields.put("min_limit_for_ticket", pool.getMinLimitForTicket());
        fields.put("probability", pool.getProbability());
        return envelope(pool.getMeta(), POOL_REGISTERED, fields.toString());
    }

    public static ChainEvent envelope(PoolAccumulatedAmountUpdated update) {
        ObjectNode fields = JSON.createObjectNode();
        fields.put("pool_id", update.getPoolId());
        fields.put("trial_id", update.getTrialId());
        fields.put(
                "new_accumulated_amount", Long.toUnsignedString(update.getNewAccumulatedAmount()));
        return envelope(update.getMeta(), POOL_ACCUMULATED_AMOUNT_UPDATED, fields.toString());
    }

    public static ChainEvent envelope(PoolAccumulatedAmountReleased release) {
        ObjectNode fields = JSON.createObjectNode();
        fields.put("pool_id", release.getPoolId());
        fields.put("trial_id", release.getTrialId());
        fields.put("receiver", release.getReceiver());
        fields.put("released_amount", Long.toUnsignedString(release.getReleasedAmount()));
        return envelope(release.getMeta(), POOL_ACCUMULATED_AMOUNT_RELEASED, fields.toString());
    }

    public static ChainEvent envelope(VaultConfigUpdated update) {
        List<String> spec = VAULT_EVENTS.get(update.getEventName());
        if (spec == null) {
            throw new IllegalArgumentException("Not an admin event: " + update.getEventName());
        }
        ObjectNode fields = JSON.createObjectNode();
        if (spec.get(2).equals("address")) {
            fields.put(spec.get(1), update.getAddress());
        } else {
            fields.put(spec.get(1), update.getValue());
        }
        return envelope(update.getMeta(), update.getEventName(), fields.toString());
    }

    /** A fare_vault envelope around a canonical payload, as the Solana source writes it. */
    public static ChainEvent envelope(EventMeta meta, String eventName, String payload) {
        return ChainEvent.newBuilder()
                .setEventId(meta.getEventId())
                .setChain(Chain.SOLANA)
                .setProgram(FareVaultEvents.PROGRAM_ID)
                .setProgramName(FareVaultEvents.PROGRAM_NAME)
                .setEventName(eventName)
                .setTxSignature(meta.getTxSignature())
                .setSlot(meta.getSlot())
                .setInstructionIndex(meta.getInstructionIndex())
                .setEventIndex(meta.getEventIndex())
                .setEventTime(meta.getEventTime())
                .setCommitment(meta.getFinality() == Finality.FINALIZED ? "finalized" : "confirmed")
                .setFinality(meta.getFinality())
                .setRetracted(meta.getRetracted())
                .setPayload(payload)
                .build();
    }

    private static JsonNode parse(ChainEvent event, String name) {
        if (!name.equals(event.getEventName())) {
            throw new IllegalArgumentException(
                    "Expected a " + name + " event but got " + event.getEventName());
        }
        try {
            JsonNode fields = JSON.readTree(event.getPayload());
            if (fields == null || !fields.isObject()) {
                throw new IllegalArgumentException(name + " payload is not a JSON object");
            }
            return fields;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    name + " payload is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static JsonNode field(JsonNode fields, String name) {
        JsonNode value = fields.get(name);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("Missing field " + name);
        }
        return value;
    }

    private static String pubkey(JsonNode fields, String name) {
        JsonNode value = field(fields, name);
        if (!value.isTextual() || !Base58.isPublicKey(value.textValue())) {
            throw new IllegalArgumentException(
                    "Field " + name + " is not a base58 public key: " + value);
        }
        return value.textValue();
    }

    private static long u64(JsonNode fields, String name) {
        JsonNode value = field(fields, name);
        if (!value.isTextual()) {
            throw new IllegalArgumentException("Field " + name + " must be a u64 decimal string");
        }
        try {
            return Long.parseUnsignedLong(value.textValue());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "Field " + name + " is not a u64 decimal string: " + value.textValue(), e);
        }
    }

    private static int u8(JsonNode fields, String name) {
        JsonNode value = field(fields, name);
        if (!value.isIntegralNumber() || value.intValue() < 0 || value.intValue() > 255) {
            throw new IllegalArgumentException("Field " + name + " is not a u8: " + value);
        }
        return value.intValue();
    }

    private static double f64(JsonNode fields, String name) {
        JsonNode value = field(fields, name);
        if (!value.isNumber()) {
            throw new IllegalArgumentException("Field " + name + " must be a number");
        }
        return value.doubleValue();
    }
}
