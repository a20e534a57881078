package io.chainplay.api.feed;

import io.chainplay.api.ApiException;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code /ws}: the live feeds. A client gets a {@code welcome}, then sends {@code subscribe} /
 * {@code unsubscribe} with channels (and optionally {@code lastEventId} to resume), and {@code
 * ping} for a {@code pong}; it receives the feed records of its channels as the jobs wrote them,
 * and a {@code heartbeat} every {@code chainplay.feed.heartbeat-interval}.
 *
 * <p>Channels and a resume point can also be given on the URL ({@code
 * /ws?channels=bets,stats&lastEventId=...}), for clients that cannot send a first message. One
 * endpoint instance serves every session; per-client state is in {@link FeedConnection}.
 */
final class FeedEndpoint extends Endpoint {

    static final int MAX_CLIENT_MESSAGE = 4096;
    static final int MAX_CHANNELS = 50;
    static final long CLOSE_TIMEOUT_MILLIS = 10_000;

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
    public void onOpen(Session session, EndpointConfig config) {
        session.setMaxTextMessageBufferSize(MAX_CLIENT_MESSAGE);
        session.setMaxBinaryMessageBufferSize(MAX_CLIENT_MESSAGE);
        // How long closing a dropped client may wait for its last write before the socket is cut:
        // long enough for a slow (not dead) client to read up to the close frame and its reason.
        session.getUserProperties()
                .put("org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT", CLOSE_TIMEOUT_MILLIS);
        FeedConnection connection = new FeedConnection(session, hub, properties.clientBuffer());
        session.getUserProperties().put(FeedConnection.class.getName(), connection);
        if (!hub.open(connection)) {
            return;
        }
        session.addMessageHandler(
                String.class, (MessageHandler.Whole<String>) text -> onText(connection, text));
        Map<String, Object> welcome = new LinkedHashMap<>();
        welcome.put("connectionId", session.getId());
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
        connection.send(FeedMessages.message(json, "welcome", welcome));

        Map<String, List<String>> query = session.getRequestParameterMap();
        List<String> channels = new ArrayList<>();
        for (String value : query.getOrDefault("channels", List.of())) {
            for (String channel : value.split(",")) {
                if (!channel.isBlank()) {
                    channels.add(channel.strip());
                }
            }
        }
        String lastEventId = first(query.get("lastEventId"));
        if (!channels.isEmpty()) {
            subscribe(connection, channels, lastEventId);
        }
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        hub.remove(connectionOf(session));
    }

    @Override
    public void onError(Session session, Throwable error) {
        // The client went away mid-write, or sent a frame too large: onClose follows.
    }

    private void onText(FeedConnection c, String text) {
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (JacksonException e) {
            c.send(FeedMessages.error(json, "invalid_message", "Messages must be JSON objects"));
            return;
        }
        String type = message.path("type").asString("");
        switch (type) {
            case "ping" -> c.send(FeedMessages.message(json, "pong", null));
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
                    c.send(
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
            c.send(FeedMessages.error(json, "invalid_last_event_id", "lastEventId is too long"));
            return;
        }
        hub.subscribe(c, channels, lastEventId);
    }

    private boolean valid(FeedConnection c, List<String> channels) {
        if (channels.isEmpty() || channels.size() > MAX_CHANNELS) {
            c.send(
                    FeedMessages.error(
                            json,
                            "invalid_channels",
                            "channels must list 1 to " + MAX_CHANNELS + " channels"));
            return false;
        }
        for (String channel : channels) {
            if (!FeedChannels.isValid(channel)) {
                c.send(
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

    private static String first(List<String> values) {
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    // The connection was stored on the session at open; a refused session has none.
    private FeedConnection connectionOf(Session session) {
        Object c = session.getUserProperties().get(FeedConnection.class.getName());
        return c instanceof FeedConnection connection ? connection : null;
    }
}
