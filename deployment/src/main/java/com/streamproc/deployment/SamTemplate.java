package com.streamproc.deployment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A CloudFormation/SAM template read into plain maps and lists.
 *
 * <p>Short-form intrinsics become their long (JSON) form, so code handles both spellings alike: {@code !Ref X} →
 * {@code {Ref: X}}, {@code !GetAtt A.B} → {@code {Fn::GetAtt: [A, B]}}, {@code !Sub s} → {@code {Fn::Sub: s}},
 * {@code !If [c, a, b]} → {@code {Fn::If: [c, a, b]}}, and so on. Duplicate keys are rejected, as CloudFormation
 * rejects them.
 */
public final class SamTemplate {
    public static final String FUNCTION_TYPE = "AWS::Serverless::Function";
    public static final String EVENT_SOURCE_MAPPING_TYPE = "AWS::Lambda::EventSourceMapping";

    private static final List<String> FN_TAGS = List.of("Sub", "GetAtt", "If", "Equals", "Not", "And", "Or",
            "Select", "Join", "Split", "FindInMap", "Base64", "Cidr", "GetAZs", "ImportValue", "Transform",
            "ToJsonString", "Length");
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^!}][^}]*)}");

    private final Map<String, Object> root;

    private SamTemplate(Map<String, Object> root) {
        this.root = root;
    }

    public static SamTemplate load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    public static SamTemplate parse(String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Object document = new Yaml(new IntrinsicConstructor(options)).load(yaml);
        if (!(document instanceof Map<?, ?> map) || !(map.get("Resources") instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("not a CloudFormation template: no Resources mapping");
        }
        return new SamTemplate(asMap(document));
    }

    public Map<String, Object> root() {
        return root;
    }

    public Map<String, Object> resources() {
        return asMap(root.get("Resources"));
    }

    /** @throws IllegalArgumentException when there is no such resource */
    public Map<String, Object> resource(String logicalId) {
        Object resource = resources().get(logicalId);
        if (resource == null) {
            throw new IllegalArgumentException("no resource " + logicalId);
        }
        return asMap(resource);
    }

    public boolean hasResource(String logicalId) {
        return resources().containsKey(logicalId);
    }

    public String typeOf(String logicalId) {
        return (String) resource(logicalId).get("Type");
    }

    public Map<String, Object> properties(String logicalId) {
        Object properties = resource(logicalId).get("Properties");
        return properties == null ? Map.of() : asMap(properties);
    }

    /** Logical ids of the resources of {@code type}, in template order. */
    public List<String> logicalIdsOfType(String type) {
        List<String> ids = new ArrayList<>();
        resources().forEach((id, resource) -> {
            if (type.equals(asMap(resource).get("Type"))) {
                ids.add(id);
            }
        });
        return ids;
    }

    public Map<String, Object> functionGlobals() {
        Object globals = root.get("Globals");
        if (globals == null) {
            return Map.of();
        }
        Object function = asMap(globals).get("Function");
        return function == null ? Map.of() : asMap(function);
    }

    /**
     * A function's property as SAM deploys it: the function's own value merged over {@code Globals.Function} (maps
     * merge key by key with the function winning, lists concatenate, anything else the function's value wins).
     *
     * @return the value, or {@code null} when neither sets it
     */
    public Object effectiveFunctionProperty(String functionId, String name) {
        Object global = functionGlobals().get(name);
        Object own = properties(functionId).get(name);
        return mergeGlobal(global, own);
    }

    /** The function's environment variables, Globals included. */
    public Map<String, Object> effectiveEnvironment(String functionId) {
        Object environment = effectiveFunctionProperty(functionId, "Environment");
        if (environment == null) {
            return Map.of();
        }
        Object variables = asMap(environment).get("Variables");
        return variables == null ? Map.of() : asMap(variables);
    }

    /** Each parameter's {@code Default}, as a string (parameters without one are left out). */
    public Map<String, String> parameterDefaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        Object parameters = root.get("Parameters");
        if (parameters != null) {
            asMap(parameters).forEach((name, declaration) -> {
                Object value = asMap(declaration).get("Default");
                if (value != null) {
                    defaults.put(name, String.valueOf(value));
                }
            });
        }
        return defaults;
    }

    /**
     * Resolves a string-valued property that uses only parameters: a plain string, {@code !Ref Parameter} or
     * {@code !Sub} with {@code ${Parameter}} variables.
     *
     * @throws IllegalArgumentException when it refers to anything but the given parameters
     */
    public static String resolveString(Object value, Map<String, String> parameters) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Map<?, ?> map && map.size() == 1) {
            if (map.get("Ref") instanceof String name && parameters.containsKey(name)) {
                return parameters.get(name);
            }
            if (map.get("Fn::Sub") instanceof String template) {
                Matcher matcher = SUB_VARIABLE.matcher(template);
                StringBuilder resolved = new StringBuilder();
                while (matcher.find()) {
                    String name = matcher.group(1);
                    if (!parameters.containsKey(name)) {
                        throw new IllegalArgumentException("cannot resolve ${" + name + "} in " + template);
                    }
                    matcher.appendReplacement(resolved, Matcher.quoteReplacement(parameters.get(name)));
                }
                matcher.appendTail(resolved);
                return resolved.toString().replace("${!", "${");
            }
        }
        throw new IllegalArgumentException("not a parameter-only string: " + value);
    }

    /** True when {@code value} is {@code !Ref logicalId}. */
    public static boolean isRef(Object value, String logicalId) {
        return value instanceof Map<?, ?> map && map.size() == 1 && logicalId.equals(map.get("Ref"));
    }

    /**
     * True when {@code value} names the function {@code functionId} as an event source mapping's or permission's
     * {@code FunctionName} does: {@code !Ref Function}, SAM's {@code !Ref Function.Alias} / {@code Function.Version},
     * or {@code !GetAtt Function.Arn}.
     */
    public static boolean namesFunction(Object value, String functionId) {
        return isRef(value, functionId) || isRef(value, functionId + ".Alias") || isRef(value, functionId + ".Version")
                || isGetAtt(value, functionId, "Arn");
    }

    /** True when {@code value} is {@code !GetAtt logicalId.attribute}. */
    public static boolean isGetAtt(Object value, String logicalId, String attribute) {
        return value instanceof Map<?, ?> map && map.size() == 1
                && List.of(logicalId, attribute).equals(map.get("Fn::GetAtt"));
    }

    /**
     * Every logical id or parameter {@code value} refers to, at any depth: through {@code Ref}, {@code Fn::GetAtt}
     * and the {@code ${Name}} / {@code ${Name.Attribute}} variables of {@code Fn::Sub}.
     */
    public static Set<String> referencedNames(Object value) {
        Set<String> names = new LinkedHashSet<>();
        collectReferences(value, names);
        return names;
    }

    private static void collectReferences(Object value, Set<String> names) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, inner) -> {
                if ("Ref".equals(key) && inner instanceof String name) {
                    names.add(name);
                } else if ("Fn::GetAtt".equals(key) && inner instanceof List<?> parts && !parts.isEmpty()) {
                    names.add(String.valueOf(parts.get(0)));
                } else if ("Fn::Sub".equals(key)) {
                    Object template = inner instanceof List<?> list && !list.isEmpty() ? list.get(0) : inner;
                    if (template instanceof String s) {
                        Matcher matcher = SUB_VARIABLE.matcher(s);
                        while (matcher.find()) {
                            String variable = matcher.group(1);
                            int dot = variable.indexOf('.');
                            names.add(dot < 0 ? variable : variable.substring(0, dot));
                        }
                    }
                    if (inner instanceof List<?> list && list.size() > 1) {
                        collectReferences(list.get(1), names);
                    }
                } else {
                    collectReferences(inner, names);
                }
            });
        } else if (value instanceof List<?> list) {
            list.forEach(item -> collectReferences(item, names));
        }
    }

    private static Object mergeGlobal(Object global, Object own) {
        if (global == null) {
            return own;
        }
        if (own == null) {
            return global;
        }
        if (global instanceof Map<?, ?> globalMap && own instanceof Map<?, ?> ownMap && !isIntrinsic(ownMap)) {
            Map<String, Object> merged = new LinkedHashMap<>(asMap(globalMap));
            asMap(ownMap).forEach((key, value) -> merged.put(key, mergeGlobal(merged.get(key), value)));
            return merged;
        }
        if (global instanceof List<?> globalList && own instanceof List<?> ownList) {
            List<Object> merged = new ArrayList<>(globalList);
            merged.addAll(ownList);
            return merged;
        }
        return own;
    }

    private static boolean isIntrinsic(Map<?, ?> map) {
        return map.size() == 1 && map.keySet().iterator().next() instanceof String key
                && (key.equals("Ref") || key.startsWith("Fn::"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object value) {
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("expected a mapping, got " + value);
        }
        return (Map<String, Object>) value;
    }

    /** SnakeYAML's safe constructor plus CloudFormation's short-form intrinsic tags. */
    private static final class IntrinsicConstructor extends SafeConstructor {
        IntrinsicConstructor(LoaderOptions options) {
            super(options);
            yamlConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new Intrinsic("Condition"));
            for (String name : FN_TAGS) {
                yamlConstructors.put(new Tag("!" + name), new Intrinsic("Fn::" + name));
            }
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String key;

            Intrinsic(String key) {
                this.key = key;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode scalar) {
                    String text = constructScalar(scalar);
                    value = key.equals("Fn::GetAtt") ? getAttParts(text) : text;
                } else if (node instanceof SequenceNode sequence) {
                    value = constructSequence(sequence);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                Map<String, Object> intrinsic = new LinkedHashMap<>();
                intrinsic.put(key, value);
                return intrinsic;
            }

            private List<String> getAttParts(String text) {
                int dot = text.indexOf('.');
                if (dot < 1 || dot == text.length() - 1) {
                    throw new IllegalArgumentException("!GetAtt needs LogicalId.Attribute, got " + text);
                }
                return List.of(text.substring(0, dot), text.substring(dot + 1));
            }
        }
    }
}
