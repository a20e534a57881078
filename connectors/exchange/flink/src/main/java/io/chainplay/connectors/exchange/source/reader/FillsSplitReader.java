package io.chainplay.connectors.exchange.source.reader;

import io.chainplay.connectors.exchange.fills.PlayerAccount;
import io.chainplay.connectors.exchange.source.ExchangeRecord;
import io.chainplay.connectors.exchange.source.FillsConnection;
import io.chainplay.connectors.exchange.source.split.FillsSplit;
import io.chainplay.connectors.exchange.stream.AccountStream;
import io.chainplay.connectors.exchange.stream.StreamEvent;

import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.apache.flink.metrics.Counter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Reads the accounts (splits) of one reader on the source's fetcher thread: a bounded split is one
 * REST read of its time range; a live split follows its account stream, catching up over REST
 * whenever a connection opens or a {@code seq} gap shows lost messages.
 *
 * <p>A REST call that still fails after its retries fails the fetcher, and with it the job, which
 * restarts from the last checkpoint: the cursor then says exactly where to resume.
 */
final class FillsSplitReader implements SplitReader<ExchangeRecord, FillsSplit> {

    private static final Logger LOG = LoggerFactory.getLogger(FillsSplitReader.class);

    /** Stream events handled per account per fetch, so that accounts take turns. */
    private static final int EVENTS_PER_TURN = 64;

    /** Source metrics, counted where they happen. */
    record Metrics(
            Counter catchUps,
            Counter catchUpPages,
            Counter streamDisconnects,
            Counter gaps,
            Counter silentCatchUps,
            Counter duplicatesDropped) {}

    private final FillsConnection connection;
    private final long pollMillis;
    private final long silentCatchUpNanos;
    private final LongSupplier nanoClock;
    private final Metrics metrics;
    private final Deque<Reading> readings = new ArrayDeque<>();
    private final Object wakeUp = new Object();
    private boolean wokenUp;

    /**
     * @param silentCatchUpMillis a live account whose stream delivered nothing for this long
     *     catches up over REST anyway (0: never)
     */
    FillsSplitReader(
            FillsConnection connection,
            long pollMillis,
            long silentCatchUpMillis,
            Metrics metrics) {
        this(connection, pollMillis, silentCatchUpMillis, metrics, System::nanoTime);
    }

    FillsSplitReader(
            FillsConnection connection,
            long pollMillis,
            long silentCatchUpMillis,
            Metrics metrics,
            LongSupplier nanoClock) {
        this.connection = connection;
        this.pollMillis = pollMillis;
        this.silentCatchUpNanos = TimeUnit.MILLISECONDS.toNanos(silentCatchUpMillis);
        this.metrics = metrics;
        this.nanoClock = nanoClock;
    }

    @Override
    public RecordsWithSplitIds<ExchangeRecord> fetch() throws IOException {
        try {
            for (int turn = 0; turn < readings.size(); turn++) {
                Reading r = readings.pollFirst();
                RecordsBySplits.Builder<ExchangeRecord> batch = new RecordsBySplits.Builder<>();
                boolean worked = r.stream == null ? readRange(r, batch) : follow(r, batch);
                if (r.finished) {
                    batch.addFinishedSplit(r.fills.split.splitId());
                    r.close();
                } else {
                    readings.addLast(r);
                }
                if (worked || r.finished) {
                    return batch.build();
                }
            }
            idle();
            return new RecordsBySplits.Builder<ExchangeRecord>().build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while reading fills");
        }
    }

    /** Bounded: the whole range over REST, then the split is done. */
    private boolean readRange(Reading r, RecordsBySplits.Builder<ExchangeRecord> batch)
            throws IOException, InterruptedException {
        List<ExchangeRecord> records = catchUp(r);
        records.forEach(rec -> batch.add(r.fills.split.splitId(), rec));
        r.finished = true;
        return true;
    }

