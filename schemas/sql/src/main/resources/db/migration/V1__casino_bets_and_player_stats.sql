-- Casino domain, first slice: one row per bet (a fare_vault trial) and per-player stats per pool.
--
-- Every row is written by the casino Flink job as an idempotent upsert of absolute values keyed by
-- the natural key, so a replay after a failure rewrites the same rows (ARCHITECTURE.md, principle 4).
-- Token amounts are numeric(78,0) as in FarePlay's schema; u64 chain values fit in it unsigned.

CREATE SCHEMA IF NOT EXISTS casino;

CREATE TABLE casino.bets (
    trial_id             text PRIMARY KEY,            -- TrialRegistered.trial_id (base58 pubkey)
    pool_id              text           NOT NULL,
    player               text           NOT NULL,     -- TrialRegistered.who
    wager                numeric(78, 0) NOT NULL,     -- TrialRegistered.multiplier, base units
    qk                   jsonb          NOT NULL,     -- [[q, k], ...] as the chain gives the f64s
    extra_data_hash      text           NOT NULL,
    status               text           NOT NULL
        CONSTRAINT bets_status_check CHECK (status IN ('placed', 'settled', 'retracted')),
    result_index         numeric(20, 0),              -- TrialResolved.result_index (u64)
    randomness           double precision,
    result_k             double precision,            -- k of the qk pair at result_index
    payout               numeric(78, 0),              -- floor(wager * result_k)
    delta_amount         numeric(78, 0),              -- payout - wager
    won                  boolean,                     -- payout > wager
    registered_event_id  text           NOT NULL,
    registered_signature text           NOT NULL,
    registered_slot      bigint         NOT NULL,
    registered_at        timestamptz    NOT NULL,     -- block time of the registration
    resolved_event_id    text,
    resolved_signature   text,
    resolved_slot        bigint,
    resolved_at          timestamptz
);

-- A player's history, newest first, with a stable tie-break for cursor pagination.
CREATE INDEX bets_player_time_idx ON casino.bets (player, registered_at DESC, trial_id DESC);
-- The global feed of recent bets.
CREATE INDEX bets_time_idx ON casino.bets (registered_at DESC, trial_id DESC);
CREATE INDEX bets_pool_time_idx ON casino.bets (pool_id, registered_at DESC);

CREATE TABLE casino.player_stats (
    player     text           NOT NULL,
    pool_id    text           NOT NULL,
    bets       bigint         NOT NULL,     -- settled bets
    wins       bigint         NOT NULL,     -- payout > wager
    losses     bigint         NOT NULL,     -- payout < wager
    pushes     bigint         NOT NULL,     -- payout = wager
    wagered    numeric(78, 0) NOT NULL,
    paid_out   numeric(78, 0) NOT NULL,
    net        numeric(78, 0) NOT NULL,     -- paid_out - wagered: the player's profit
    PRIMARY KEY (player, pool_id)
);
