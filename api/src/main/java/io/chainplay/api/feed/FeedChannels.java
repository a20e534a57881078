package io.chainplay.api.feed;

import io.chainplay.api.PublicKeys;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which channels a feed message goes to, and which channel names a client may subscribe to.
 *
 * <p>The public channel comes from the message type's prefix ({@code bet.*} → {@code bets}, ...),
 * else from the topic; every message about a player also goes to {@code player:<wallet>}, the
 * wallet taken from the record key (the jobs key feeds by player) or the data's player field.
 */
final class FeedChannels {

    static final String PLAYER_PREFIX = "player:";
    static final Set<String> PUBLIC = Set.of("bets", "jackpots", "stats", "earnings", "trades");

    private static final String[][] BY_TYPE_PREFIX = {
        {"bet.", "bets"},
        {"jackpot.", "jackpots"},
        {"stats.", "stats"},
        {"pool.", "stats"},
        {"player.", "stats"},
        {"earnings.", "earnings"},
        {"business.", "earnings"},
        {"trade.", "trades"},
        {"fill.", "trades"},
        {"position.", "trades"},
    };
    private static final String[] PLAYER_FIELDS = {"player", "walletAddress", "wallet", "who"};

    private FeedChannels() {}

    /** True for a channel a client may subscribe to. */
    static boolean isValid(String channel) {
        return PUBLIC.contains(channel)
                || (channel.startsWith(PLAYER_PREFIX)
                        && PublicKeys.isPublicKey(channel.substring(PLAYER_PREFIX.length())));
    }

    static List<String> of(String topic, String type, String key, JsonNode data) {
        List<String> channels = new ArrayList<>(2);
        channels.add(publicChannel(topic, type));
        String player = key != null && PublicKeys.isPublicKey(key) ? key : null;
        if (player == null && data != null && data.isObject()) {
            for (String field : PLAYER_FIELDS) {
                JsonNode value = data.get(field);
                if (value != null && value.isString() && PublicKeys.isPublicKey(value.asString())) {
                    player = value.asString();
                    break;
                }
            }
        }
        if (player != null) {
            channels.add(PLAYER_PREFIX + player);
        }
        return List.copyOf(channels);
    }

    private static String publicChannel(String topic, String type) {
        for (String[] rule : BY_TYPE_PREFIX) {
            if (type.startsWith(rule[0])) {
                return rule[1];
            }
        }
        String suffix = topic.startsWith("feed.") ? topic.substring(5) : topic;
        return switch (suffix) {
            case "casino" -> "bets";
            case "earnings" -> "earnings";
            case "trades" -> "trades";
            default -> suffix;
        };
    }
}
