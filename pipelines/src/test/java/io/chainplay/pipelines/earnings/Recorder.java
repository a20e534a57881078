package io.chainplay.pipelines.earnings;

import java.util.ArrayList;
import java.util.List;

/** Records what a {@link Timeline} reports, for tests. */
final class Recorder implements Effects {
    final List<HistoryRow> history = new ArrayList<>();
    final List<ReconciliationRow> reconciliation = new ArrayList<>();
    final List<BusinessRow> sold = new ArrayList<>();
    final List<DueRecord> dues = new ArrayList<>();
    final List<String> refused = new ArrayList<>();

    @Override
    public void history(HistoryRow row) {
        history.add(row);
    }

    @Override
    public void reconciliation(ReconciliationRow row) {
        reconciliation.add(row);
    }

    @Override
    public void sold(BusinessRow row) {
        sold.add(row);
    }

    @Override
    public void due(DueRecord due) {
        dues.add(due);
    }

    @Override
    public void refused(MafiaEvent event, String reason) {
        refused.add(event.type + ": " + reason);
    }

    List<String> checks() {
        return reconciliation.stream().map(r -> r.check).toList();
    }
}
