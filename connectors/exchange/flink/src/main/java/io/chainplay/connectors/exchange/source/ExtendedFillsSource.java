package io.chainplay.connectors.exchange.source;

import io.chainplay.connectors.common.source.OwnedSplitEnumerator;
import io.chainplay.connectors.exchange.fills.PlayerAccount;
import io.chainplay.connectors.exchange.source.reader.FillsSourceReader;
import io.chainplay.connectors.exchange.source.split.FillsSplit;
import io.chainplay.connectors.exchange.source.split.FillsSplitSerializer;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.util.ArrayList;
import java.util.List;

/**
 * A FLIP-27 source of Extended fills for a set of accounts, each tied to a player wallet.
 *
 * <p>Live, each account's reader holds the account stream open and, whenever a connection opens
 * (first start, reconnect after a drop, restore) or a {@code seq} gap shows lost messages, first
 * catches up over {@code GET /user/trades} back to its cursor, then follows the stream. Fills are
 * emitted per account in id order, each once: the cursor (highest fill id emitted) is checkpointed
 * and anything at or below it is dropped, so a reconnect, a REST page overlapping the stream or a
 * restore repeats nothing, and the catch-up loses nothing. Bounded, it reads a time range over REST
 * only and ends, for backfills in BATCH mode. Trades that cannot be mapped come out as dead
 * letters.
 *
 * <p>Build one with {@link #builder()}.
 */
public final class ExtendedFillsSource
        implements Source<ExchangeRecord, FillsSplit, List<FillsSplit>>,
                ResultTypeQueryable<ExchangeRecord> {

    private final FillsConnection connection;
    private final long fromMillis;
    private final long toMillis;
    private final long pollMillis;
    private final long silentCatchUpMillis;

    ExtendedFillsSource(
            FillsConnection connection,
            long fromMillis,
            long toMillis,
            long pollMillis,
            long silentCatchUpMillis) {
        this.connection = connection;
        this.fromMillis = fromMillis;
        this.toMillis = toMillis;
        this.pollMillis = pollMillis;
        this.silentCatchUpMillis = silentCatchUpMillis;
    }

    public static ExtendedFillsSourceBuilder builder() {
        return new ExtendedFillsSourceBuilder();
    }

    @Override
    public Boundedness getBoundedness() {
        return toMillis == FillsSplit.LIVE ? Boundedness.CONTINUOUS_UNBOUNDED : Boundedness.BOUNDED;
    }

    @Override
    public SourceReader<ExchangeRecord, FillsSplit> createReader(SourceReaderContext context) {
        return new FillsSourceReader(
                connection, pollMillis, silentCatchUpMillis, new Configuration(), context);
    }

    @Override
    public SplitEnumerator<FillsSplit, List<FillsSplit>> createEnumerator(
            SplitEnumeratorContext<FillsSplit> context) {
        return enumerator(context, initialSplits());
    }

    @Override
    public SplitEnumerator<FillsSplit, List<FillsSplit>> restoreEnumerator(
            SplitEnumeratorContext<FillsSplit> context, List<FillsSplit> unassigned) {
        return enumerator(context, unassigned);
    }

    // A live account split belongs to reader accountId mod parallelism: one stream per account.
    private SplitEnumerator<FillsSplit, List<FillsSplit>> enumerator(
            SplitEnumeratorContext<FillsSplit> context, List<FillsSplit> splits) {
        return new OwnedSplitEnumerator<>(
                context, splits, isBounded(), "account splits", FillsSplit::accountId);
    }

    /** One split per account, each from the start of the range with no fill emitted yet. */
    List<FillsSplit> initialSplits() {
        List<FillsSplit> splits = new ArrayList<>();
        for (PlayerAccount account : connection.accounts()) {
            splits.add(
                    new FillsSplit(account.accountId(), account.player(), 0, fromMillis, toMillis));
        }
        return splits;
    }

    private boolean isBounded() {
        return toMillis != FillsSplit.LIVE;
    }

    FillsConnection connection() {
        return connection;
    }

    @Override
    public SimpleVersionedSerializer<FillsSplit> getSplitSerializer() {
        return FillsSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<List<FillsSplit>> getEnumeratorCheckpointSerializer() {
        return FillsSplitSerializer.ENUMERATOR_STATE;
    }

    @Override
    public TypeInformation<ExchangeRecord> getProducedType() {
        return TypeInformation.of(ExchangeRecord.class);
    }
}
