package io.chainplay.pipelines.earnings;

import io.chainplay.pipelines.common.FeedRecord;
import io.chainplay.schemas.feed.FeedMessage;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The earnings job's {@code feed.earnings} messages, in FarePlay's WebSocket shape {@code
 * {"type","data","timestamp","id"}}: {@code earnings.updated} when a player is due (and again, with
 * a new id, when a reorg corrects it). Amounts are decimal strings of lamports; {@code timestamp}
 * is the due time in milliseconds.
 */
final class EarningsFeed {

    static final String EARNINGS_UPDATED = "earnings.updated";

    private EarningsFeed() {}

    static FeedRecord updated(DueRecord due) {
        return updated(due, due.id());
    }

    /** A corrected update: the same fields, an id that says which change corrected it. */
    static FeedRecord corrected(HistoryRow row, String program, String cause) {
        DueRecord due = new DueRecord();
        due.program = program;
        due.player = row.player;
        due.dueAt = row.at;
        due.earningsAdded = row.amount;
        due.totalPending = row.newBalance;
        due.businessCount = row.businessCount;
        due.dailyEarnings = row.dailyEarnings;
        return updated(due, due.id() + ":corrected:" + cause);
    }

    private static FeedRecord updated(DueRecord due, String id) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("player", due.player);
        data.put("earningsAdded", Long.toString(due.earningsAdded));
        data.put("totalPending", Long.toUnsignedString(due.totalPending));
        data.put("businessCount", due.businessCount);
        data.put("dailyEarnings", Long.toUnsignedString(due.dailyEarnings));
        data.put("dueAt", due.dueAt);
        if (due.nextDueAt > 0) {
            data.put("nextEarningsTime", due.nextDueAt);
        }
        return new FeedRecord(
                due.player, FeedMessage.of(EARNINGS_UPDATED, id, due.dueAt, data).toJson());
    }
}
