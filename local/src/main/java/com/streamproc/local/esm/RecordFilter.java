package com.streamproc.local.esm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One {@code FilterCriteria} pattern of an event source mapping, matched against a Kinesis record the way Lambda
 * event filtering does: the pattern's {@code data} key applies to the record's data parsed as JSON (a record whose
 * data is not JSON matches no pattern that mentions {@code data}); other keys apply to the record's metadata
 * ({@code partitionKey}, {@code sequenceNumber}, {@code kinesisSchemaVersion}, {@code approximateArrivalTimestamp}).
 *
 * <p>Supported operators: exact values (string, number, boolean, null), {@code prefix}, {@code suffix},
 * {@code equals-ignore-case}, {@code anything-but} (values or a prefix), {@code exists}, {@code numeric}
 * (comparisons, one or two). Arrays in the record match when any element matches.
 */
public final class RecordFilter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode pattern;
    private final boolean usesData;

    private RecordFilter(JsonNode pattern) {
        this.pattern = pattern;
        this.usesData = pattern.has("data");
    }

    /** @throws IllegalArgumentException when the pattern is not a JSON object */
    public static RecordFilter parse(String patternJson) {
        JsonNode node;
        try {
            node = JSON.readTree(patternJson);
        } catch (Exception e) {
            throw new IllegalArgumentException("filter pattern is not JSON: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("filter pattern must be a JSON object");
        }
        return new RecordFilter(node);
    }

    /** No filters: everything matches; otherwise a record must match at least one (filters are OR-ed). */
    public static boolean anyMatches(List<RecordFilter> filters, StreamRecord record) {
        if (filters.isEmpty()) {
            return true;
        }
        for (RecordFilter filter : filters) {
            if (filter.matches(record)) {
                return true;
            }
        }
        return false;
    }

    public boolean matches(StreamRecord record) {
        ObjectNode subject = JSON.createObjectNode();
        subject.put("partitionKey", record.partitionKey());
        subject.put("sequenceNumber", record.sequenceNumber());
        subject.put("kinesisSchemaVersion", "1.0");
        subject.put("approximateArrivalTimestamp", BigDecimal.valueOf(record.approximateArrival().toEpochMilli(), 3));
        if (usesData) {
            try {
                JsonNode data = JSON.readTree(new String(record.data(), StandardCharsets.UTF_8));
                if (data == null || !data.isObject()) {
                    return false;
                }
                subject.set("data", data);
            } catch (Exception notJson) {
                return false;
            }
        }
        return matchObject(pattern, subject);
    }

    private static boolean matchObject(JsonNode pattern, JsonNode subject) {
        Iterator<Map.Entry<String, JsonNode>> fields = pattern.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = subject == null ? null : subject.get(field.getKey());
            JsonNode rule = field.getValue();
            if (rule.isObject()) {
                if (value == null || !value.isObject() || !matchObject(rule, value)) {
                    return false;
                }
            } else if (rule.isArray()) {
                if (!matchAnyRule(rule, value)) {
                    return false;
                }
            } else {
                throw new IllegalArgumentException("filter pattern values must be objects or arrays");
            }
        }
        return true;
    }

    private static boolean matchAnyRule(JsonNode rules, JsonNode value) {
        for (JsonNode rule : rules) {
            if (rule.isObject() && rule.has("exists")) {
                boolean shouldExist = rule.get("exists").asBoolean();
                if (shouldExist == (value != null && !value.isMissingNode())) {
                    return true;
                }
                continue;
            }
            if (value == null) {
                continue;
            }
            if (value.isArray()) {
                for (JsonNode element : value) {
                    if (matchRule(rule, element)) {
                        return true;
                    }
                }
            } else if (matchRule(rule, value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchRule(JsonNode rule, JsonNode value) {
        if (!rule.isObject()) {
            return sameValue(rule, value);
        }
        if (rule.has("prefix")) {
            return value.isTextual() && value.textValue().startsWith(rule.get("prefix").asText());
        }
        if (rule.has("suffix")) {
            return value.isTextual() && value.textValue().endsWith(rule.get("suffix").asText());
        }
        if (rule.has("equals-ignore-case")) {
            return value.isTextual() && value.textValue().equalsIgnoreCase(rule.get("equals-ignore-case").asText());
        }
        if (rule.has("anything-but")) {
            JsonNode excluded = rule.get("anything-but");
            if (excluded.isObject() && excluded.has("prefix")) {
                return value.isTextual() && !value.textValue().startsWith(excluded.get("prefix").asText());
            }
            if (excluded.isArray()) {
                for (JsonNode e : excluded) {
                    if (sameValue(e, value)) {
                        return false;
                    }
                }
                return true;
            }
            return !sameValue(excluded, value);
        }
        if (rule.has("numeric")) {
            return value.isNumber() && numeric(rule.get("numeric"), value.decimalValue());
        }
        throw new IllegalArgumentException("unsupported filter operator " + rule.fieldNames().next());
    }

    private static boolean numeric(JsonNode conditions, BigDecimal number) {
        for (int i = 0; i + 1 < conditions.size(); i += 2) {
            String op = conditions.get(i).asText();
            int cmp = number.compareTo(conditions.get(i + 1).decimalValue());
            boolean ok = switch (op) {
                case "=" -> cmp == 0;
                case "<" -> cmp < 0;
                case "<=" -> cmp <= 0;
                case ">" -> cmp > 0;
                case ">=" -> cmp >= 0;
                default -> throw new IllegalArgumentException("unsupported numeric operator " + op);
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameValue(JsonNode expected, JsonNode actual) {
        if (expected.isNumber() && actual.isNumber()) {
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        return expected.equals(actual);
    }
}
