package io.chainplay.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTest {

    @Test
    void printsEachReferenceWithTheRatioOfTheMeasuredFigureToIt() {
        Report report =
                new Report("demo")
                        .add(Report.Role.MEASURED, "ours", 500_000, "events/s")
                        .add(Report.Role.CEILING, "memcpy", 2_000_000, "events/s")
                        .add(Report.Role.BASELINE, "naive", 100_000, "events/s")
                        .note("a note");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        report.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("measured/ceiling = 0.25");
        assertThat(text).contains("measured/baseline = 5.00");
        assertThat(text).contains("500,000 events/s");
        assertThat(text).contains("a note");
    }
}
