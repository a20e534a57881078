package io.chainplay.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Limits and cursors shared by the list endpoints.
 *
 * <p>Every list is bounded ({@code limit} 1..{@value #MAX_LIMIT}) and pages by keyset: the cursor
 * is the sort key of the last row returned (a time and a tie-breaking id), opaque to clients
 * (base64url), so the next page is an index range scan from that key however deep the client pages,
 * and rows inserted meanwhile neither shift nor repeat the pages.
 */
public final class Pages {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    private static final char SEPARATOR = '\n';

    private Pages() {}

    /** Checks {@code limit}, which Spring bound with {@link #DEFAULT_LIMIT} as default. */
    public static int limit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest(
                    "invalid_limit",
                    "Parameter 'limit' must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        return limit;
    }

    /** A cursor of a time-ordered list: after ({@code at}, {@code id}) in descending order. */
    public record TimeCursor(Instant at, String id) {

        public String encode() {
            String raw = at.toString() + SEPARATOR + id;
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        /** Null for a null cursor (the first page); a 400 {@code invalid_cursor} if garbled. */
        public static TimeCursor decode(String cursor) {
            if (cursor == null) {
                return null;
            }
            try {
                if (cursor.length() > 512) {
                    throw new IllegalArgumentException("too long");
                }
                String raw =
                        new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                int split = raw.indexOf(SEPARATOR);
                if (split < 0) {
                    throw new IllegalArgumentException("no separator");
                }
                return new TimeCursor(
                        Instant.parse(raw.substring(0, split)), raw.substring(split + 1));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw ApiException.badRequest(
                        "invalid_cursor",
                        "Parameter 'cursor' must be a nextCursor value from a previous page");
            }
        }
    }

    /** A page: {@code {"<name>": rows, "nextCursor": cursor-or-null}}. */
    public static Map<String, Object> page(String name, List<?> rows, String nextCursor) {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put(name, rows);
        page.put("nextCursor", nextCursor);
        return page;
    }

    /**
     * The cursor for the page after {@code rows}, or null when this was the last page (fewer rows
     * than asked for).
     */
    public static <T> String next(
            List<T> rows, int limit, java.util.function.Function<T, TimeCursor> key) {
        return rows.size() < limit ? null : key.apply(rows.get(rows.size() - 1)).encode();
    }
}
