package io.chainplay.api.feed;

import io.chainplay.api.ApiException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code /ws}: the live feeds' protocol. A client gets a {@code welcome}, then sends {@code
 * subscribe} / {@code unsubscribe} with channels (and optionally {@code lastEventId} to resume),
 * and {@code ping} for a {@code pong}; it receives the feed records of its channels as the jobs
 * wrote them, and a {@code heartbeat} every {@code chainplay.feed.heartbeat-interval}.
 *
 * <p>Channels and a resume point can also be given on the URL ({@code
 * /ws?channels=bets,stats&lastEventId=...}), for clients that cannot send a first message. One
 * instance serves every connection; per-client state is in {@link FeedConnection}.
 */
final class FeedEndpoint implements FeedSocket.Handler {

    static final int MAX_CHANNELS = 50;

    private final FeedHub hub;
    private final JsonMapper json;
    private final FeedProperties properties;
    private final String instance = UUID.randomUUID().toString().substring(0, 8);

    FeedEndpoint(FeedHub hub, JsonMapper json, FeedProperties properties) {
        this.hub = hub;
        this.json = json;
        this.properties = properties;
    }

    @Override
    public void onOpen(FeedSocket socket) {
        FeedConnection connection = new FeedConnection(socket);
        socket.attach(connection);
        if (!hub.open(connection)) {
            return;
        }
        Map<String, Object> welcome = new LinkedHashMap<>();
        welcome.put("connectionId", socket.id());
        welcome.put("instance", instance);
        welcome.put(
                "channels",
                List.of("bets", "jackpots", "stats", "earnings", "trades", "player:<wallet>"));
        welcome.put("heartbeatIntervalMs", properties.heartbeatInterval().toMillis());
        welcome.put(
                "replay",
                Map.of(
                        "maxEvents", properties.replayCapacity(),
                        "maxAgeSeconds", properties.replayWindow().toSeconds()));
        welcome.put("clientBuffer", properties.clientBuffer());
        connection.reply(FeedMessages.message(json, "welcome", welcome));

        List<String> channels = new ArrayList<>();
        for (String value : socket.query().getOrDefault("channels", new String[0])) {
            for (String channel : value.split(",")) {
                if (!channel.isBlank()) {
                    channels.add(channel.strip());
                }
            }
        }
        String[] last = socket.query().get("lastEventId");
        if (!channels.isEmpty()) {
            subscribe(connection, channels, last == null || last.length == 0 ? null : last[0]);
        }
    }

    @Override
    public void onClose(FeedSocket socket) {
        hub.remove((FeedConnection) socket.attachment());
    }

    @Override
    public void onText(FeedSocket socket, String text) {
        FeedConnection c = (FeedConnection) socket.attachment();
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (JacksonException e) {
            c.reply(FeedMessages.error(json, "invalid_message", "Messages must be JSON objects"));
            return;
        }
        String type = message.path("type").asString("");
        switch (type) {
            case "ping" -> c.reply(FeedMessages.message(json, "pong", null));
            case "subscribe", "unsubscribe" -> {
                List<String> channels = new ArrayList<>();
                JsonNode list = message.path("channels");
                if (list.isString()) {
                    channels.add(list.asString());
                } else if (list.isArray()) {
                    for (JsonNode channel : list) {
                        channels.add(channel.asString(""));
                    }
                }
                if (type.equals("subscribe")) {
                    JsonNode last = message.path("lastEventId");
                    subscribe(c, channels, last.isString() ? last.asString() : null);
                } else if (valid(c, channels)) {
                    hub.unsubscribe(c, channels);
                }
            }
            default ->
                    c.reply(
                            FeedMessages.error(
                                    json,
                                    "unknown_type",
                                    "type must be subscribe, unsubscribe or ping, got "
                                            + ApiException.quote(type)));
        }
    }

    private void subscribe(FeedConnection c, List<String> channels, String lastEventId) {
        if (!valid(c, channels)) {
            return;
        }
        if (lastEventId != null && lastEventId.length() > 256) {
            c.reply(FeedMessages.error(json, "invalid_last_event_id", "lastEventId is too long"));
            return;
        }
        hub.subscribe(c, channels, lastEventId);
    }

    private boolean valid(FeedConnection c, List<String> channels) {
        if (channels.isEmpty() || channels.size() > MAX_CHANNELS) {
            c.reply(
                    FeedMessages.error(
                            json,
                            "invalid_channels",
                            "channels must list 1 to " + MAX_CHANNELS + " channels"));
            return false;
        }
        for (String channel : channels) {
            if (!FeedChannels.isValid(channel)) {
                c.reply(
                        FeedMessages.error(
                                json,
                                "invalid_channel",
                                "Unknown channel "
                                        + ApiException.quote(channel)
                                        + "; use bets, jackpots, stats, earnings, trades or"
                                        + " player:<wallet>"));
                return false;
            }
        }
        return true;
    }
}
