package io.chainplay.schemas.earnings;

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
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;

import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Maps solana_mafia envelopes to the typed earnings records and back.
 *
 * <p>The nine records ({@code PlayerCreated}, {@code BusinessCreated[InSlot]}, {@code
 * BusinessUpgraded[InSlot]}, {@code BusinessSold[FromSlot]}, {@code EarningsClaimed}, {@code
 * EarningsUpdated}) name their fields exactly as the real IDL does ({@code
 * fixtures/solana_mafia/solana_mafia.idl.json}), and each field's {@code idl} property in the .avsc
 * is its IDL type, so one mapping reads them all from the canonical JSON payload: u64 and i64 as
 * decimal strings (u64 kept in a long read as unsigned), u8/u16 as numbers in range, pubkeys
 * base58. Anything else is refused with an {@link IllegalArgumentException} that says which field
 * is wrong, so the caller can dead-letter the record with that reason. Fields the payload has
 * beyond the IDL's are ignored.
 */
public final class SolanaMafiaEvents {

    /** The solana_mafia program id (the IDL's address). */
    public static final String PROGRAM_ID = "GtaYPUCEphDV1YgsS6VnBpTkkJwpuaQZf3ptFssyNvKU";

    public static final String PROGRAM_NAME = "solana_mafia";

    public static final String PLAYER_CREATED = "PlayerCreated";
    public static final String BUSINESS_CREATED = "BusinessCreated";
    public static final String BUSINESS_CREATED_IN_SLOT = "BusinessCreatedInSlot";
    public static final String BUSINESS_UPGRADED = "BusinessUpgraded";
    public static final String BUSINESS_UPGRADED_IN_SLOT = "BusinessUpgradedInSlot";
    public static final String BUSINESS_SOLD = "BusinessSold";
    public static final String BUSINESS_SOLD_FROM_SLOT = "BusinessSoldFromSlot";
    public static final String EARNINGS_CLAIMED = "EarningsClaimed";
    public static final String EARNINGS_UPDATED = "EarningsUpdated";

    private static final Map<String, Supplier<SpecificRecordBase>> TYPES =
            Map.of(
                    PLAYER_CREATED, PlayerCreated::new,
                    BUSINESS_CREATED, BusinessCreated::new,
                    BUSINESS_CREATED_IN_SLOT, BusinessCreatedInSlot::new,
                    BUSINESS_UPGRADED, BusinessUpgraded::new,
                    BUSINESS_UPGRADED_IN_SLOT, BusinessUpgradedInSlot::new,
                    BUSINESS_SOLD, BusinessSold::new,
                    BUSINESS_SOLD_FROM_SLOT, BusinessSoldFromSlot::new,
                    EARNINGS_CLAIMED, EarningsClaimed::new,
                    EARNINGS_UPDATED, EarningsUpdated::new);

    private static final ObjectMapper JSON = new ObjectMapper();

    private SolanaMafiaEvents() {}

    /** The names of the nine events. */
    public static Set<String> eventNames() {
        return TYPES.keySet();
    }

    /**
     * The typed record of an envelope: one of the nine classes in this package, with {@code meta}
     * from the envelope and the fields from its payload.
     *
     * @throws IllegalArgumentException for another event name, or a payload that breaks the IDL
     */
    public static SpecificRecordBase typed(ChainEvent event) {
        Supplier<SpecificRecordBase> type = TYPES.get(event.getEventName());
        if (type == null) {
            throw new IllegalArgumentException("Not a solana_mafia event: " + event.getEventName());
        }
        SpecificRecordBase record = type.get();
        JsonNode fields = parse(event);
        for (Schema.Field field : record.getSchema().getFields()) {
            if (field.pos() == 0) {
                record.put(0, EventMetas.of(event));
            } else {
                record.put(field.pos(), read(fields, field));
            }
        }
        return record;
    }

    /** The envelope a Solana source writes for this record: the inverse of {@link #typed}. */
    public static ChainEvent envelope(SpecificRecordBase typed) {
        EventMeta meta = (EventMeta) typed.get(0);
        return ChainEvent.newBuilder()
                .setEventId(meta.getEventId())
                .setChain(Chain.SOLANA)
                .setProgram(PROGRAM_ID)
                .setProgramName(PROGRAM_NAME)
                .setEventName(typed.getSchema().getName())
                .setTxSignature(meta.getTxSignature())
                .setSlot(meta.getSlot())
                .setInstructionIndex(meta.getInstructionIndex())
                .setEventIndex(meta.getEventIndex())
                .setEventTime(meta.getEventTime())
                .setCommitment(meta.getFinality() == Finality.FINALIZED ? "finalized" : "confirmed")
                .setFinality(meta.getFinality())
                .setRetracted(meta.getRetracted())
                .setPayload(payload(typed))
                .build();
    }

    /** The canonical payload of a typed record, as a decoder of the IDL writes it. */
    public static String payload(SpecificRecordBase typed) {
        ObjectNode fields = JSON.createObjectNode();
        for (Schema.Field field : typed.getSchema().getFields()) {
            if (field.pos() == 0) {
                continue;
            }
            Object value = typed.get(field.pos());
            switch (idlType(field)) {
                case "pubkey" -> fields.put(field.name(), (String) value);
                case "u64" -> fields.put(field.name(), Long.toUnsignedString((Long) value));
                case "i64" -> fields.put(field.name(), Long.toString((Long) value));
                default -> fields.put(field.name(), (Integer) value);
            }
        }
        return fields.toString();
    }

    private static Object read(JsonNode fields, Schema.Field field) {
        String name = field.name();
        JsonNode value = fields.get(name);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("Missing field " + name);
        }
        String idl = idlType(field);
        switch (idl) {
            case "pubkey" -> {
                if (!value.isTextual() || !Base58.isPublicKey(value.textValue())) {
                    throw new IllegalArgumentException(
                            "Field " + name + " is not a base58 public key: " + value);
                }
                return value.textValue();
            }
            case "u64", "i64" -> {
                if (!value.isTextual()) {
                    throw new IllegalArgumentException(
                            "Field " + name + " (" + idl + ") must be a decimal string: " + value);
                }
                try {
                    return idl.equals("u64")
                            ? Long.parseUnsignedLong(value.textValue())
                            : Long.parseLong(value.textValue());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(
                            "Field " + name + " is not an " + idl + ": " + value.textValue(), e);
                }
            }
            case "u8", "u16" -> {
                int max = idl.equals("u8") ? 0xFF : 0xFFFF;
                if (!value.isIntegralNumber() || value.asLong() < 0 || value.asLong() > max) {
                    throw new IllegalArgumentException(
                            "Field " + name + " is not a " + idl + ": " + value);
                }
                return value.intValue();
            }
            default -> throw new IllegalStateException("Unknown idl type " + idl + " of " + name);
        }
    }

    private static String idlType(Schema.Field field) {
        String idl = field.getProp("idl");
        if (idl == null) {
            throw new IllegalStateException("Field " + field.name() + " has no idl property");
        }
        return idl;
    }

    private static JsonNode parse(ChainEvent event) {
        try {
            JsonNode fields = JSON.readTree(event.getPayload());
            if (fields == null || !fields.isObject()) {
                throw new IllegalArgumentException(
                        event.getEventName() + " payload is not a JSON object");
            }
            return fields;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    event.getEventName() + " payload is not valid JSON: " + e.getOriginalMessage(),
                    e);
        }
    }
}
