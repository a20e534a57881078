package io.chainplay.api.auth;

import io.chainplay.api.ApiException;
import io.chainplay.api.ErrorWriter;
import io.chainplay.api.RateLimitProperties;
import io.chainplay.api.RateLimiter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Map;

/**
 * Guards the protected routes: {@code /api/me/**} (the signed-in player's own data) and {@code POST
 * /api/trades} (a trade for the token's wallet) need a valid JWT, {@code /api/admin/**} one whose
 * wallet is in {@code chainplay.auth.admins}. Everything else is public.
 *
 * <p>A filter rather than Spring Security: two prefixes and one token type, and Security would
 * bring its own error bodies and defaults (CSRF, sessions) to switch off again.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class AuthFilter extends OncePerRequestFilter {

    private final JwtCodec jwt;
    private final AuthProperties properties;
    private final RateLimiter limiter;
    private final RateLimitProperties limits;
    private final ErrorWriter errors;

    AuthFilter(
            JwtCodec jwt,
            AuthProperties properties,
            RateLimiter limiter,
            RateLimitProperties limits,
            ErrorWriter errors) {
        this.jwt = jwt;
        this.properties = properties;
        this.limiter = limiter;
        this.limits = limits;
        this.errors = errors;
    }

    static boolean isProtected(String method, String uri) {
        return uri.equals("/api/me")
                || uri.startsWith("/api/me/")
                || uri.equals("/api/admin")
                || uri.startsWith("/api/admin/")
                || (uri.equals("/api/trades") && "POST".equals(method));
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !isProtected(request.getMethod(), request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            Caller caller = authenticate(request.getHeader("Authorization"));
            limiter.check("wallet:" + caller.wallet(), limits.apiPerWallet(), "wallet");
            if (request.getRequestURI().startsWith("/api/admin") && !caller.admin()) {
                throw new ApiException(
                        HttpStatus.FORBIDDEN, "forbidden", "This route is for admin wallets only");
            }
            request.setAttribute(Caller.ATTRIBUTE, caller);
        } catch (ApiException e) {
            errors.write(response, e);
            return;
        }
        chain.doFilter(request, response);
    }

    private Caller authenticate(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw unauthorized(
                    "Sign in first (POST /api/auth/signin) and send 'Authorization: Bearer"
                            + " <token>'");
        }
        Map<String, Object> claims;
        try {
            claims = jwt.verify(header.substring(7).strip());
        } catch (JwtCodec.InvalidTokenException e) {
            throw unauthorized("The token is not valid: " + e.getMessage());
        }
        if (!(claims.get("walletAddress") instanceof String wallet)) {
            throw unauthorized("The token is not valid: no walletAddress");
        }
        Object playerId = claims.get("playerId");
        return new Caller(
                wallet,
                playerId == null ? null : playerId.toString(),
                properties.admins().contains(wallet));
    }

    private static ApiException unauthorized(String message) {
        return new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized", message);
    }
}
