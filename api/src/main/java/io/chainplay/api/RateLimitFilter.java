package io.chainplay.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Per-IP limits on {@code /api/**}: every request takes a token from its IP's bucket, and {@code
 * /api/auth/**} one more from a smaller bucket (sign-in does a signature check and a write). Runs
 * first, before any other work is done for the request. Per-wallet limits are applied where the
 * wallet is known (sign-in, {@code AuthFilter}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class RateLimitFilter extends OncePerRequestFilter {

    private final RateLimiter limiter;
    private final RateLimitProperties properties;
    private final ErrorWriter errors;

    public RateLimitFilter(
            RateLimiter limiter, RateLimitProperties properties, ErrorWriter errors) {
        this.limiter = limiter;
        this.properties = properties;
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !properties.enabled() || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String ip = clientIp(request);
        try {
            limiter.check("ip:" + ip, properties.apiPerIp(), "IP address");
            if (request.getRequestURI().startsWith("/api/auth/")) {
                limiter.check("auth-ip:" + ip, properties.authPerIp(), "IP address");
            }
        } catch (ApiException e) {
            errors.write(response, e);
            return;
        }
        chain.doFilter(request, response);
    }

    private String clientIp(HttpServletRequest request) {
        if (properties.trustForwardedFor()) {
            String forwarded = request.getHeader("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) {
                int comma = forwarded.indexOf(',');
                String first = comma < 0 ? forwarded : forwarded.substring(0, comma);
                // Bounded: the header is client text and becomes a map key.
                return first.strip().substring(0, Math.min(64, first.strip().length()));
            }
        }
        return request.getRemoteAddr();
    }
}
