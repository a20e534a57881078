package io.chainplay.bench.solana;

import io.chainplay.schemas.solana.Base58;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The baseline of the decoding benchmark: the straightforward way to decode Anchor events, an
 * interpreter that walks the IDL's JSON for every event and builds a Jackson tree, as a typical
 * indexer does. Enough of Borsh for the benchmark's events; not used outside the benchmark.
 */
final class NaiveIdlDecoder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, JsonNode> types = new HashMap<>();
    private final Map<String, String> eventsByDiscriminator = new HashMap<>();

    NaiveIdlDecoder(JsonNode idl) {
        for (JsonNode type : idl.path("types")) {
            types.put(type.path("name").asText(), type.path("type"));
        }
        for (JsonNode event : idl.path("events")) {
            byte[] discriminator = new byte[8];
            for (int i = 0; i < 8; i++) {
                discriminator[i] = (byte) event.path("discriminator").get(i).asInt();
            }
            eventsByDiscriminator.put(Arrays.toString(discriminator), event.path("name").asText());
        }
    }

    String decode(byte[] data) {
        String name = eventsByDiscriminator.get(Arrays.toString(Arrays.copyOf(data, 8)));
        ByteBuffer in = ByteBuffer.wrap(data, 8, data.length - 8).order(ByteOrder.LITTLE_ENDIAN);
        JsonNode value = read(types.get(name), in);
        if (in.hasRemaining()) {
            throw new IllegalArgumentException(in.remaining() + " bytes left over");
        }
        return value.toString();
    }

    private JsonNode read(JsonNode type, ByteBuffer in) {
        if (type.isTextual()) {
            return primitive(type.asText(), in);
        }
        if (type.has("kind")) {
            ObjectNode node = JSON.createObjectNode();
            int index = 0;
            for (JsonNode field : type.path("fields")) {
                if (field.has("name")) {
                    node.set(field.path("name").asText(), read(field.path("type"), in));
                } else {
                    node.set(Integer.toString(index), read(field, in));
                }
                index++;
            }
            return node;
        }
        if (type.has("vec")) {
            int length = in.getInt();
            ArrayNode array = JSON.createArrayNode();
            for (int i = 0; i < length; i++) {
                array.add(read(type.get("vec"), in));
            }
            return array;
        }
        if (type.has("array")) {
            ArrayNode array = JSON.createArrayNode();
            for (int i = 0; i < type.get("array").get(1).asInt(); i++) {
                array.add(read(type.get("array").get(0), in));
            }
            return array;
        }
        if (type.has("defined")) {
            return read(types.get(type.get("defined").path("name").asText()), in);
        }
        throw new IllegalArgumentException("Type not supported by the baseline: " + type);
    }

    private static JsonNode primitive(String type, ByteBuffer in) {
        switch (type) {
            case "u8":
                return JSON.getNodeFactory().numberNode(in.get() & 0xFF);
            case "bool":
                return JSON.getNodeFactory().booleanNode(in.get() != 0);
            case "u64":
                return JSON.getNodeFactory().textNode(Long.toUnsignedString(in.getLong()));
            case "i64":
                return JSON.getNodeFactory().textNode(Long.toString(in.getLong()));
            case "f64":
                return JSON.getNodeFactory().numberNode(in.getDouble());
            case "pubkey":
                byte[] key = new byte[32];
                in.get(key);
                return JSON.getNodeFactory().textNode(Base58.encode(key));
            case "string":
                byte[] text = new byte[in.getInt()];
                in.get(text);
                return JSON.getNodeFactory().textNode(new String(text, StandardCharsets.UTF_8));
            default:
                throw new IllegalArgumentException("Type not supported by the baseline: " + type);
        }
    }
}
