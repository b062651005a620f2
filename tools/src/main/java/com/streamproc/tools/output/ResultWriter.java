package com.streamproc.tools.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/** Prints a {@link ResultTable} as an aligned table, CSV (RFC 4180) or a JSON array of objects. */
public final class ResultWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultWriter() {
    }

    public static void write(ResultTable result, OutputFormat format, PrintWriter out) {
        switch (format) {
            case TABLE -> table(result, out);
            case CSV -> csv(result, out);
            case JSON -> json(result, out);
        }
        out.flush();
    }

    /** Columns padded to their widest cell, separated by two spaces; numbers right-aligned. */
    static void table(ResultTable result, PrintWriter out) {
        List<Column> columns = result.columns();
        int[] widths = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            widths[i] = columns.get(i).name().length();
        }
        for (List<Object> row : result.rows()) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], text(row.get(i)).length());
            }
        }
        StringBuilder header = new StringBuilder();
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            appendCell(header, columns.get(i).name(), widths[i], columns.get(i).numeric(), i == columns.size() - 1);
            appendCell(rule, "-".repeat(widths[i]), widths[i], false, i == columns.size() - 1);
        }
        out.println(header.toString().stripTrailing());
        out.println(rule.toString().stripTrailing());
        for (List<Object> row : result.rows()) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                appendCell(line, text(row.get(i)), widths[i], columns.get(i).numeric(), i == row.size() - 1);
            }
            out.println(line.toString().stripTrailing());
        }
        out.println("(" + result.size() + (result.size() == 1 ? " row)" : " rows)"));
    }

    private static void appendCell(StringBuilder line, String value, int width, boolean right, boolean last) {
        String pad = " ".repeat(width - value.length());
        if (right) {
            line.append(pad).append(value);
        } else {
            line.append(value);
            if (!last) {
                line.append(pad);
            }
        }
        if (!last) {
            line.append("  ");
        }
    }

    static void csv(ResultTable result, PrintWriter out) {
        StringBuilder header = new StringBuilder();
        for (int i = 0; i < result.columns().size(); i++) {
            if (i > 0) {
                header.append(',');
            }
            header.append(csvField(result.columns().get(i).name()));
        }
        // RFC 4180 line ends are CRLF.
        out.print(header);
        out.print("\r\n");
        for (List<Object> row : result.rows()) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    line.append(',');
                }
                line.append(csvField(row.get(i) == null ? "" : text(row.get(i))));
            }
            out.print(line);
            out.print("\r\n");
        }
    }

    private static String csvField(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    static void json(ResultTable result, PrintWriter out) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (List<Object> row : result.rows()) {
            ObjectNode object = array.addObject();
            for (int i = 0; i < row.size(); i++) {
                put(object, result.columns().get(i), row.get(i));
            }
        }
        try {
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(array));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static void put(ObjectNode object, Column column, Object value) {
        String name = column.name();
        if (value == null) {
            object.putNull(name);
        } else if (value instanceof BigDecimal decimal) {
            object.put(name, decimal);
        } else if (value instanceof BigInteger integer) {
            object.put(name, integer);
        } else if (value instanceof Long || value instanceof Integer) {
            object.put(name, ((Number) value).longValue());
        } else if (value instanceof Boolean bool) {
            object.put(name, bool);
        } else if (value instanceof List<?> list) {
            ArrayNode array = object.putArray(name);
            list.forEach(item -> array.add(String.valueOf(item)));
        } else {
            object.put(name, value.toString());
        }
    }

    /** The text of a cell in tables and CSV: empty for no value, plain notation for decimals, lists joined by "|". */
    static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof List<?> list) {
            return String.join("|", list.stream().map(String::valueOf).toList());
        }
        return value.toString();
    }
}
