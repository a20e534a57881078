package io.chainplay.bench.earnings;

import io.chainplay.bench.Report;
import io.chainplay.pipelines.common.RawRecord;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The earnings benchmark at a tiny scale: it runs end to end and its jobs do the work it claims to
 * time (the figures themselves mean nothing here).
 */
class EarningsTimersBenchITCase {

    @Test
    void theEarningsJobFiresOneDuePerPlayerAndAcceptsEveryMove() throws Exception {
        // Large enough that the run outlasts its first checkpoints (200 ms apart) on a fast idle
        // machine too: 2,000 players ended in 1.5 s before any checkpoint had completed.
        int players = 20_000;
        EarningsTimersBench.EarningsRun run = EarningsTimersBench.earnings(players);

        assertThat(run.dues()).as("one due per player in the day").isEqualTo(players);
        // Every event is valid for the game's rules (rates, fees, slots): nothing refused, and the
        // program's own figures (none in this workload) never disagree.
        assertThat(run.deadLetters()).isZero();
        assertThat(run.findings()).isZero();
        assertThat(run.joinRows()).as("every player's row written").isGreaterThanOrEqualTo(players);
        // Every fifth player moves: one row at least for each of them.
        assertThat(run.moveRows()).isGreaterThanOrEqualTo(players / 5);
        assertThat(run.stateBytes())
                .as("a completed checkpoint's state: small per player")
                .isBetween(players * 50L, players * 2_000L);
    }

    @Test
    void theCeilingFiresOneTimerPerKey() throws Exception {
        // rawTimers checks the count itself and fails otherwise.
        assertThat(EarningsTimersBench.rawTimers(2_000)).isPositive();
    }

    @Test
    void theReportHasTheMeasurementItsCeilingAndTheTarget() throws Exception {
        Report report = new EarningsTimersBench().run(true);

        assertThat(report.figures())
                .extracting(Report.Figure::role)
                .containsExactly(Report.Role.MEASURED, Report.Role.CEILING, Report.Role.TARGET);
    }

    @Test
    void theWorkloadGivesEveryPlayerOneToNineBusinessesAndOneDueTheNextDay() {
        MafiaWorkload workload = new MafiaWorkload(1_000, 2);
        List<RawRecord> records = new ArrayList<>();
        for (long i = 0; i < workload.indexes(); i++) {
            workload.generate(i, records::add);
        }

        assertThat(records).hasSize((int) (workload.joinEvents() + workload.moveEvents() + 2));
        assertThat(workload.joinEvents()).isBetween(5_000L, 7_000L); // 1 + 5 on average
        LongStream.range(0, 1_000)
                .forEach(p -> assertThat(MafiaWorkload.businesses(p)).isBetween(1, 9));
    }
}
