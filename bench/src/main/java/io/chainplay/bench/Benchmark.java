package io.chainplay.bench;

/** One benchmark of {@code ./chainplay bench}: measures, with its references, in one run. */
public interface Benchmark {

    /** The name to run it by, e.g. {@code solana-decode}. */
    String name();

    /** One line: what is measured, and in what unit. */
    String description();

    /**
     * Runs the benchmark and its references.
     *
     * @param quick a short run that only shows the benchmark works (for tests), not figures
     */
    Report run(boolean quick) throws Exception;
}
