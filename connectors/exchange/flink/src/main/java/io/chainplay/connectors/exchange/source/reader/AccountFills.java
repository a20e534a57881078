package io.chainplay.connectors.exchange.source.reader;

import io.chainplay.connectors.exchange.fills.FillMapper;
import io.chainplay.connectors.exchange.fills.InvalidFillException;
import io.chainplay.connectors.exchange.fills.PlayerAccount;
import io.chainplay.connectors.exchange.rest.TradesPage;
import io.chainplay.connectors.exchange.source.ExchangeRecord;
import io.chainplay.connectors.exchange.source.split.FillsSplit;
import io.chainplay.connectors.exchange.stream.StreamEvent;
import io.chainplay.schemas.Topics;
import io.chainplay.schemas.dlq.DeadLetter;
import io.chainplay.schemas.exchange.ExchangeFill;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * One account's reading, on the fetcher thread: REST catch-up back to the cursor, stream fills, and
 * the dedup that makes each fill come out once, in id order.
 *
 * <p>The cursor here runs ahead of the checkpointed one (records wait in the reader's queue until
 * emitted); both start from the split's cursor on a restore. Plain Java, so the dedup and paging
 * are unit-tested without Flink.
 */
final class AccountFills {

    /** {@code source} of every dead letter this writes. */
    static final String DLQ_SOURCE = "exchange-fills-source";

    final FillsSplit split;
    final PlayerAccount account;
    private final TradePages rest;
    private final int pageSize;
    private long cursor;

    long catchUps;
    long catchUpPages;
    long duplicatesDropped;

    AccountFills(FillsSplit split, PlayerAccount account, TradePages rest, int pageSize) {
        this.split = split;
        this.account = account;
        this.rest = rest;
        this.pageSize = pageSize;
        this.cursor = split.cursor();
    }

    long cursor() {
        return cursor;
    }

    /**
     * Every fill above the cursor and inside the split's time range, read newest first over REST
     * back to the cursor (or the range start) and returned oldest first.
     *
     * <p>Extended's ids increase with time, so the first trade at or below the cursor (or created
     * before the range) ends the walk. Ids already seen on an earlier page (pages can shift while
     * new fills arrive) are kept once.
     */
    List<ExchangeRecord> catchUp() throws IOException, InterruptedException {
        catchUps++;
        TreeMap<Long, ExchangeRecord> byId = new TreeMap<>();
        List<ExchangeRecord> withoutId = new ArrayList<>();
        Long pageCursor = null;
        while (true) {
            TradesPage page = rest.trades(pageCursor, pageSize);
            catchUpPages++;
            boolean reachedEnd = false;
            for (JsonNode trade : page.trades()) {
                Long id = readableId(trade);
                JsonNode created = trade.get("createdTime");
                long createdMillis =
                        created != null && created.canConvertToLong() && created.isIntegralNumber()
                                ? created.longValue()
                                : split.fromMillis();
                if (id != null && id <= cursor) {
                    reachedEnd = true;
                    continue;
                }
                if (createdMillis < split.fromMillis()) {
                    reachedEnd = true;
                    continue;
                }
                if (createdMillis >= split.toMillis()) {
                    continue; // newer than a bounded range
                }
                ExchangeRecord record = map(trade, FillMapper.VIA_REST, "rest");
                if (id == null) {
                    withoutId.add(record);
                } else {
                    byId.putIfAbsent(id, record);
                }
            }
            if (reachedEnd || !page.hasMore()) {
                break;
            }
            pageCursor = page.cursor();
        }
        List<ExchangeRecord> out = new ArrayList<>(withoutId);
        out.addAll(byId.values());
        if (!byId.isEmpty()) {
            cursor = Math.max(cursor, byId.lastKey());
        }
        return out;
    }

    /** A TRADE message's fills above the cursor, in id order; the rest are duplicates. */
    List<ExchangeRecord> onTrades(StreamEvent.Trades message) {
        List<JsonNode> trades = new ArrayList<>(message.trades());
        trades.sort(
                Comparator.comparing(
                        AccountFills::readableId,
                        Comparator.nullsFirst(Comparator.naturalOrder())));
        List<ExchangeRecord> out = new ArrayList<>();
        for (JsonNode trade : trades) {
            Long id = readableId(trade);
            if (id != null && id <= cursor) {
                duplicatesDropped++;
                continue;
            }
            out.add(
                    map(
                            trade,
                            FillMapper.VIA_STREAM,
                            "stream connection " + message.connection() + " seq " + message.seq()));
            if (id != null) {
                cursor = id;
            }
        }
        return out;
    }

    /** A stream message that is not usable at all. */
    ExchangeRecord onMalformed(StreamEvent.Malformed message) {
        return deadLetter(
                message.raw(),
                0,
                "stream connection " + message.connection(),
                message.reason(),
                "MalformedStreamMessage");
    }

    private ExchangeRecord map(JsonNode trade, String via, String position) {
        try {
            ExchangeFill fill = FillMapper.toFill(trade, account, via);
            return ExchangeRecord.of(
                    ExchangeRecord.Type.FILL,
                    account.accountId(),
                    fill.getFillId(),
                    account.player(),
                    fill.getCreatedTime().toEpochMilli(),
                    Topics.RAW_EXCHANGE_FILLS.serializeValue(fill));
        } catch (InvalidFillException e) {
            long id = e.fillId() == null ? 0 : e.fillId();
            return deadLetter(
                    trade.toString().getBytes(StandardCharsets.UTF_8),
                    id,
                    position + (e.fillId() == null ? "" : " fill " + e.fillId()),
                    e.getMessage(),
                    InvalidFillException.class.getName());
        }
    }

    private ExchangeRecord deadLetter(
            byte[] raw, long fillId, String position, String reason, String errorClass) {
        Instant now = Instant.now();
        DeadLetter letter =
                DeadLetter.newBuilder()
                        .setSource(DLQ_SOURCE)
                        .setPosition("extended account " + account.accountId() + " " + position)
                        .setKey(ByteBuffer.wrap(account.player().getBytes(StandardCharsets.UTF_8)))
                        .setValue(ByteBuffer.wrap(raw))
                        .setReason(reason)
                        .setErrorClass(errorClass)
                        .setFailedAt(now)
                        .build();
        return ExchangeRecord.of(
                ExchangeRecord.Type.DEAD_LETTER,
                account.accountId(),
                fillId,
                account.player(),
                now.toEpochMilli(),
                Topics.DLQ_EXCHANGE.serializeValue(letter));
    }

    static Long readableId(JsonNode trade) {
        JsonNode id = trade == null ? null : trade.get("id");
        if (id != null && id.isIntegralNumber() && id.canConvertToLong()) {
            return id.longValue();
        }
        if (id != null && id.isTextual()) {
            try {
                return Long.parseLong(id.textValue());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
