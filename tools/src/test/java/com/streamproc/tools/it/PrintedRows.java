package com.streamproc.tools.it;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads printed results back into rows (column → text), whatever the format, so one expectation checks all three.
 * Lists read back as {@code a|b}, as the table and CSV print them; no value reads back as "".
 */
final class PrintedRows {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            .build();

    private PrintedRows() {
    }

    static List<Map<String, String>> parse(String format, String printed) throws Exception {
        return switch (format) {
            case "table" -> table(printed);
            case "csv" -> csv(printed);
            case "json" -> json(printed);
            default -> throw new IllegalArgumentException(format);
        };
    }

    /** Column spans come from the rule line of dashes under the header. */
    private static List<Map<String, String>> table(String printed) {
        List<String> lines = printed.lines().toList();
        String header = lines.get(0);
        String rule = lines.get(1);
        List<int[]> spans = new ArrayList<>();
        int i = 0;
        while (i < rule.length()) {
            if (rule.charAt(i) == '-') {
                int start = i;
                while (i < rule.length() && rule.charAt(i) == '-') {
                    i++;
                }
                spans.add(new int[] {start, i});
            } else {
                i++;
            }
        }
        List<String> names = new ArrayList<>();
        for (int[] span : spans) {
            names.add(cut(header, span, false));
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(2, lines.size())) {
            if (line.matches("\\(\\d+ rows?\\)")) {
                break;
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < spans.size(); c++) {
                row.put(names.get(c), cut(line, spans.get(c), c == spans.size() - 1));
            }
            rows.add(row);
        }
        return rows;
    }

    private static String cut(String line, int[] span, boolean toEnd) {
        if (span[0] >= line.length()) {
            return "";
        }
        return line.substring(span[0], toEnd ? line.length() : Math.min(span[1], line.length())).strip();
    }

    private static List<Map<String, String>> csv(String printed) {
        List<List<String>> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < printed.length(); i++) {
            char c = printed.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < printed.length() && printed.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < printed.length() && printed.charAt(i + 1) == '\n') {
                fields.add(field.toString());
                field.setLength(0);
                records.add(fields);
                fields = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        List<String> names = records.get(0);
        List<Map<String, String>> rows = new ArrayList<>();
        for (List<String> record : records.subList(1, records.size())) {
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < names.size(); c++) {
                row.put(names.get(c), record.get(c));
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<Map<String, String>> json(String printed) throws Exception {
        List<Map<String, String>> rows = new ArrayList<>();
        for (JsonNode object : JSON.readTree(printed)) {
            Map<String, String> row = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode value = field.getValue();
                String text;
                if (value.isNull()) {
                    text = "";
                } else if (value.isArray()) {
                    List<String> items = new ArrayList<>();
                    value.forEach(item -> items.add(item.asText()));
                    text = String.join("|", items);
                } else if (value.isBigDecimal()) {
                    text = value.decimalValue().toPlainString();
                } else {
                    text = value.asText();
                }
                row.put(field.getKey(), text);
            }
            rows.add(row);
        }
        return rows;
    }
}
