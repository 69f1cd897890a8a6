package io.milr.mi;

/** A partial result that combines with another of its kind: merging partials equals one pass over all the data. */
public interface Mergeable<T extends Mergeable<T>> {
    /** Adds {@code other} into this one and returns this. */
    T merge(T other);
}