    /** Live: the account's queued stream events, in order. */
    private boolean follow(Reading r, RecordsBySplits.Builder<ExchangeRecord> batch)
            throws IOException, InterruptedException {
        boolean worked = false;
        String id = r.fills.split.splitId();
        for (int i = 0; i < EVENTS_PER_TURN; i++) {
            StreamEvent event = r.stream.poll(Duration.ZERO);
            if (event == null) {
                break;
            }
            worked = true;
            if (!(event instanceof StreamEvent.Disconnected)) {
                r.heardNanos = nanoClock.getAsLong();
            }
            if (event instanceof StreamEvent.Connected) {
                // Fills are not replayed on a new connection: what happened while there was
                // none is in GET /user/trades. This connection's messages queue up meanwhile and
                // the cursor drops those the catch-up already emitted.
                catchUp(r).forEach(rec -> batch.add(id, rec));
            } else if (event instanceof StreamEvent.Gap gap) {
                LOG.warn(
                        "Account {} stream skipped from seq {} to {}: catching up over REST",
                        r.fills.account.accountId(),
                        gap.expected(),
                        gap.received());
                metrics.gaps().inc();
                catchUp(r).forEach(rec -> batch.add(id, rec));
            } else if (event instanceof StreamEvent.Trades trades) {
                long before = r.fills.duplicatesDropped;
                r.fills.onTrades(trades).forEach(rec -> batch.add(id, rec));
                metrics.duplicatesDropped().inc(r.fills.duplicatesDropped - before);
            } else if (event instanceof StreamEvent.Malformed bad) {
                batch.add(id, r.fills.onMalformed(bad));
            } else if (event instanceof StreamEvent.Disconnected lost) {
                metrics.streamDisconnects().inc();
            }
        }
        if (!worked && silentCatchUpNanos > 0) {
            long now = nanoClock.getAsLong();
            if (now - r.heardNanos >= silentCatchUpNanos) {
                // The safety net: a stream that cannot connect, or is open but dead, says nothing
                // at all; REST still has every fill.
                LOG.info(
                        "Account {} stream silent for {} ms: catching up over REST",
                        r.fills.account.accountId(),
                        TimeUnit.NANOSECONDS.toMillis(now - r.heardNanos));
                metrics.silentCatchUps().inc();
                r.heardNanos = now;
                catchUp(r).forEach(rec -> batch.add(id, rec));
                worked = true;
            }
        }
        return worked;
    }

    private List<ExchangeRecord> catchUp(Reading r) throws IOException, InterruptedException {
        long pages = r.fills.catchUpPages;
        long from = r.fills.cursor();
        List<ExchangeRecord> records = r.fills.catchUp();
        metrics.catchUps().inc();
        metrics.catchUpPages().inc(r.fills.catchUpPages - pages);
        LOG.info(
                "Account {} caught up over REST from fill {}: {} records in {} pages",
                r.fills.account.accountId(),
                from,
                records.size(),
                r.fills.catchUpPages - pages);
        return records;
    }

    /** Waits a poll interval for stream messages, unless woken. */
    private void idle() throws InterruptedException {
        synchronized (wakeUp) {
            if (!wokenUp) {
                wakeUp.wait(pollMillis);
            }
            wokenUp = false;
        }
    }

    @Override
    public void handleSplitsChanges(SplitsChange<FillsSplit> change) {
        if (!(change instanceof SplitsAddition)) {
            throw new UnsupportedOperationException("Unsupported split change " + change);
        }
        for (FillsSplit split : change.splits()) {
            PlayerAccount account = connection.account(split.accountId());
            var rest = connection.rest(account);
            AccountStream stream = null;
            if (!split.isBounded()) {
                stream = connection.stream(account);
                stream.start();
            }
            LOG.info(
                    "Reading fills of account {} ({}) from fill {} ({})",
                    account.accountId(),
                    account.player(),
                    split.cursor(),
                    split.isBounded() ? "bounded" : "live");
            readings.add(
                    new Reading(
                            new AccountFills(split, account, rest::trades, connection.pageSize()),
                            stream,
                            nanoClock.getAsLong()));
        }
    }

    @Override
    public void wakeUp() {
        synchronized (wakeUp) {
            wokenUp = true;
            wakeUp.notifyAll();
        }
    }

    @Override
    public void close() {
        readings.forEach(Reading::close);
        readings.clear();
    }

    /** One account being read. */
    private static final class Reading {
        final AccountFills fills;
        final AccountStream stream;
        boolean finished;

        /** When the stream last delivered something other than a disconnect. */
        long heardNanos;

        Reading(AccountFills fills, AccountStream stream, long nowNanos) {
            this.fills = fills;
            this.stream = stream;
            this.heardNanos = nowNanos;
        }

        void close() {
            if (stream != null) {
                stream.close();
            }
        }
    }
}
