package io.milr.mi;

/** Entropies and mutual information of a {@link JointHistogram} (METHOD.md section 2), in nats. */
public final class MutualInformation {

    private MutualInformation() {
    }

    /**
     * I(P; Y) = H(P) + H(Y) - H(P, Y) and its normalisation I / H(Y).
     *
     * @throws SingleClassException if the table is empty or all its labels are one class
     */
    public static MiResult of(JointHistogram table, MiEstimator estimator) {
        if (table == null || estimator == null) {
            throw new IllegalArgumentException("table and estimator must not be null");
        }
        long[] labelTotals = table.labelTotals();
        requireTwoLabels(labelTotals);
        long n = table.total();
        double hY = entropy(labelTotals, n, estimator);
        double hP = entropy(table.predictedTotals(), n, estimator);
        double hPY = entropy(flatten(table.toArray()), n, estimator);
        // 0 <= I <= min(H(P), H(Y)) holds exactly for both estimators; the clamp only removes round-off
        // (and keeps miNorm in [0, 1]) except for Miller-Madow's lower bound, which its correction can cross.
        double mi = Math.max(0.0, Math.min(hP + hY - hPY, Math.min(hP, hY)));
        return new MiResult(n, hY, hP, hPY, mi, mi / hY);
    }

    /** Plug-in entropy -sum p ln p of a distribution given as counts (not all zero). */
    public static double entropy(long[] counts) {
        if (counts == null) {
            throw new IllegalArgumentException("counts must not be null");
        }
        long n = 0;
        for (long c : counts) {
            if (c < 0) {
                throw new IllegalArgumentException("counts must be non-negative, found " + c);
            }
            n += c;
        }
        if (n == 0) {
            throw new IllegalArgumentException("the entropy of an empty distribution (all counts 0) is undefined");
        }
        return plugInEntropy(counts, n);
    }

    /** The Miller-Madow bias correction (m - 1) / (2N), m = number of non-empty cells. */
    private static double millerMadowCorrection(long[] counts, long n) {
        long nonEmpty = 0;
        for (long c : counts) {
            if (c > 0) {
                nonEmpty++;
            }
        }
        return (nonEmpty - 1) / (2.0 * n);
    }

    private static double entropy(long[] counts, long n, MiEstimator estimator) {
        double h = plugInEntropy(counts, n);
        return switch (estimator) {
            case PLUGIN -> h;
            case MILLER_MADOW -> h + millerMadowCorrection(counts, n);
        };
    }

    private static double plugInEntropy(long[] counts, long n) {
        double h = 0.0;
        for (long c : counts) {
            if (c > 0) {
                double p = (double) c / n;
                h -= p * Math.log(p);
            }
        }
        return h;
    }

    private static void requireTwoLabels(long[] labelTotals) {
        long n = 0;
        int labelsSeen = 0;
        int lastLabel = -1;
        for (int y = 0; y < labelTotals.length; y++) {
            if (labelTotals[y] > 0) {
                n += labelTotals[y];
                labelsSeen++;
                lastLabel = y;
            }
        }
        if (labelsSeen == 0) {
            throw SingleClassException.emptyTable();
        }
        if (labelsSeen == 1) {
            throw SingleClassException.singleLabel(n, lastLabel);
        }
    }

    private static long[] flatten(long[][] table) {
        int k = table.length;
        long[] cells = new long[k * k];
        for (int p = 0; p < k; p++) {
            System.arraycopy(table[p], 0, cells, p * k, k);
        }
        return cells;
    }
}
