-- Wallet sign-in (the API's own rows; every other schema is written by a Flink job).
--
-- A nonce is single-use across every API instance: sign-in consumes it with one conditional UPDATE
-- (used_at IS NULL AND expires_at > now), so of two instances racing with the same signed message
-- exactly one wins. FarePlay-format messages carry no nonce; the API records each accepted one here
-- under a key derived from the message, which makes a replay within the time window fail the same
-- way. Rows past expiry are deleted by the API (and bounded by its per-IP rate limit on issuance).

CREATE SCHEMA IF NOT EXISTS auth;

CREATE TABLE auth.nonces (
    nonce      text        PRIMARY KEY,     -- issued by GET /api/auth/nonce, or 'msg:<sha256>'
    issued_at  timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,                 -- null until a sign-in consumed it
    used_by    text                         -- the wallet that signed in with it
);

CREATE INDEX nonces_expires_idx ON auth.nonces (expires_at);

-- Players who signed in at least once: a stable id for the JWT's playerId claim.
CREATE TABLE auth.players (
    wallet          text        PRIMARY KEY,
    player_id       uuid        NOT NULL UNIQUE,
    created_at      timestamptz NOT NULL,
    last_sign_in_at timestamptz NOT NULL
);
