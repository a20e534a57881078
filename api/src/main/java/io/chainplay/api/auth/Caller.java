package io.chainplay.api.auth;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Who made a request with a valid token, as {@link AuthFilter} puts it on the request.
 *
 * @param wallet the token's subject
 * @param playerId the token's {@code playerId}
 * @param admin whether the wallet is in {@code chainplay.auth.admins} now (checked per request, so
 *     removing an admin takes effect without waiting for their tokens to expire)
 */
public record Caller(String wallet, String playerId, boolean admin) {

    static final String ATTRIBUTE = Caller.class.getName();

    /** The caller of an authenticated route; the filter guarantees one is there. */
    public static Caller of(HttpServletRequest request) {
        Caller caller = (Caller) request.getAttribute(ATTRIBUTE);
        if (caller == null) {
            throw new IllegalStateException("No caller: the route is not behind AuthFilter");
        }
        return caller;
    }
}
