package io.chainplay.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a benchmark measured, beside the references measured in the same run (a ceiling: what no
 * implementation can beat here; a baseline: the simple or the replaced design) and the issue's
 * target, printed as ratios so that a slower or faster machine does not change the reading.
 */
public final class Report {

    /** The role of a figure in the report. */
    public enum Role {
        MEASURED,
        CEILING,
        BASELINE,
        TARGET
    }

    /**
     * One figure.
     *
     * @param role what it is
     * @param label what was run
     * @param value the figure
     * @param unit its unit, e.g. {@code events/s}
     */
    public record Figure(Role role, String label, double value, String unit) {}

    private final String benchmark;
    private final List<Figure> figures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public Report(String benchmark) {
        this.benchmark = benchmark;
    }

    public Report add(Role role, String label, double value, String unit) {
        figures.add(new Figure(role, label, value, unit));
        return this;
    }

    public Report note(String note) {
        notes.add(note);
        return this;
    }

    public List<Figure> figures() {
        return List.copyOf(figures);
    }

    /** The first measured figure: what the ratios compare. */
    public Figure measured() {
        return figures.stream()
                .filter(f -> f.role() == Role.MEASURED)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(benchmark + " measured nothing"));
    }

    public void print(PrintStream out) {
        Figure measured = measured();
        int width = figures.stream().mapToInt(f -> f.label().length()).max().orElse(10);
        out.println(benchmark);
        for (Figure f : figures) {
            String ratio =
                    f == measured || f.value() == 0
                            ? ""
                            : String.format(
                                    Locale.ROOT,
                                    "   measured/%s = %.2f",
                                    f.role().name().toLowerCase(Locale.ROOT),
                                    measured.value() / f.value());
            out.printf(
                    Locale.ROOT,
                    "  %-9s %-" + width + "s %,15.0f %s%s%n",
                    f.role().name().toLowerCase(Locale.ROOT),
                    f.label(),
                    f.value(),
                    f.unit(),
                    ratio);
        }
        for (String note : notes) {
            out.println("  " + note);
        }
    }
}
