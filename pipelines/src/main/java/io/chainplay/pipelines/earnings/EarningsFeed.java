package io.chainplay.pipelines.earnings;

import io.chainplay.pipelines.common.FeedRecord;
import io.chainplay.schemas.feed.FeedMessage;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
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

    private static final JsonFactory JSON = new JsonFactory();

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
        return new FeedRecord(due.player, json(due, id));
    }

    /**
     * The message's JSON, written field by field: exactly what {@link FeedMessage#toJson} gives for
     * {@link #message} (a test compares them), without building a Jackson tree per due, which took
     * an eighth of the dues' time in the benchmark's profile.
     */
    static String json(DueRecord due, String id) {
        StringWriter text = new StringWriter(320);
        try (JsonGenerator g = JSON.createGenerator(text)) {
            g.writeStartObject();
            g.writeStringField("type", EARNINGS_UPDATED);
            g.writeObjectFieldStart("data");
            g.writeStringField("player", due.player);
            g.writeStringField("earningsAdded", Long.toString(due.earningsAdded));
            g.writeStringField("totalPending", Long.toUnsignedString(due.totalPending));
            g.writeNumberField("businessCount", due.businessCount);
            g.writeStringField("dailyEarnings", Long.toUnsignedString(due.dailyEarnings));
            g.writeNumberField("dueAt", due.dueAt);
            if (due.nextDueAt > 0) {
                g.writeNumberField("nextEarningsTime", due.nextDueAt);
            }
            g.writeEndObject();
            g.writeNumberField("timestamp", due.dueAt);
            g.writeStringField("id", id);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return text.toString();
    }

    /** The same message through {@link FeedMessage}: the reference for {@link #json}. */
    static FeedMessage message(DueRecord due, String id) {
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
        return FeedMessage.of(EARNINGS_UPDATED, id, due.dueAt, data);
    }
}
