package com.streamproc.emulators;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates CloudFormation intrinsic functions (in the long form {@link CloudFormationYaml} produces) with the
 * values the local stack knows: parameters, pseudo parameters (stack name {@value TemplateResources#LOCAL_STACK_NAME}),
 * the physical names of tables, streams, queues and functions, and their ARNs.
 *
 * <p>{@code Ref} to a parameter gives its value, to a table, stream or function its physical name, to a queue its
 * URL, to {@code AWS::NoValue} {@link #NO_VALUE} (the property is removed from the enclosing mapping or list).
 * {@code Fn::GetAtt X.Arn} gives the local ARN of streams, tables, queues and functions; {@code X.QueueName} a
 * queue's name. {@code Fn::Sub}, {@code Fn::Join}, {@code Fn::Select}, {@code Fn::If} and the condition functions
 * are evaluated. Only resources with a physical name (see {@link #name}) resolve. What cannot be known locally
 * (other attributes, {@code Fn::ImportValue}, ...) stays as it was and only fails where a caller needs the value.
 */
public final class TemplateValues {
    /** Marker for {@code AWS::NoValue}: the property is removed. */
    public static final Object NO_VALUE = new Object();
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    private final String source;
    private final String region;
    private final String account;
    private final Map<String, String> parameters;
    private final Map<String, Object> conditions;
    private final Map<String, Map<String, Object>> resources;
    private final Map<String, String> physicalNames;
    private final Map<String, Boolean> evaluated = new HashMap<>();

    /**
     * @param parameters    parameter values in use
     * @param conditions    the template's {@code Conditions}
     * @param resources     the template's {@code Resources} (for their types)
     * @param physicalNames logical id to local physical name (tables, streams, queues, functions)
     */
    public TemplateValues(String region, String account, Map<String, String> parameters,
                          Map<String, Object> conditions, Map<String, Map<String, Object>> resources,
                          Map<String, String> physicalNames) {
        this(null, region, account, parameters, conditions, resources, physicalNames);
    }

    /** As {@link #TemplateValues(String, String, Map, Map, Map, Map)}; {@code source} prefixes error messages. */
    public TemplateValues(String source, String region, String account, Map<String, String> parameters,
                          Map<String, Object> conditions, Map<String, Map<String, Object>> resources,
                          Map<String, String> physicalNames) {
        this.source = source;
        this.region = region;
        this.account = account;
        this.parameters = new LinkedHashMap<>(parameters);
        this.conditions = conditions;
        this.resources = resources;
        this.physicalNames = new LinkedHashMap<>(physicalNames);
    }

    /** Adds (or replaces) a physical name, e.g. of a function once its name is resolved. */
    public void name(String logicalId, String physicalName) {
        physicalNames.put(logicalId, physicalName);
    }

    /** In the order they were named. */
    public Map<String, String> physicalNames() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(physicalNames));
    }

    /** The {@code Type} of a resource, or null when the template has no such resource. */
    public String typeOf(String logicalId) {
        Map<String, Object> resource = resources.get(logicalId);
        return resource == null ? null : String.valueOf(resource.get("Type"));
    }

    /** The value with every intrinsic function that resolves locally replaced by its value. */
    public Object resolve(Object value) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                Map.Entry<?, ?> entry = map.entrySet().iterator().next();
                String key = String.valueOf(entry.getKey());
                if (key.equals("Ref") || key.equals("Condition") || key.startsWith("Fn::")) {
                    return function(key, entry.getValue(), map);
                }
            }
            Map<String, Object> resolved = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                Object r = resolve(v);
                if (r != NO_VALUE) {
                    resolved.put(String.valueOf(k), r);
                }
            });
            return resolved;
        }
        if (value instanceof List<?> list) {
            List<Object> resolved = new ArrayList<>();
            for (Object item : list) {
                Object r = resolve(item);
                if (r != NO_VALUE) {
                    resolved.add(r);
                }
            }
            return resolved;
        }
        return value;
    }

    /** The logical id a {@code !Ref X} or {@code !GetAtt X.Attr} names, or null. */
    public static String referencedLogicalId(Object value) {
        if (value instanceof Map<?, ?> map && map.size() == 1) {
            Object ref = map.get("Ref");
            if (ref instanceof String s) {
                return s;
            }
            Object getAtt = map.get("Fn::GetAtt");
            if (getAtt instanceof List<?> parts && !parts.isEmpty()) {
                return String.valueOf(parts.get(0));
            }
            if (getAtt instanceof String s) {
                int dot = s.indexOf('.');
                return dot < 0 ? s : s.substring(0, dot);
            }
        }
        return null;
    }

    /** The value of a named condition of the template, failing when it is unknown or does not resolve locally. */
    public boolean condition(String name) {
        Boolean known = evaluated.get(name);
        if (known != null) {
            return known;
        }
        if (!conditions.containsKey(name)) {
            throw new IllegalArgumentException(prefix() + "unknown condition " + name);
        }
        evaluated.put(name, Boolean.FALSE); // guards against cycles
        Object value = resolve(conditions.get(name));
        if (!(value instanceof Boolean result)) {
            throw new IllegalArgumentException(prefix() + "cannot evaluate condition " + name
                    + " locally: " + conditions.get(name));
        }
        evaluated.put(name, result);
        return result;
    }

    /** A string, number or boolean: what a resolved value must be to be used as text. */
    public static boolean isScalar(Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean;
    }

    private Object function(String key, Object argument, Map<?, ?> original) {
        switch (key) {
            case "Ref": {
                Object name = resolve(argument);
                Object value = name instanceof String s ? reference(s) : null;
                return value == null ? original : value;
            }
            case "Fn::Sub":
                return sub(argument, original);
            case "Fn::GetAtt":
                return getAtt(argument, original);
            case "Fn::Join": {
                if (!(argument instanceof List<?> args) || args.size() != 2) {
                    return original;
                }
                Object delimiter = resolve(args.get(0));
                Object items = resolve(args.get(1));
                if (!(delimiter instanceof String d) || !(items instanceof List<?> parts)
                        || !parts.stream().allMatch(TemplateValues::isScalar)) {
                    return original;
                }
                return String.join(d, parts.stream().map(String::valueOf).toList());
            }
            case "Fn::Select": {
                if (!(argument instanceof List<?> args) || args.size() != 2) {
                    return original;
                }
                Object index = resolve(args.get(0));
                Object items = resolve(args.get(1));
                if (items instanceof String s) {
                    items = List.of(s.split(","));
                }
                if (isScalar(index) && items instanceof List<?> list) {
                    int i = Integer.parseInt(String.valueOf(index).trim());
                    return i >= 0 && i < list.size() ? list.get(i) : original;
                }
                return original;
            }
            case "Fn::If": {
                if (!(argument instanceof List<?> args) || args.size() != 3) {
                    return original;
                }
                return condition(conditionName(args.get(0), "Fn::If")) ? resolve(args.get(1)) : resolve(args.get(2));
            }
            case "Condition":
                return condition(conditionName(argument, "Condition"));
            case "Fn::Equals": {
                if (!(argument instanceof List<?> args) || args.size() != 2) {
                    return original;
                }
                Object left = resolve(args.get(0));
                Object right = resolve(args.get(1));
                if (!isScalar(left) || !isScalar(right)) {
                    return original;
                }
                return String.valueOf(left).equals(String.valueOf(right));
            }
            case "Fn::Not":
            case "Fn::And":
            case "Fn::Or": {
                List<?> args = argument instanceof List<?> l ? l : List.of();
                List<Boolean> values = new ArrayList<>();
                for (Object arg : args) {
                    Object r = resolve(arg);
                    if (!(r instanceof Boolean b)) {
                        return original;
                    }
                    values.add(b);
                }
                if (key.equals("Fn::Not")) {
                    return values.size() == 1 ? !values.get(0) : original;
                }
                return key.equals("Fn::And") ? !values.contains(false) : values.contains(true);
            }
            default:
                return original;
        }
    }

    private String conditionName(Object value, String where) {
        Object resolved = resolve(value);
        if (!isScalar(resolved)) {
            throw new IllegalArgumentException(prefix() + where + " must be a string that resolves locally, got "
                    + value);
        }
        return String.valueOf(resolved);
    }

    /** Value of a Ref / ${} name, or null when it cannot be known locally. */
    private Object reference(String name) {
        switch (name) {
            case "AWS::Region":
                return region;
            case "AWS::AccountId":
                return account;
            case "AWS::StackName":
                return TemplateResources.LOCAL_STACK_NAME;
            case "AWS::Partition":
                return "aws";
            case "AWS::URLSuffix":
                return "amazonaws.com";
            case "AWS::NoValue":
                return NO_VALUE;
            default:
                if (parameters.containsKey(name)) {
                    return parameters.get(name);
                }
                if ("AWS::SQS::Queue".equals(typeOf(name)) && physicalNames.containsKey(name)) {
                    return "http://sqs." + region + ".localhost/" + account + "/" + physicalNames.get(name);
                }
                return physicalNames.get(name);
        }
    }

    private Object getAtt(Object argument, Object original) {
        List<?> parts = argument instanceof List<?> l ? l
                : argument instanceof String s ? List.of(s.split("\\.", 2)) : List.of();
        if (parts.size() != 2) {
            return original;
        }
        String logicalId = String.valueOf(parts.get(0));
        String attribute = String.valueOf(resolve(parts.get(1)));
        String name = physicalNames.get(logicalId);
        String type = typeOf(logicalId);
        if (name == null || type == null) {
            return original;
        }
        if (attribute.equals("Arn")) {
            return switch (type) {
                case TemplateResources.STREAM_TYPE -> "arn:aws:kinesis:" + region + ":" + account + ":stream/" + name;
                case TemplateResources.TABLE_TYPE -> "arn:aws:dynamodb:" + region + ":" + account + ":table/" + name;
                case "AWS::SQS::Queue" -> "arn:aws:sqs:" + region + ":" + account + ":" + name;
                case "AWS::Serverless::Function", "AWS::Lambda::Function" ->
                        "arn:aws:lambda:" + region + ":" + account + ":function:" + name;
                default -> original;
            };
        }
        if (attribute.equals("QueueName") && type.equals("AWS::SQS::Queue")) {
            return name;
        }
        return original;
    }

    private Object sub(Object argument, Object original) {
        String text;
        Map<?, ?> variables = Map.of();
        if (argument instanceof String s) {
            text = s;
        } else if (argument instanceof List<?> list && list.size() == 2 && list.get(0) instanceof String s
                && list.get(1) instanceof Map<?, ?> vars) {
            text = s;
            variables = vars;
        } else {
            return original;
        }
        Matcher matcher = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String variable = matcher.group(1).trim();
            String replacement;
            if (variable.startsWith("!")) {
                replacement = "${" + variable.substring(1) + "}";
            } else {
                Object value;
                if (variables.containsKey(variable)) {
                    value = resolve(variables.get(variable));
                } else if (variable.contains(".")) {
                    String[] parts = variable.split("\\.", 2);
                    value = getAtt(List.of(parts[0], parts[1]), null);
                } else {
                    value = reference(variable);
                }
                if (!isScalar(value)) {
                    return original;
                }
                replacement = String.valueOf(value);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private String prefix() {
        return source == null ? "" : source + ": ";
    }
}
