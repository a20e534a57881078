package io.chainplay.api.auth;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * The sign-in rows ({@code auth.nonces}, {@code auth.players}, migration V4): the only tables the
 * API writes.
 *
 * <p>Single use is enforced by Postgres, not by this process: consuming a nonce is one conditional
 * {@code UPDATE}, so it holds across any number of API instances.
 */
@Repository
@Transactional
class AuthRepository {

    /** What happened to a nonce presented at sign-in. */
    enum NonceOutcome {
        CONSUMED,
        UNKNOWN,
        ALREADY_USED,
        EXPIRED
    }

    /** A player as the sign-in reply shows it. */
    record Player(UUID id, String wallet, Instant createdAt) {}

    private final JdbcClient jdbc;

    AuthRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void issueNonce(String nonce, Instant issuedAt, Instant expiresAt) {
        jdbc.sql(
                        "INSERT INTO auth.nonces (nonce, issued_at, expires_at)"
                                + " VALUES (:nonce, :issued, :expires)")
                .param("nonce", nonce)
                .param("issued", Timestamp.from(issuedAt))
                .param("expires", Timestamp.from(expiresAt))
                .update();
    }

    /** Marks the nonce used by {@code wallet} if it is known, unused and unexpired. */
    NonceOutcome consumeNonce(String nonce, String wallet, Instant now) {
        int updated =
                jdbc.sql(
                                """
                                UPDATE auth.nonces SET used_at = :now, used_by = :wallet
                                WHERE nonce = :nonce AND used_at IS NULL AND expires_at > :now
                                """)
                        .param("nonce", nonce)
                        .param("wallet", wallet)
                        .param("now", Timestamp.from(now))
                        .update();
        if (updated == 1) {
            return NonceOutcome.CONSUMED;
        }
        // Only to word the refusal; the decision was the UPDATE's.
        Optional<Boolean> used =
                jdbc.sql("SELECT used_at IS NOT NULL FROM auth.nonces WHERE nonce = :nonce")
                        .param("nonce", nonce)
                        .query(Boolean.class)
                        .optional();
        if (used.isEmpty()) {
            return NonceOutcome.UNKNOWN;
        }
        return used.get() ? NonceOutcome.ALREADY_USED : NonceOutcome.EXPIRED;
    }

    /**
     * Records a nonce-less message (FarePlay's format) as used; false when it was used before.
     *
     * @param key derived from the signed message, so the same message maps to the same key
     */
    boolean recordUsedMessage(String key, String wallet, Instant now, Instant expiresAt) {
        return jdbc.sql(
                                """
                                INSERT INTO auth.nonces (nonce, issued_at, expires_at, used_at, used_by)
                                VALUES (:key, :now, :expires, :now, :wallet)
                                ON CONFLICT (nonce) DO NOTHING
                                """)
                        .param("key", key)
                        .param("now", Timestamp.from(now))
                        .param("expires", Timestamp.from(expiresAt))
                        .param("wallet", wallet)
                        .update()
                == 1;
    }

    /** The player row of {@code wallet}, created on the first sign-in. */
    Player signedIn(String wallet, Instant now) {
        return jdbc.sql(
                        """
                        INSERT INTO auth.players (wallet, player_id, created_at, last_sign_in_at)
                        VALUES (:wallet, :id, :now, :now)
                        ON CONFLICT (wallet) DO UPDATE SET last_sign_in_at = EXCLUDED.last_sign_in_at
                        RETURNING player_id, wallet, created_at
                        """)
                .param("wallet", wallet)
                .param("id", UUID.randomUUID())
                .param("now", Timestamp.from(now))
                .query(
                        (rs, row) ->
                                new Player(
                                        rs.getObject("player_id", UUID.class),
                                        rs.getString("wallet"),
                                        rs.getObject("created_at", OffsetDateTime.class)
                                                .toInstant()))
                .single();
    }

    @Transactional(readOnly = true)
    Optional<Player> findPlayer(String wallet) {
        return jdbc.sql("SELECT player_id, wallet, created_at FROM auth.players WHERE wallet = :w")
                .param("w", wallet)
                .query(
                        (rs, row) ->
                                new Player(
                                        rs.getObject("player_id", UUID.class),
                                        rs.getString("wallet"),
                                        rs.getObject("created_at", OffsetDateTime.class)
                                                .toInstant()))
                .optional();
    }

    /** Deletes nonces that expired before {@code cutoff}; returns how many. */
    int deleteExpired(Instant cutoff) {
        return jdbc.sql("DELETE FROM auth.nonces WHERE expires_at < :cutoff")
                .param("cutoff", Timestamp.from(cutoff))
                .update();
    }
}
