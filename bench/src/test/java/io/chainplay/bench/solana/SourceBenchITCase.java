package io.chainplay.bench.solana;

import io.chainplay.bench.Report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The connector benchmark still runs end to end (a short range; the figures mean nothing here). */
class SourceBenchITCase {

    @Test
    void measuresTheSourceAndBothReferences() throws Exception {
        Report report = new SourceBench().run(true);

        assertThat(report.figures())
                .extracting(Report.Figure::role)
                .containsExactly(Report.Role.MEASURED, Report.Role.CEILING, Report.Role.BASELINE);
        assertThat(report.figures()).allSatisfy(f -> assertThat(f.value()).isPositive());
    }
}
