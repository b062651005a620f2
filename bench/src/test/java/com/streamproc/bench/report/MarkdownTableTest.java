package com.streamproc.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MarkdownTableTest {
    @Test
    void rendersHeaderSeparatorAndRowsInOrder() {
        MarkdownTable table = new MarkdownTable("function", "ratio").row("orders", "2.10×").row("activity", 3);

        String rendered = table.render();

        assertThat(rendered).isEqualTo("""
                | function | ratio |
                |---|---|
                | orders | 2.10× |
                | activity | 3 |
                """);
    }

    @Test
    void escapesCellsThatWouldBreakTheTable() {
        MarkdownTable table = new MarkdownTable("value").row("a|b\nc");

        String rendered = table.render();

        assertThat(rendered).endsWith("| a\\|b c |\n");
        assertThat(rendered.lines()).hasSize(3);
    }

    @Test
    void rendersNullCellsEmpty() {
        String rendered = new MarkdownTable("a", "b").row(null, "x").render();

        assertThat(rendered).endsWith("|  | x |\n");
    }

    @Test
    void rejectsARowWithTheWrongNumberOfCells() {
        MarkdownTable table = new MarkdownTable("a", "b");

        assertThatThrownBy(() -> table.row("only one")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 cells").hasMessageContaining("2");
    }
}
