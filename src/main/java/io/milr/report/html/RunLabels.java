package io.milr.report.html;

import io.milr.report.RunMetrics;

import java.util.ArrayList;
import java.util.List;

/** The names runs go by in legends and tables: their directory names, numbered where two are alike. */
final class RunLabels {
    private RunLabels() {
    }

    static List<String> of(List<RunMetrics> runs) {
        List<String> labels = new ArrayList<>();
        for (int run = 0; run < runs.size(); run++) {
            String name = runs.get(run).name();
            long alike = runs.stream().filter(r -> r.name().equals(name)).count();
            labels.add(alike > 1 ? name + " #" + (run + 1) : name);
        }
        return List.copyOf(labels);
    }
}
