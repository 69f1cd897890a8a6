package io.milr.model;

import java.util.HashSet;
import java.util.List;

/**
 * The classes a trained model predicts: class indices {@code 0..classes-1}, and the label each index
 * stands for when the training data had string labels ({@code names.get(k)} is class k; empty when
 * the labels were class indices already).
 */
public record ClassLabels(int classes, List<String> names) {

    public ClassLabels {
        if (classes < 1) {
            throw new IllegalArgumentException("a model has at least one class, found " + classes);
        }
        names = List.copyOf(names);
        if (!names.isEmpty() && names.size() != classes) {
            throw new IllegalArgumentException(names.size() + " class names for " + classes
                    + " classes; expected one per class, or none");
        }
        if (new HashSet<>(names).size() != names.size()) {
            throw new IllegalArgumentException("class names must be distinct: " + names);
        }
    }

    /** Classes that are their own labels (0..classes-1). */
    public static ClassLabels indices(int classes) {
        return new ClassLabels(classes, List.of());
    }
}
