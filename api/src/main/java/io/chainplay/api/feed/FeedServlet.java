package io.chainplay.api.feed;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

/**
 * The WebSocket opening handshake for {@code /ws} (RFC 6455 §4.2): checks the upgrade request,
 * answers 101 with {@code Sec-WebSocket-Accept}, and hands the connection to a {@link FeedSocket}.
 * Anything else gets 426 with the API's JSON error body. No extension or subprotocol is negotiated.
 */
final class FeedServlet extends HttpServlet {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final transient FeedEndpoint endpoint;
    private final transient FeedWriters writers;
    private final int clientBuffer;

    FeedServlet(FeedEndpoint endpoint, FeedWriters writers, int clientBuffer) {
        this.endpoint = endpoint;
        this.writers = writers;
        this.clientBuffer = clientBuffer;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        String upgrade = request.getHeader("Upgrade");
        String connection = request.getHeader("Connection");
        String key = request.getHeader("Sec-WebSocket-Key");
        String version = request.getHeader("Sec-WebSocket-Version");
        if (upgrade == null
                || !upgrade.equalsIgnoreCase("websocket")
                || connection == null
                || !connection.toLowerCase(Locale.ROOT).contains("upgrade")
                || key == null
                || key.isBlank()) {
            refuse(
                    response,
                    426,
                    "upgrade_required",
                    "/ws is a WebSocket endpoint: connect with ws://");
            return;
        }
        if (!"13".equals(version)) {
            response.setHeader("Sec-WebSocket-Version", "13");
            refuse(response, 426, "unsupported_version", "Only WebSocket version 13 is supported");
            return;
        }
        response.setHeader("Upgrade", "websocket");
        response.setHeader("Connection", "Upgrade");
        response.setHeader("Sec-WebSocket-Accept", accept(key.strip()));
        response.setStatus(HttpServletResponse.SC_SWITCHING_PROTOCOLS);
        FeedSocket socket = request.upgrade(FeedSocket.class);
        socket.configure(endpoint, writers, clientBuffer, request.getParameterMap());
    }

    static String accept(String key) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-1")
                            .digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void refuse(
            HttpServletResponse response, int status, String code, String message)
            throws IOException {
        response.setStatus(status);
        response.setHeader("Upgrade", "websocket");
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}");
    }
}
