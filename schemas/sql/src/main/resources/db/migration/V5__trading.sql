-- Trading domain (Perp Tycoon on Extended): every player's positions per venue and market, the
-- history of its fills, and the daily-trade ledger (the record of the mission's "one real trade
-- per day"; the StateFun daily-trade workflow is what enforces it).
--
-- Written by the trading Flink job (pipelines/.../trading, docs/trading.md) as idempotent upserts
-- of absolute values by natural key, so a replay after a failure rewrites the same rows
-- (ARCHITECTURE.md, principle 4). Prices, quantities and collateral amounts are exact decimals:
-- numeric(40, 16) holds Extended's 16 fraction digits and 24 integer digits. Times are the
-- exchange's createdTime of the fills (event time), never the wall clock.

CREATE SCHEMA IF NOT EXISTS trading;

CREATE TABLE trading.positions (
    venue           text           NOT NULL,
    player          text           NOT NULL,
    market          text           NOT NULL,
    size            numeric(40, 16) NOT NULL,
    avg_entry_price numeric(40, 16),
    realized_pnl    numeric(40, 16) NOT NULL,
    fees            numeric(40, 16) NOT NULL,
    net_pnl         numeric(40, 16) GENERATED ALWAYS AS (realized_pnl - fees) STORED,
    volume          numeric(40, 16) NOT NULL,
    trade_count     bigint         NOT NULL,
    last_fill_id    bigint         NOT NULL,
    opened_at       timestamptz,
    updated_at      timestamptz    NOT NULL,
    PRIMARY KEY (venue, player, market)
);

COMMENT ON TABLE trading.positions IS
    'One row per player, venue and market ever traded: the open position (average-cost method) and the totals since the first fill.';
COMMENT ON COLUMN trading.positions.player IS 'The player wallet (base58) the exchange account is mapped to.';
COMMENT ON COLUMN trading.positions.size IS 'Signed position in units of the synthetic asset: > 0 long, < 0 short, 0 flat.';
COMMENT ON COLUMN trading.positions.avg_entry_price IS 'Quantity-weighted average entry price of the open position, rounded to 16 fraction digits HALF_EVEN; NULL when flat.';
COMMENT ON COLUMN trading.positions.realized_pnl IS 'Gross realized PnL in collateral: sum over closing fills of (price - avg_entry) x closed qty x sign(size), each rounded to 16 digits HALF_EVEN. Fees not included.';
COMMENT ON COLUMN trading.positions.fees IS 'Sum of the fills'' fees in collateral (a rebate is negative).';
COMMENT ON COLUMN trading.positions.net_pnl IS 'realized_pnl - fees.';
COMMENT ON COLUMN trading.positions.volume IS 'Sum of |value| of the fills, in collateral.';
COMMENT ON COLUMN trading.positions.trade_count IS 'Number of fills.';
COMMENT ON COLUMN trading.positions.last_fill_id IS 'The exchange id of the latest fill applied (fills apply in createdTime, fill id order).';
COMMENT ON COLUMN trading.positions.opened_at IS 'createdTime of the fill that opened the current position (from flat, or by a flip); NULL when flat.';
COMMENT ON COLUMN trading.positions.updated_at IS 'createdTime of the latest fill.';

CREATE INDEX positions_player_idx ON trading.positions (player);

CREATE TABLE trading.daily_trades (
    player           text           NOT NULL,
    day              date           NOT NULL,
    trade_count      bigint         NOT NULL,
    volume           numeric(40, 16) NOT NULL,
    fees             numeric(40, 16) NOT NULL,
    realized_pnl     numeric(40, 16) NOT NULL,
    first_fill_venue text           NOT NULL,
    first_fill_id    bigint         NOT NULL,
    first_trade_at   timestamptz    NOT NULL,
    last_trade_at    timestamptz    NOT NULL,
    PRIMARY KEY (player, day)
);

COMMENT ON TABLE trading.daily_trades IS
    'The daily-trade ledger: one row per player and UTC day (of the fills'' createdTime) with at least one fill, on any venue and market. A row is the record that the player made its real trade of the day.';
COMMENT ON COLUMN trading.daily_trades.trade_count IS 'Fills that day.';
COMMENT ON COLUMN trading.daily_trades.volume IS 'Sum of |value| of that day''s fills.';
COMMENT ON COLUMN trading.daily_trades.fees IS 'Sum of that day''s fees (rebates negative).';
COMMENT ON COLUMN trading.daily_trades.realized_pnl IS 'Gross PnL realized by that day''s fills.';
COMMENT ON COLUMN trading.daily_trades.first_fill_id IS 'The day''s first fill (with first_fill_venue), in createdTime, fill id order.';

CREATE TABLE trading.fills (
    venue           text           NOT NULL,
    fill_id         bigint         NOT NULL,
    player          text           NOT NULL,
    account_id      bigint         NOT NULL,
    market          text           NOT NULL,
    order_id        bigint         NOT NULL,
    side            text           NOT NULL CONSTRAINT fills_side_check CHECK (side IN ('BUY', 'SELL')),
    price           numeric(40, 16) NOT NULL,
    qty             numeric(40, 16) NOT NULL,
    value           numeric(40, 16) NOT NULL,
    fee             numeric(40, 16) NOT NULL,
    is_taker        boolean        NOT NULL,
    trade_type      text           NOT NULL,
    created_at      timestamptz    NOT NULL,
    realized_pnl    numeric(40, 16) NOT NULL,
    position_size   numeric(40, 16) NOT NULL,
    avg_entry_price numeric(40, 16),
    PRIMARY KEY (venue, fill_id)
);

COMMENT ON TABLE trading.fills IS 'Every fill applied, with what it did to the position: the trade history.';
COMMENT ON COLUMN trading.fills.value IS 'price x qty in collateral, as the exchange computed it.';
COMMENT ON COLUMN trading.fills.fee IS 'Fee paid in collateral; negative for a rebate.';
COMMENT ON COLUMN trading.fills.trade_type IS 'TRADE, LIQUIDATION or DELEVERAGE.';
COMMENT ON COLUMN trading.fills.realized_pnl IS 'Gross PnL this fill realized (0 when it opened or added).';
COMMENT ON COLUMN trading.fills.position_size IS 'Signed position in the market right after this fill.';
COMMENT ON COLUMN trading.fills.avg_entry_price IS 'Average entry price right after this fill; NULL when flat.';

CREATE INDEX fills_player_time_idx ON trading.fills (player, created_at DESC, fill_id DESC);
CREATE INDEX fills_player_market_time_idx ON trading.fills (player, market, created_at DESC);
