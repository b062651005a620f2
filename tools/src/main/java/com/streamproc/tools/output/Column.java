package com.streamproc.tools.output;

/**
 * One column of a result.
 *
 * @param name    header (table and CSV) and property name (JSON)
 * @param numeric numbers are right-aligned in tables and written as JSON numbers
 */
public record Column(String name, boolean numeric) {
    public static Column text(String name) {
        return new Column(name, false);
    }

    public static Column number(String name) {
        return new Column(name, true);
    }
}
