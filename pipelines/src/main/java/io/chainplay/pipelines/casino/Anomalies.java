package io.chainplay.pipelines.casino;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Rows of {@code casino.anomalies}: what the job found implausible, written instead of passed over
 * in silence. The id is the kind and its subject (an event id, a pool and window), so a replay
 * rewrites the same row and a reorg that takes the cause back deletes it.
 */
final class Anomalies {

    /** A result_index outside the trial's qk table: the bet cannot be settled. */
    static final String RESULT_INDEX_OUT_OF_RANGE = "result_index_out_of_range";

    /** A result on an outcome of probability q = 0: settled as the chain paid it, but flagged. */
    static final String IMPOSSIBLE_OUTCOME = "impossible_outcome";

    /** A TrialResolved whose TrialRegistered did not come within the pending timeout. */
    static final String RESOLUTION_WITHOUT_REGISTRATION = "resolution_without_registration";

    /** A pool's observed outcome frequencies fail the chi-square test against the qk table. */
    static final String OUTCOME_FREQUENCIES = "outcome_frequencies";

    /** The pool's and vault's fee shares leave less than the vault's minimum burn. */
    static final String FEE_SHARES_EXCEED_LIMIT = "fee_shares_exceed_limit";

    /**
     * A reorg took back a bet older than the retention window: sums are exact, but streaks and the
     * biggest win may keep it.
     */
    static final String REORG_BEYOND_WINDOW = "reorg_beyond_window";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Anomalies() {}

    static ObjectNode details() {
        return JSON.createObjectNode();
    }

    static String id(String kind, String subject) {
        return kind + ":" + subject;
    }

    static TableRow row(
            String kind,
            String subject,
            String poolId,
            String trialId,
            String player,
            String eventId,
            long observedAt,
            ObjectNode details) {
        return CasinoTables.ANOMALIES.row(
                id(kind, subject),
                kind,
                poolId,
                trialId,
                player,
                eventId,
                CasinoTables.time(observedAt),
                details.toString());
    }

    static TableRow deletion(String anomalyId) {
        return CasinoTables.ANOMALIES.deletion(anomalyId);
    }
}
