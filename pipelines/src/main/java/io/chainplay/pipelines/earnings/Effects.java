package io.chainplay.pipelines.earnings;

/**
 * Where {@link Timeline} reports what a player's events and dues produce. The operator sends them
 * to its outputs; a replay after a reorg collects them to compare with what was sent before.
 */
interface Effects {

    void history(HistoryRow row);

    void reconciliation(ReconciliationRow row);

    /** A business sold: its final row. (Active businesses are written as of each round's end.) */
    void sold(BusinessRow row);

    /** A player's scheduled update has come. */
    void due(DueRecord due);

    /** An event that cannot apply to the player's state as it is. */
    void refused(MafiaEvent event, String reason);

    /** Effects that go nowhere: for folding settled events into the window's base. */
    Effects NONE =
            new Effects() {
                @Override
                public void history(HistoryRow row) {}

                @Override
                public void reconciliation(ReconciliationRow row) {}

                @Override
                public void sold(BusinessRow row) {}

                @Override
                public void due(DueRecord due) {}

                @Override
                public void refused(MafiaEvent event, String reason) {}
            };

    /** Counts findings, to pick the order of a slot's transactions that explains them best. */
    final class Score implements Effects {
        int findings;

        @Override
        public void history(HistoryRow row) {}

        @Override
        public void reconciliation(ReconciliationRow row) {
            findings++;
        }

        @Override
        public void sold(BusinessRow row) {}

        @Override
        public void due(DueRecord due) {}

        @Override
        public void refused(MafiaEvent event, String reason) {
            findings += 2; // an order that breaks the state is worse than one that misreports
        }
    }
}
