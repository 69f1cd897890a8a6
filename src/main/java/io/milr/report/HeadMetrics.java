package io.milr.report;

/**
 * One head's reading in a {@code metrics.jsonl} line: examples counted, H(Y), MI and normalised MI
 * in nats, and its K x K table (rows = predicted class, columns = true class).
 */
public record HeadMetrics(String name, int layer, long n, double hY, double mi, double miNorm, long[][] table) {
    public HeadMetrics {
        table = copy(table);
    }

    @Override
    public long[][] table() {
        return copy(table);
    }

    public boolean output() {
        return name.equals("output");
    }

    private static long[][] copy(long[][] table) {
        long[][] copy = new long[table.length][];
        for (int row = 0; row < table.length; row++) {
            copy[row] = table[row].clone();
        }
        return copy;
    }
}
