package com.streamproc.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResultsDocumentTest {
    @Test
    void replacesOnlyTheTextBetweenTheMarkers() {
        String document = "# Benchmarks\n\nmethod\n\n" + ResultsDocument.BEGIN + "\nold results\n"
                + ResultsDocument.END + "\n\n## Analysis\nwhy\n";

        String updated = ResultsDocument.withResults(document, "new results");

        assertThat(updated).isEqualTo("# Benchmarks\n\nmethod\n\n" + ResultsDocument.BEGIN + "\nnew results\n"
                + ResultsDocument.END + "\n\n## Analysis\nwhy\n");
    }

    @Test
    void appendsTheMarkersToADocumentWithoutThem() {
        String updated = ResultsDocument.withResults("# Benchmarks\n", "results\n");

        assertThat(updated).isEqualTo("# Benchmarks\n\n" + ResultsDocument.BEGIN + "\nresults\n"
                + ResultsDocument.END + "\n");
    }

    @Test
    void writingTheSameResultsTwiceChangesNothing() {
        String once = ResultsDocument.withResults("intro\n", "results");

        assertThat(ResultsDocument.withResults(once, "results")).isEqualTo(once);
    }

    @Test
    void refusesRepeatedOrMisorderedMarkers() {
        String repeated = ResultsDocument.BEGIN + "\n" + ResultsDocument.END + "\n" + ResultsDocument.BEGIN + "\n"
                + ResultsDocument.END + "\n";
        String misordered = ResultsDocument.END + "\n" + ResultsDocument.BEGIN + "\n";

        assertThatThrownBy(() -> ResultsDocument.withResults(repeated, "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResultsDocument.withResults(misordered, "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
