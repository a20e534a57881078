package io.chainplay.pipelines.casino;

import java.util.ArrayList;
import java.util.List;

/**
 * Pearson's chi-square goodness-of-fit test of observed outcome counts against a qk table's
 * probabilities.
 *
 * <p>Outcomes with q = 0 are left out (a hit on one is its own anomaly); the other q are normalised
 * to sum to 1. Cells whose expected count is below 5 are pooled, the textbook condition for the
 * chi-square approximation. The p-value is the upper regularized incomplete gamma function Q(df/2,
 * x/2), by series or continued fraction (Numerical Recipes, 6.2).
 */
final class ChiSquare {

    /**
     * A test's result.
     *
     * @param bets observed bets on outcomes with q &gt; 0
     * @param statistic the chi-square statistic
     * @param degreesOfFreedom cells after pooling, minus one; 0 when there is nothing to test
     * @param pValue the chance of a statistic at least this large for a fair pool; 1 if untested
     */
    record Result(long bets, double statistic, int degreesOfFreedom, double pValue) {}

    private ChiSquare() {}

    /** Tests counts per outcome against the q of a flattened qk table (q0, k0, q1, k1, ...). */
    static Result test(long[] observed, double[] qk) {
        int outcomes = qk.length / 2;
        double qTotal = 0;
        long n = 0;
        for (int i = 0; i < outcomes; i++) {
            if (qk[2 * i] > 0) {
                qTotal += qk[2 * i];
                n += i < observed.length ? observed[i] : 0;
            }
        }
        if (n == 0 || qTotal <= 0) {
            return new Result(n, 0, 0, 1);
        }
        // Cells of (expected, observed), small expected ones pooled together.
        List<double[]> cells = new ArrayList<>();
        double[] pooled = {0, 0};
        for (int i = 0; i < outcomes; i++) {
            double q = qk[2 * i];
            if (q <= 0) {
                continue;
            }
            double expected = n * q / qTotal;
            long o = i < observed.length ? observed[i] : 0;
            if (expected < 5) {
                pooled[0] += expected;
                pooled[1] += o;
            } else {
                cells.add(new double[] {expected, o});
            }
        }
        if (pooled[0] > 0) {
            if (pooled[0] >= 5 || cells.isEmpty()) {
                cells.add(pooled);
            } else {
                // Still too small: merged into the smallest remaining cell.
                double[] smallest = cells.get(0);
                for (double[] c : cells) {
                    if (c[0] < smallest[0]) {
                        smallest = c;
                    }
                }
                smallest[0] += pooled[0];
                smallest[1] += pooled[1];
            }
        }
        int df = cells.size() - 1;
        if (df < 1) {
            return new Result(n, 0, 0, 1);
        }
        double statistic = 0;
        for (double[] c : cells) {
            double d = c[1] - c[0];
            statistic += d * d / c[0];
        }
        return new Result(n, statistic, df, upperGamma(df / 2.0, statistic / 2.0));
    }

    /** Q(a, x) = Γ(a, x) / Γ(a). */
    static double upperGamma(double a, double x) {
        if (x <= 0) {
            return 1;
        }
        if (x < a + 1) {
            return Math.max(0, 1 - lowerSeries(a, x));
        }
        return continuedFraction(a, x);
    }

    private static double lowerSeries(double a, double x) {
        double ap = a;
        double sum = 1 / a;
        double del = sum;
        for (int i = 0; i < 1000; i++) {
            ap += 1;
            del *= x / ap;
            sum += del;
            if (Math.abs(del) < Math.abs(sum) * 1e-15) {
                break;
            }
        }
        return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
    }

    private static double continuedFraction(double a, double x) {
        double tiny = 1e-300;
        double b = x + 1 - a;
        double c = 1 / tiny;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i < 1000; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.abs(d) < tiny) {
                d = tiny;
            }
            c = b + an / c;
            if (Math.abs(c) < tiny) {
                c = tiny;
            }
            d = 1 / d;
            double del = d * c;
            h *= del;
            if (Math.abs(del - 1) < 1e-15) {
                break;
            }
        }
        return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
    }

    /** ln Γ(x), Lanczos (g = 7, n = 9). */
    static double logGamma(double x) {
        double[] g = {
            0.99999999999980993,
            676.5203681218851,
            -1259.1392167224028,
            771.32342877765313,
            -176.61502916214059,
            12.507343278686905,
            -0.13857109526572012,
            9.9843695780195716e-6,
            1.5056327351493116e-7
        };
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        x -= 1;
        double sum = g[0];
        for (int i = 1; i < g.length; i++) {
            sum += g[i] / (x + i);
        }
        double t = x + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(sum);
    }
}
