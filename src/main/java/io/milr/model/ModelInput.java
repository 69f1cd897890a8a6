package io.milr.model;

import io.milr.data.ImageShape;

import java.util.HashSet;
import java.util.List;

/**
 * What a trained model takes as input: the number of features, the image shape they are read as
 * (row-major; {@link ImageShape#flat} for a plain vector), and the names of the feature columns they
 * come from, in order, when a DataFrame source named them (empty otherwise).
 */
public record ModelInput(int numFeatures, ImageShape shape, List<String> featureColumns) {

    public ModelInput {
        if (numFeatures < 1) {
            throw new IllegalArgumentException("a model takes at least one feature, found " + numFeatures);
        }
        if (shape.pixels() != numFeatures) {
            throw new IllegalArgumentException("the image shape " + shape + " has " + shape.pixels() + " pixels, not "
                    + numFeatures + " features");
        }
        featureColumns = List.copyOf(featureColumns);
        if (!featureColumns.isEmpty() && featureColumns.size() != numFeatures) {
            throw new IllegalArgumentException(featureColumns.size() + " feature column names for " + numFeatures
                    + " features; expected one per feature, or none");
        }
        if (featureColumns.stream().anyMatch(String::isBlank) || new HashSet<>(featureColumns).size() != featureColumns.size()) {
            throw new IllegalArgumentException("feature column names must be distinct and not blank: " + featureColumns);
        }
    }

    /** Features without column names (files, not DataFrame columns). */
    public static ModelInput of(int numFeatures, ImageShape shape) {
        return new ModelInput(numFeatures, shape, List.of());
    }
}
