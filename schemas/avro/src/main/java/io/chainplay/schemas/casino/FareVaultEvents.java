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
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps fare_vault envelopes to the typed casino records and back.
 *
 * <p>The payload is the canonical JSON of the decoded fields as the IDL names them ({@code
 * fixtures/fareplay/fare_vault.idl.json}): u64 as decimal strings, f64 as numbers, pubkeys base58,
 * and the {@code QK} tuple struct as Anchor renders it, {@code {"0": [[q, k], ...]}}. Anything else
 * is refused with an {@link IllegalArgumentException} that says which field is wrong, so the caller
 * can dead-letter the record with that reason.
 */
public final class FareVaultEvents {

    /** The fare_vault program id on Solana mainnet and devnet (the IDL's address). */
    public static final String PROGRAM_ID = "FAREvmepkHArRWwLjHmwPQGL9Byg8iKF3hu1vewxTSXe";

    public static final String PROGRAM_NAME = "fare_vault";
    public static final String TRIAL_REGISTERED = "TrialRegistered";
    public static final String TRIAL_RESOLVED = "TrialResolved";

    private static final ObjectMapper JSON = new ObjectMapper();

    private FareVaultEvents() {}

    public static TrialRegistered trialRegistered(ChainEvent event) {
        expectName(event, TRIAL_REGISTERED);
        JsonNode fields = parse(event);
        return TrialRegistered.newBuilder()
                .setMeta(EventMetas.of(event))
                .setTrialId(pubkey(fields, "trial_id"))
                .setWho(pubkey(fields, "who"))
                .setPoolId(pubkey(fields, "pool_id"))
                .setMultiplier(u64(fields, "multiplier"))
                .setQk(qk(fields))
                .setExtraDataHash(text(fields, "extra_data_hash"))
                .build();
    }

    public static TrialResolved trialResolved(ChainEvent event) {
        expectName(event, TRIAL_RESOLVED);
        JsonNode fields = parse(event);
        return TrialResolved.newBuilder()
                .setMeta(EventMetas.of(event))
                .setTrialId(pubkey(fields, "trial_id"))
                .setResultIndex(u64(fields, "result_index"))
                .setRandomness(f64(fields, "randomness"))
                .build();
    }

    /** The envelope a Solana source writes for this registration: the inverse of the mapping. */
    public static ChainEvent envelope(TrialRegistered trial) {
        return envelope(trial.getMeta(), TRIAL_REGISTERED, payload(trial));
    }

    /** The envelope a Solana source writes for this resolution: the inverse of the mapping. */
    public static ChainEvent envelope(TrialResolved resolution) {
        return envelope(resolution.getMeta(), TRIAL_RESOLVED, payload(resolution));
    }

    private static ChainEvent envelope(EventMeta meta, String eventName, String payload) {
        return ChainEvent.newBuilder()
                .setEventId(meta.getEventId())
                .setChain(Chain.SOLANA)
                .setProgram(PROGRAM_ID)
                .setProgramName(PROGRAM_NAME)
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

    /** The canonical payload of a TrialRegistered, as a decoder of the IDL writes it. */
    public static String payload(TrialRegistered trial) {
        ObjectNode fields = JSON.createObjectNode();
        fields.put("trial_id", trial.getTrialId());
        fields.put("who", trial.getWho());
        fields.put("pool_id", trial.getPoolId());
        fields.put("multiplier", Long.toUnsignedString(trial.getMultiplier()));
        ArrayNode pairs = fields.putObject("qk").putArray("0");
        for (QkPair pair : trial.getQk()) {
            pairs.addArray().add(pair.getQ()).add(pair.getK());
        }
        fields.put("extra_data_hash", trial.getExtraDataHash());
        return fields.toString();
    }

    /** The canonical payload of a TrialResolved, as a decoder of the IDL writes it. */
    public static String payload(TrialResolved resolution) {
        ObjectNode fields = JSON.createObjectNode();
        fields.put("trial_id", resolution.getTrialId());
        fields.put("result_index", Long.toUnsignedString(resolution.getResultIndex()));
        fields.put("randomness", resolution.getRandomness());
        return fields.toString();
    }

    private static void expectName(ChainEvent event, String name) {
        if (!name.equals(event.getEventName())) {
            throw new IllegalArgumentException(
                    "Expected a " + name + " event but got " + event.getEventName());
        }
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

    private static JsonNode field(JsonNode fields, String name) {
        JsonNode value = fields.get(name);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("Missing field " + name);
        }
        return value;
    }

    private static String text(JsonNode fields, String name) {
        JsonNode value = field(fields, name);
        if (!value.isTextual()) {
            throw new IllegalArgumentException("Field " + name + " must be a string");
        }
        return value.textValue();
    }

    private static String pubkey(JsonNode fields, String name) {
        String value = text(fields, name);
        if (!Base58.isPublicKey(value)) {
            throw new IllegalArgumentException(
                    "Field " + name + " is not a base58 public key: " + value);
        }
        return value;
    }

    /** u64 travels as a decimal string; kept in a long read as unsigned. */
    private static long u64(JsonNode fields, String name) {
        String value = text(fields, name);
        try {
            return Long.parseUnsignedLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "Field " + name + " is not a u64 decimal string: " + value, e);
        }
    }

    private static double f64(JsonNode fields, String name) {
        JsonNode value = field(fields, name);
        if (!value.isNumber()) {
            throw new IllegalArgumentException("Field " + name + " must be a number");
        }
        return value.doubleValue();
    }

    private static List<QkPair> qk(JsonNode fields) {
        JsonNode pairs = field(fields, "qk").get("0");
        if (pairs == null || !pairs.isArray()) {
            throw new IllegalArgumentException("Field qk must be {\"0\": [[q, k], ...]}");
        }
        List<QkPair> result = new ArrayList<>(pairs.size());
        for (JsonNode pair : pairs) {
            if (!pair.isArray()
                    || pair.size() != 2
                    || !pair.get(0).isNumber()
                    || !pair.get(1).isNumber()) {
                throw new IllegalArgumentException(
                        "qk entry " + result.size() + " is not a [q, k] pair of numbers: " + pair);
            }
            result.add(new QkPair(pair.get(0).doubleValue(), pair.get(1).doubleValue()));
        }
        return result;
    }
}
