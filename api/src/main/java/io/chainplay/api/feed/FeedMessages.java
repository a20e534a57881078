package io.chainplay.api.feed;

import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/** The relay's own messages, in the feed's shape {@code {"type", "data", "timestamp"}}. */
final class FeedMessages {

    private FeedMessages() {}

    static String message(JsonMapper json, String type, Object data) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", type);
        if (data != null) {
            message.put("data", data);
        }
        message.put("timestamp", System.currentTimeMillis());
        return json.writeValueAsString(message);
    }

    static String error(JsonMapper json, String code, String text) {
        return message(json, "error", Map.of("code", code, "message", text));
    }
}
