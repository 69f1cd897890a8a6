package io.milr.spark;

import io.milr.heads.Head;
import io.milr.mi.JointHistogram;
import io.milr.mi.MiResult;

/** One head's merged table and the MI computed from it. */
public record HeadMeasurement(Head head, JointHistogram table, MiResult mi) {
}
