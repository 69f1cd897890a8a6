package io.milr.data;

/**
 * Input data is not what milr expects: a missing or malformed IDX file, or a label outside the
 * range a model was built for. The message is meant for the user and starts with the offending
 * location (a file URI, a path prefix or an example index).
 */
public final class DataFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String location;
    private final String problem;
    private final int partition;
    private final long rowInPartition;

    public DataFormatException(String location, String problem) {
        this(location, problem, -1, -1);
    }

    private DataFormatException(String location, String problem, int partition, long rowInPartition) {
        super(location + (partition >= 0 ? " partition " + partition + " row " + rowInPartition : "") + ": " + problem);
        this.location = location;
        this.problem = problem;
        this.partition = partition;
        this.rowInPartition = rowInPartition;
    }

    /**
     * A problem in a row of a table, known to its task by the row's place in its partition only; a
     * check pass turns that into the row's number in the data set ({@link DataProblem}).
     */
    public static DataFormatException inRow(String location, int partition, long rowInPartition, String problem) {
        return new DataFormatException(location, problem, partition, rowInPartition);
    }

    /** As a problem to report from a check pass, found in {@code partition}. */
    public DataProblem toProblem(int partition) {
        return new DataProblem(partition, rowInPartition, location, problem);
    }

    public DataFormatException(String location, String problem, Throwable cause) {
        super(location + ": " + problem, cause);
        this.location = location;
        this.problem = problem;
        this.partition = -1;
        this.rowInPartition = -1;
    }

    /** Where the problem was found: a file URI, a path prefix or an example index. */
    public String location() {
        return location;
    }
}
