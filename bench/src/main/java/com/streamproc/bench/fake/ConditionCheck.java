package com.streamproc.bench.fake;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The few DynamoDB condition expressions the functions use, evaluated against an item the way DynamoDB does:
 * {@code attribute_not_exists(a)}, {@code attribute_exists(a)} and {@code a = :v}, where {@code a} is a name or a
 * {@code #placeholder}, and a disjunction of those ({@code x OR y}). Anything else is refused loudly, so a benchmark
 * can never pass on a condition it ignored.
 */
public final class ConditionCheck {
    private static final Pattern NOT_EXISTS = Pattern.compile("attribute_not_exists\\(\\s*([#\\w.]+)\\s*\\)");
    private static final Pattern EXISTS = Pattern.compile("attribute_exists\\(\\s*([#\\w.]+)\\s*\\)");
    private static final Pattern EQUALS = Pattern.compile("([#\\w.]+)\\s*=\\s*(:\\w+)");

    private ConditionCheck() {
    }

    /**
     * @param stored the item as stored, or null when there is none
     * @return whether the condition holds
     * @throws UnsupportedOperationException for an expression outside the supported forms
     */
    public static boolean holds(String expression, Map<String, String> names, Map<String, AttributeValue> values,
                                Map<String, AttributeValue> stored) {
        if (expression == null || expression.isBlank()) {
            return true;
        }
        String trimmed = expression.trim();
        if (trimmed.contains(" OR ")) {
            boolean any = false;
            for (String part : trimmed.split(" OR ")) {
                any |= holds(part, names, values, stored);
            }
            return any;
        }
        Matcher m = NOT_EXISTS.matcher(trimmed);
        if (m.matches()) {
            return stored == null || !stored.containsKey(name(m.group(1), names));
        }
        m = EXISTS.matcher(trimmed);
        if (m.matches()) {
            return stored != null && stored.containsKey(name(m.group(1), names));
        }
        m = EQUALS.matcher(trimmed);
        if (m.matches()) {
            AttributeValue expected = values == null ? null : values.get(m.group(2));
            if (expected == null) {
                throw new IllegalArgumentException("no value for " + m.group(2));
            }
            return stored != null && expected.equals(stored.get(name(m.group(1), names)));
        }
        throw new UnsupportedOperationException("condition not supported by the fake: " + trimmed);
    }

    private static String name(String token, Map<String, String> names) {
        if (!token.startsWith("#")) {
            return token;
        }
        String name = names == null ? null : names.get(token);
        if (name == null) {
            throw new IllegalArgumentException("no name for " + token);
        }
        return name;
    }
}
