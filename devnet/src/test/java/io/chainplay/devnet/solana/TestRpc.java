package io.chainplay.devnet.solana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain JSON-RPC client over the JDK's HttpClient, as a connector would talk to the node. */
final class TestRpc {

    static final ObjectMapper JSON = new ObjectMapper();

    final HttpClient http =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
    final String url;

    TestRpc(String url) {
        this.url = url;
    }

    /** The whole response object of one call. */
    JsonNode call(String method, Object... params) {
        ObjectNode request = request(1, method, params);
        return JSON.valueToTree(readTree(post(request.toString()).body()));
    }

    /** The result of one call; fails the test if the node answered an error. */
    JsonNode result(String method, Object... params) {
        JsonNode response = call(method, params);
        if (response.has("error")) {
            throw new AssertionError(method + " answered " + response.get("error"));
        }
        return response.get("result");
    }

    /** The error object of one call; fails the test if the node answered a result. */
    JsonNode error(String method, Object... params) {
        JsonNode response = call(method, params);
        if (!response.has("error")) {
            throw new AssertionError(method + " answered a result: " + response.get("result"));
        }
        return response.get("error");
    }

    HttpResponse<String> post(String body) {
        return post(body, Duration.ofSeconds(30));
    }

    HttpResponse<String> post(String body, Duration timeout) {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(timeout)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode request(Object id, String method, Object... params) {
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        request.put("jsonrpc", "2.0");
        request.set("id", JSON.valueToTree(id));
        request.put("method", method);
        if (params.length > 0) {
            ArrayNode array = request.putArray("params");
            for (Object param : params) {
                array.add(JSON.valueToTree(param));
            }
        }
        return request;
    }

    static ObjectNode config(Object... keysAndValues) {
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.set((String) keysAndValues[i], JSON.valueToTree(keysAndValues[i + 1]));
        }
        return config;
    }

    static JsonNode readTree(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode fixture(String path) {
        return fixtureFromClasspath("/fixtures/" + path);
    }

    static JsonNode fixtureFromClasspath(String path) {
        try (InputStream in = TestRpc.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Missing fixture " + path);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
