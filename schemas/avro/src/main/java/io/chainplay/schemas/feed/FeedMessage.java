package io.chainplay.schemas.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * A message on a {@code feed.*} topic, in FarePlay's WebSocket shape {@code {"type", "data",
 * "timestamp", "id"}} ({@code fixtures/fareplay/auth_ws_event_formats.json}), so the API relays the
 * bytes to clients as they are.
 *
 * @param type the event type, e.g. {@code bet.settled}
 * @param data the event's fields; token amounts as decimal strings
 * @param timestamp event time in epoch milliseconds (block time, not when it was sent)
 * @param id a stable id clients dedup by: the feed is at-least-once
 */
public record FeedMessage(String type, JsonNode data, long timestamp, String id) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Builds a message from data fields in the order given. */
    public static FeedMessage of(String type, String id, long timestamp, Map<String, ?> data) {
        return new FeedMessage(type, JSON.valueToTree(data), timestamp, id);
    }

    public String toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", type);
        node.set("data", data);
        node.put("timestamp", timestamp);
        node.put("id", id);
        return node.toString();
    }

    /**
     * Parses a feed message.
     *
     * @throws IllegalArgumentException when the text is not a feed message
     */
    public static FeedMessage parse(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null
                    || !node.path("type").isTextual()
                    || !node.path("timestamp").canConvertToLong()
                    || !node.path("id").isTextual()
                    || !node.has("data")) {
                throw new IllegalArgumentException("Not a feed message: " + json);
            }
            return new FeedMessage(
                    node.get("type").textValue(),
                    node.get("data"),
                    node.get("timestamp").longValue(),
                    node.get("id").textValue());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Feed message is not JSON: " + json, e);
        }
    }
}
