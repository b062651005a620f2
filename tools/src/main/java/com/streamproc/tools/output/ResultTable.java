package com.streamproc.tools.output;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Rows of one answer, in the order they are to be printed. Cells are strings, numbers ({@link java.math.BigDecimal},
 * {@link Long}, ...) or {@code null} (no value).
 */
public final class ResultTable {
    private final List<Column> columns;
    private final List<List<Object>> rows = new ArrayList<>();

    public ResultTable(List<Column> columns) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a result needs at least one column");
        }
        this.columns = List.copyOf(columns);
    }

    public ResultTable(Column... columns) {
        this(Arrays.asList(columns));
    }

    /** Appends a row; it must have one cell per column. */
    public ResultTable add(Object... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, expected " + columns.size());
        }
        rows.add(Collections.unmodifiableList(Arrays.asList(cells.clone())));
        return this;
    }

    public List<Column> columns() {
        return columns;
    }

    public List<List<Object>> rows() {
        return Collections.unmodifiableList(rows);
    }

    public int size() {
        return rows.size();
    }

    /** The cell of {@code row} in the column named {@code column}. */
    public Object cell(int row, String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return rows.get(row).get(i);
            }
        }
        throw new IllegalArgumentException("no column " + column);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResultTable other && columns.equals(other.columns) && rows.equals(other.rows);
    }

    @Override
    public int hashCode() {
        return Objects.hash(columns, rows);
    }

    @Override
    public String toString() {
        return "ResultTable" + columns + rows;
    }
}
