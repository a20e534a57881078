package io.chainplay.bench.statefun;

import io.chainplay.bench.Report;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daily-trade benchmark in quick mode (10 players per load): every workflow of both loads ends
 * FILLED through the real runtime, and the report carries the three figures. The figures themselves
 * mean nothing here.
 */
class DailyTradeBenchITCase {

    @Test
    void quickRunFillsEveryWorkflowAndReportsEachFigure() throws Exception {
        Report report = new DailyTradeBench().run(true);

        assertThat(report.figures())
                .extracting(Report.Figure::role)
                .containsExactly(Report.Role.MEASURED, Report.Role.CEILING, Report.Role.BASELINE);
        assertThat(report.figures()).allSatisfy(f -> assertThat(f.value()).isPositive());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        report.print(new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(out.toString(StandardCharsets.UTF_8).lines())
                .filteredOn(
                        l -> l.contains("workflow at 10/s: n=10") || l.contains("workflow burst:"))
                .hasSize(2)
                .allSatisfy(l -> assertThat(l).contains("{FILLED=10}"));
    }
}
