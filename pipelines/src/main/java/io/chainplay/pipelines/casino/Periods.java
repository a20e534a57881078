package io.chainplay.pipelines.casino;

/**
 * The UTC calendar buckets the casino files settled bets under: hours and days for volume series,
 * days and ISO weeks (starting on Monday) for leaderboards.
 */
final class Periods {

    static final long HOUR = 3_600_000L;
    static final long DAY = 86_400_000L;

    private Periods() {}

    static long epochDay(long time) {
        return Math.floorDiv(time, DAY);
    }

    /**
     * The epoch day of the Monday of the ISO week holding this epoch day (1970-01-01: a Thursday).
     */
    static long weekStart(long epochDay) {
        return epochDay - Math.floorMod(epochDay + 3, 7);
    }

    /** Event time at which a leaderboard period is over. */
    static long end(String period, long start) {
        return switch (period) {
            case "day" -> (start + 1) * DAY;
            case "week" -> (start + 7) * DAY;
            default -> Long.MAX_VALUE;
        };
    }

    /** Watermark minus a duration, without underflow before the first watermark. */
    static long before(long watermark, long millis) {
        return watermark == Long.MIN_VALUE ? Long.MIN_VALUE : watermark - millis;
    }

    /** The next multiple of the interval after now: timers of many keys then coalesce. */
    static long nextTick(long now, long interval) {
        return (Math.floorDiv(now, interval) + 1) * interval;
    }
}
