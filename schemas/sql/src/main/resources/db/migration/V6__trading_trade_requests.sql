-- The daily-trade workflow's requests and what became of them (the StateFun function
-- trade/daily-trade answers on wf.trade.results; the trading job writes its answers here).
--
-- One row per request, holding its furthest status: a status only replaces one of a lower rank
-- (ACCEPTED 1, SUBMITTED 2, TIMED_OUT 3, FILLED/REJECTED/CANCELLED 4), so replaying the results
-- topic, or receiving an answer again after a failure, leaves the row as it was (principle 4).

CREATE TABLE trading.trade_requests (
    request_id   text           PRIMARY KEY,
    player       text           NOT NULL,
    day          date,
    status       text           NOT NULL CONSTRAINT trade_requests_status_check
                     CHECK (status IN ('ACCEPTED', 'SUBMITTED', 'TIMED_OUT', 'FILLED', 'REJECTED', 'CANCELLED')),
    status_rank  smallint       NOT NULL,
    reason       text,
    code         integer,
    market       text,
    side         text,
    qty          numeric(40, 16),
    external_id  text,
    order_id     bigint,
    filled_qty   numeric(40, 16),
    avg_price    numeric(40, 16),
    fee          numeric(40, 16),
    requested_at timestamptz    NOT NULL,
    updated_at   timestamptz    NOT NULL
);

COMMENT ON TABLE trading.trade_requests IS
    'Every daily-trade request (POST /api/trades -> wf.trade.requests) with the furthest status the workflow reported for it on wf.trade.results.';
COMMENT ON COLUMN trading.trade_requests.day IS 'The UTC day whose allowance the request was judged against.';
COMMENT ON COLUMN trading.trade_requests.status IS 'ACCEPTED, SUBMITTED, TIMED_OUT (cancelling), or final: FILLED, REJECTED, CANCELLED.';
COMMENT ON COLUMN trading.trade_requests.status_rank IS 'Order of the statuses (1..4); a row only moves to an equal or higher rank.';
COMMENT ON COLUMN trading.trade_requests.reason IS 'Why it was rejected, cancelled or timed out.';
COMMENT ON COLUMN trading.trade_requests.code IS 'The exchange''s error code of a refusal, if any.';
COMMENT ON COLUMN trading.trade_requests.external_id IS 'The client order id the workflow placed the order under (cp-<request id>).';
COMMENT ON COLUMN trading.trade_requests.order_id IS 'The exchange''s order id, once submitted.';
COMMENT ON COLUMN trading.trade_requests.avg_price IS 'Quantity-weighted price of the order''s fills, once FILLED.';

CREATE INDEX trade_requests_player_idx ON trading.trade_requests (player, requested_at DESC);
