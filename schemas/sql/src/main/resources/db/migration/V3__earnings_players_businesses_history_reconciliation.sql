-- Earnings domain (Solana Mafia): each player's economy, their businesses, the history of their
-- scheduled earnings updates and claims, the reconciliation against the program's own figures,
-- and global stats per game.
--
-- Written by the earnings Flink job (pipelines/.../earnings, docs/earnings.md) as idempotent
-- upserts of absolute values by natural key, or deletions when a reorg takes a row back, so a
-- replay after a failure rewrites the same rows (ARCHITECTURE.md, principle 4). Amounts are
-- lamports in numeric(78,0) as the other domains store token amounts; u64 chain values fit unsigned.
-- Times are block times (event time), never the wall clock.

CREATE SCHEMA IF NOT EXISTS earnings;

CREATE TABLE earnings.players (
    player               text           PRIMARY KEY,   -- wallet, base58
    program              text           NOT NULL,      -- the solana_mafia program id
    joined_at            timestamptz,                  -- PlayerCreated; null if it joined before the input
    entry_fee            numeric(78, 0),               -- PlayerCreated.entry_fee
    businesses           integer        NOT NULL,      -- active businesses now
    total_invested       numeric(78, 0) NOT NULL,      -- deposits + upgrades, ever
    total_upgrade_spent  numeric(78, 0) NOT NULL,
    total_slot_spent     numeric(78, 0) NOT NULL,      -- slot_cost of BusinessCreatedInSlot
    total_returned       numeric(78, 0) NOT NULL,      -- sales' return_amount
    total_sell_fees      numeric(78, 0) NOT NULL,      -- invested - returned, over sales
    total_claimed        numeric(78, 0) NOT NULL,      -- EarningsClaimed.amount
    pending_earnings     numeric(78, 0) NOT NULL,      -- the job's accrual at pending_as_of
    pending_as_of        timestamptz    NOT NULL,      -- last due, or last event that credited
    daily_earnings       numeric(78, 0) NOT NULL,      -- per day at the active businesses' rates
    last_program_update  timestamptz,                  -- the program's last credit (EarningsUpdated, claim, joining)
    last_earnings_update timestamptz,                  -- the job's last scheduled update (due)
    next_earnings_time   timestamptz,                  -- the next due; null while it owns no business
    earnings_interval    integer        NOT NULL,      -- seconds between dues (EARNINGS_INTERVAL)
    program_pending      numeric(78, 0),               -- total_pending of its last EarningsUpdated
    updates_reconciled   bigint         NOT NULL,      -- EarningsUpdated compared
    updates_mismatched   bigint         NOT NULL       -- of which some figure differed
);

CREATE INDEX players_next_earnings_idx ON earnings.players (next_earnings_time);
CREATE INDEX players_pending_idx ON earnings.players (pending_earnings DESC);

CREATE TABLE earnings.businesses (
    player             text           NOT NULL,
    business_no        integer        NOT NULL,        -- 1, 2, ...: the player's n-th business, in chain order
    slot_index         integer        NOT NULL,
    business_type      integer        NOT NULL,        -- 0..5, the IDL's BusinessType
    business_type_name text           NOT NULL,        -- TobaccoShop, FuneralService, ...
    level              integer        NOT NULL,        -- upgrade level 0..3
    base_cost          numeric(78, 0) NOT NULL,        -- the deposit
    slot_cost          numeric(78, 0) NOT NULL,
    upgrade_spent      numeric(78, 0) NOT NULL,
    total_invested     numeric(78, 0) NOT NULL,        -- base_cost + upgrades: what earns
    daily_rate         integer        NOT NULL,        -- basis points of total_invested per day
    created_at         timestamptz    NOT NULL,
    legacy_event       boolean        NOT NULL,        -- opened by an older client (BusinessCreated)
    earned             numeric(78, 0) NOT NULL,        -- accrued since creation, as of earned_as_of
    earned_as_of       timestamptz    NOT NULL,
    status             text           NOT NULL
        CONSTRAINT businesses_status_check CHECK (status IN ('active', 'sold')),
    sold_at            timestamptz,
    days_held          bigint,
    base_fee_percent   integer,
    slot_discount      integer,
    final_fee_percent  integer,
    return_amount      numeric(78, 0),
    sell_fee           numeric(78, 0),                 -- total_invested - return_amount
    PRIMARY KEY (player, business_no)
);

CREATE INDEX businesses_active_type_idx ON earnings.businesses (business_type) WHERE status = 'active';

CREATE TABLE earnings.earnings_history (
    player                text           NOT NULL,
    entry_id              text           NOT NULL,     -- 'due:<unix seconds>' or the claim's event id
    event_type            text           NOT NULL
        CONSTRAINT history_event_type_check CHECK (event_type IN ('update', 'claim')),
    at                    timestamptz    NOT NULL,     -- due time, or the claim's block time
    amount                numeric(78, 0) NOT NULL,     -- update: accrued since the previous row; claim: paid out
    previous_balance      numeric(78, 0) NOT NULL,
    new_balance           numeric(78, 0) NOT NULL,
    business_count        integer        NOT NULL,
    daily_earnings        numeric(78, 0) NOT NULL,
    transaction_signature text,                        -- the claim's transaction
    PRIMARY KEY (player, entry_id)
);

-- A player's history, newest first.
CREATE INDEX history_player_time_idx ON earnings.earnings_history (player, at DESC);
CREATE INDEX history_time_idx ON earnings.earnings_history (at DESC);

CREATE TABLE earnings.reconciliation (
    event_id              text           NOT NULL,     -- the program's event that was checked
    check_name            text           NOT NULL,     -- earnings_added, total_pending, businesses_count, claim_amount, daily_rate, ...
    player                text           NOT NULL,
    at                    timestamptz    NOT NULL,     -- block time of the event
    slot                  bigint         NOT NULL,
    transaction_signature text           NOT NULL,
    expected              numeric(78, 0) NOT NULL,     -- by the job's own accrual / the game constants
    reported              numeric(78, 0) NOT NULL,     -- by the program's event
    difference            numeric(78, 0) NOT NULL,     -- reported - expected
    detail                text           NOT NULL,
    PRIMARY KEY (event_id, check_name)
);

CREATE INDEX reconciliation_player_idx ON earnings.reconciliation (player, at DESC);
CREATE INDEX reconciliation_time_idx ON earnings.reconciliation (at DESC);

CREATE TABLE earnings.global_stats (
    program            text           PRIMARY KEY,     -- one row per game (solana_mafia program id)
    game               text           NOT NULL,
    players            bigint         NOT NULL,
    businesses         bigint         NOT NULL,        -- active
    businesses_by_type jsonb          NOT NULL,        -- {"TobaccoShop": n, ...}, active
    total_invested     numeric(78, 0) NOT NULL,        -- deposits + upgrades, ever
    active_invested    numeric(78, 0) NOT NULL,        -- invested in active businesses
    total_pending      numeric(78, 0) NOT NULL,        -- sum of players.pending_earnings
    total_claimed      numeric(78, 0) NOT NULL,
    as_of              timestamptz    NOT NULL         -- event time of the newest change counted
);
