package io.milr.data;

import java.io.Serializable;

/**
 * Bad data a task found, kept to be reported once by the driver. A problem found in a row of a table
 * knows the row only within its partition ({@code rowInPartition >= 0}); the driver, which knows
 * every partition's size, turns that into the row's number in the data set. A text reader's problem
 * names its file and line already ({@code rowInPartition < 0}).
 *
 * @param where what the message starts with (a file and line, or a table and file)
 * @param what  what was found and what was expected
 */
public record DataProblem(int partition, long rowInPartition, String where, String what) implements Serializable {

    /** The exception the user sees: {@code where [row N]: what}, N counted from 0 in read order. */
    public DataFormatException toException(long partitionFirstRow) {
        String location = rowInPartition < 0 ? where : where + " row " + (partitionFirstRow + rowInPartition);
        return new DataFormatException(location, what);
    }
}
