-- Casino domain, complete: pools, fees, jackpots, the vault's admin history, pool stats with volume
-- series, leaderboards, anomaly checks, and the richer per-player stats (docs/casino.md).
--
-- As in V1, every row is written by the casino Flink job as an idempotent upsert of absolute values
-- by natural key, or deleted when a reorg takes its events back, so the tables always equal what
-- the canonical chain alone gives. Token amounts are numeric(78,0); the chain's f64 parameters are
-- kept as double precision exactly as the chain gives them. order_index is FarePlay's event order,
-- slot * 1e12 + instruction_index * 1e6 + event_index (the event's ordinal in its instruction).

-- Bets: an unresolved bet is reported 'expired' after chainplay.casino.bet-expiry (it becomes
-- 'settled' if its resolution still comes); a resolution that does not fit the trial's qk table
-- leaves it 'invalid' (and writes an anomaly).
ALTER TABLE casino.bets DROP CONSTRAINT bets_status_check;
ALTER TABLE casino.bets ADD CONSTRAINT bets_status_check
    CHECK (status IN ('placed', 'settled', 'expired', 'invalid', 'retracted'));
ALTER TABLE casino.bets ADD COLUMN expired_at timestamptz;   -- event time it was reported expired
-- Open bets of a pool, oldest first (the operator's "stuck bets" view).
CREATE INDEX bets_open_idx ON casino.bets (pool_id, registered_at)
    WHERE status IN ('placed', 'expired');

-- Player stats per pool: the columns that are not sums. The job keeps the bets of the reorg window
-- to recompute them exactly when a reorg takes a bet back.
ALTER TABLE casino.player_stats
    ADD COLUMN biggest_win       numeric(78, 0),            -- largest payout - wager of a won bet
    ADD COLUMN biggest_win_trial text,
    ADD COLUMN current_streak    integer NOT NULL DEFAULT 0, -- +n wins / -n losses in a row; 0 after a push
    ADD COLUMN best_streak       integer NOT NULL DEFAULT 0, -- longest run of wins
    ADD COLUMN first_seen        timestamptz,               -- block time of the first settled bet
    ADD COLUMN last_seen         timestamptz;               -- block time of the latest settled bet
-- A pool's players by profit, by volume, and the most recently active.
CREATE INDEX player_stats_pool_net_idx ON casino.player_stats (pool_id, net DESC, player);
CREATE INDEX player_stats_pool_wagered_idx ON casino.player_stats (pool_id, wagered DESC, player);
CREATE INDEX player_stats_pool_last_seen_idx ON casino.player_stats (pool_id, last_seen DESC);

-- A casino is a pool of the fare_vault program: its PoolRegistered parameters, and the name, slug
-- and game from the job's pool registry (chainplay.casino.pools) when it has them.
CREATE TABLE casino.pools (
    pool_id              text PRIMARY KEY,
    manager              text             NOT NULL,
    fee_play_multiplier  double precision NOT NULL,
    fee_loss_multiplier  double precision NOT NULL,
    fee_mint_multiplier  double precision NOT NULL,
    fee_host_percent     double precision NOT NULL,
    fee_pool_percent     double precision NOT NULL,
    min_limit_for_ticket double precision NOT NULL,
    probability          double precision NOT NULL,     -- chance a resolution releases the jackpot
    name                 text,
    slug                 text,
    game                 text,
    registered_event_id  text             NOT NULL,
    registered_signature text             NOT NULL,
    registered_slot      bigint           NOT NULL,
    order_index          numeric(78, 0)   NOT NULL,
    registered_at        timestamptz      NOT NULL
);
CREATE UNIQUE INDEX pools_slug_idx ON casino.pools (slug) WHERE slug IS NOT NULL;

-- Casino (pool) totals over settled bets, fees and jackpots.
CREATE TABLE casino.pool_stats (
    pool_id          text PRIMARY KEY,
    plays            bigint         NOT NULL,     -- settled bets
    wins             bigint         NOT NULL,     -- of which the player won
    players          bigint         NOT NULL,     -- distinct players with a settled bet
    wagered          numeric(78, 0) NOT NULL,
    paid_out         numeric(78, 0) NOT NULL,
    house_profit     numeric(78, 0) NOT NULL,     -- wagered - paid_out
    fees             numeric(78, 0) NOT NULL,     -- sum of FeeCharged.fee_amount
    fee_host         numeric(78, 0) NOT NULL,     -- the split of the fees (docs/casino.md); parts
    fee_pool         numeric(78, 0) NOT NULL,     -- that could not be computed (pool or vault
    fee_network      numeric(78, 0) NOT NULL,     -- parameters not in the input) count as 0
    fee_burn         numeric(78, 0) NOT NULL,
    jackpot          numeric(78, 0) NOT NULL,     -- current accumulated amount
    jackpots_won     bigint         NOT NULL,
    jackpot_released numeric(78, 0) NOT NULL
);

-- Hourly and daily volume of each pool, by the settlement's block time (UTC buckets).
CREATE TABLE casino.pool_volume (
    pool_id      text           NOT NULL,
    granularity  text           NOT NULL CONSTRAINT pool_volume_granularity_check
        CHECK (granularity IN ('hour', 'day')),
    bucket_start timestamptz    NOT NULL,
    plays        bigint         NOT NULL,
    wagered      numeric(78, 0) NOT NULL,
    paid_out     numeric(78, 0) NOT NULL,
    house_profit numeric(78, 0) NOT NULL,
    PRIMARY KEY (pool_id, granularity, bucket_start)
);

-- One row per FeeCharged, split into host / pool / network / burn (docs/casino.md, "Fees").
CREATE TABLE casino.fees (
    event_id         text PRIMARY KEY,
    order_index      numeric(78, 0)   NOT NULL,
    pool_id          text             NOT NULL,
    trial_id         text             NOT NULL,
    fee_type         smallint         NOT NULL,     -- FeeCharged.fee_type (u8)
    fee_type_name    text             NOT NULL,     -- FeePlay, FeeLoss, FeeMint, or Unknown(n)
    fee_amount       numeric(78, 0)   NOT NULL,
    host_percent     double precision,              -- the pool's fee_host_percent
    pool_percent     double precision,              -- the pool's fee_pool_percent
    network_percent  double precision,              -- the vault's fee_network_pct at the fee
    min_burn_percent double precision,              -- the vault's min_fee_burn_pct at the fee
    host_amount      numeric(78, 0),
    pool_amount      numeric(78, 0),
    network_amount   numeric(78, 0),
    burn_amount      numeric(78, 0),
    signature        text             NOT NULL,
    slot             bigint           NOT NULL,
    charged_at       timestamptz      NOT NULL
);
CREATE INDEX fees_trial_idx ON casino.fees (trial_id);
CREATE INDEX fees_pool_time_idx ON casino.fees (pool_id, charged_at DESC);

-- The jackpot: every PoolAccumulatedAmountUpdated (its new absolute amount) ...
CREATE TABLE casino.pool_accumulations (
    event_id               text PRIMARY KEY,
    order_index            numeric(78, 0) NOT NULL,
    pool_id                text           NOT NULL,
    trial_id               text           NOT NULL,
    new_accumulated_amount numeric(78, 0) NOT NULL,
    signature              text           NOT NULL,
    slot                   bigint         NOT NULL,
    updated_at             timestamptz    NOT NULL
);
CREATE INDEX pool_accumulations_pool_idx ON casino.pool_accumulations (pool_id, order_index DESC);

-- ... and every PoolAccumulatedAmountReleased: a jackpot won.
CREATE TABLE casino.jackpots (
    event_id        text PRIMARY KEY,
    order_index     numeric(78, 0) NOT NULL,
    pool_id         text           NOT NULL,
    trial_id        text           NOT NULL,
    receiver        text           NOT NULL,
    released_amount numeric(78, 0) NOT NULL,
    signature       text           NOT NULL,
    slot            bigint         NOT NULL,
    released_at     timestamptz    NOT NULL
);
CREATE INDEX jackpots_time_idx ON casino.jackpots (released_at DESC);
CREATE INDEX jackpots_pool_time_idx ON casino.jackpots (pool_id, released_at DESC);
CREATE INDEX jackpots_receiver_idx ON casino.jackpots (receiver, released_at DESC);

-- The vault's admin history: one row per admin event (AdminAddressUpdated, ResolverAddressUpdated,
-- NetworkFeeRecipientAddressUpdated, EvThresholdUpdated, FeeNetworkPercentUpdated,
-- MinimumFeeBurnPercentUpdated) ...
CREATE TABLE casino.vault_events (
    event_id    text PRIMARY KEY,
    order_index numeric(78, 0)   NOT NULL,
    event_name  text             NOT NULL,
    field       text             NOT NULL,     -- the VaultState field it sets
    address     text,                          -- the new pubkey, for the address events
    value       double precision,              -- the new f64, for the value events
    signature   text             NOT NULL,
    slot        bigint           NOT NULL,
    updated_at  timestamptz      NOT NULL
);
CREATE INDEX vault_events_field_idx ON casino.vault_events (field, order_index DESC);
CREATE INDEX vault_events_time_idx ON casino.vault_events (updated_at DESC);

-- ... and the vault's current configuration: each field's latest value by chain order.
CREATE TABLE casino.vault_config (
    program_id        text PRIMARY KEY,
    admin             text,
    resolver          text,
    net_fee_recipient text,
    ev_threshold      double precision,
    fee_network_pct   double precision,
    min_fee_burn_pct  double precision,
    updated_at        timestamptz NOT NULL      -- block time of the latest event in effect
);

-- Everything implausible the job noticed, never silent: a result_index outside the qk table or on a
-- q = 0 outcome, a resolution with no registration after the pending timeout, a pool's outcome
-- frequencies failing the chi-square test, a fee split beyond the vault's minimum burn, a reorg
-- deeper than the retention window. anomaly_id is stable (kind + subject), so a replay rewrites it
-- and a reorg that takes the cause back deletes it.
CREATE TABLE casino.anomalies (
    anomaly_id  text PRIMARY KEY,
    kind        text        NOT NULL,
    pool_id     text,
    trial_id    text,
    player      text,
    event_id    text,
    observed_at timestamptz NOT NULL,     -- block time of the cause
    details     jsonb       NOT NULL
);
CREATE INDEX anomalies_time_idx ON casino.anomalies (observed_at DESC);
CREATE INDEX anomalies_pool_idx ON casino.anomalies (pool_id, observed_at DESC);
CREATE INDEX anomalies_kind_idx ON casino.anomalies (kind, observed_at DESC);

-- The running fairness test of each pool and qk table: the latest chi-square over the sliding
-- window of settled bets' outcomes against the table's probabilities.
CREATE TABLE casino.outcome_tests (
    pool_id            text             NOT NULL,
    qk_id              text             NOT NULL,     -- hash of the qk table
    qk                 jsonb            NOT NULL,
    window_start       timestamptz      NOT NULL,
    window_end         timestamptz      NOT NULL,
    bets               bigint           NOT NULL,
    chi_square         double precision NOT NULL,
    degrees_of_freedom integer          NOT NULL,
    p_value            double precision NOT NULL,
    flagged            boolean          NOT NULL,
    PRIMARY KEY (pool_id, qk_id)
);

-- Leaderboards: the top 100 players of each pool per period (a UTC day, an ISO week starting on
-- Monday, all time) by net profit, volume (wagered) and wins. Rows enter and leave as players enter
-- and leave the top; ranks follow from value DESC, player (the view below).
CREATE TABLE casino.leaderboard_entries (
    pool_id      text           NOT NULL,
    period       text           NOT NULL CONSTRAINT leaderboard_period_check
        CHECK (period IN ('day', 'week', 'all')),
    period_start date           NOT NULL,     -- 1970-01-01 for 'all'
    metric       text           NOT NULL CONSTRAINT leaderboard_metric_check
        CHECK (metric IN ('net', 'volume', 'wins')),
    player       text           NOT NULL,
    value        numeric(78, 0) NOT NULL,
    PRIMARY KEY (pool_id, period, period_start, metric, player)
);
CREATE INDEX leaderboard_rank_idx
    ON casino.leaderboard_entries (pool_id, period, period_start, metric, value DESC, player);
-- A player's places on every board.
CREATE INDEX leaderboard_player_idx ON casino.leaderboard_entries (player);

CREATE VIEW casino.leaderboards AS
SELECT pool_id, period, period_start, metric, player, value,
       row_number() OVER (PARTITION BY pool_id, period, period_start, metric
                          ORDER BY value DESC, player) AS rank
FROM casino.leaderboard_entries;

-- The whole casino program: pool_stats summed (distinct players per pool, not across pools).
CREATE VIEW casino.totals AS
SELECT count(*) AS pools, coalesce(sum(plays), 0) AS plays, coalesce(sum(wagered), 0) AS wagered,
       coalesce(sum(paid_out), 0) AS paid_out, coalesce(sum(house_profit), 0) AS house_profit,
       coalesce(sum(fees), 0) AS fees, coalesce(sum(jackpot_released), 0) AS jackpot_released
FROM casino.pool_stats;
