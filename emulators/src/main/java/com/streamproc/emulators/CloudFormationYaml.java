package com.streamproc.emulators;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Loads CloudFormation / SAM YAML with its short-form intrinsic tags into plain maps and lists, turning each
 * tag into the long form: {@code !Ref X} becomes {@code {Ref: X}}, {@code !Sub s} becomes
 * {@code {Fn::Sub: s}}, {@code !GetAtt A.B} becomes {@code {Fn::GetAtt: [A, B]}}, {@code !Condition C}
 * becomes {@code {Condition: C}}, and any other {@code !Name v} becomes {@code {Fn::Name: v}}.
 */
public final class CloudFormationYaml {

    private CloudFormationYaml() {
    }

    /** Parses a template file into its top-level mapping. */
    public static Map<String, Object> load(Path template) {
        try (Reader reader = Files.newBufferedReader(template, StandardCharsets.UTF_8)) {
            return load(reader, template.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + template, e);
        }
    }

    /** Parses YAML text; {@code source} is only used in error messages. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> load(Reader reader, String source) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setCodePointLimit(16 * 1024 * 1024);
        Yaml yaml = new Yaml(new IntrinsicFunctionConstructor(options));
        Object document = yaml.load(reader);
        if (!(document instanceof Map)) {
            throw new IllegalArgumentException(source + " is not a YAML mapping (CloudFormation template)");
        }
        return (Map<String, Object>) document;
    }

    /** The long-form key for a short-form tag name ("Ref", "Sub", ...). */
    static String longFormKey(String tagName) {
        return tagName.equals("Ref") || tagName.equals("Condition") ? tagName : "Fn::" + tagName;
    }

    private static final class IntrinsicFunctionConstructor extends SafeConstructor {

        IntrinsicFunctionConstructor(LoaderOptions options) {
            super(options);
            // the null key is the fallback for every tag without its own constructor: all '!Xxx' tags
            this.yamlConstructors.put(null, new IntrinsicFunction());
        }

        private final class IntrinsicFunction extends AbstractConstruct {
            @Override
            public Object construct(Node node) {
                String tag = node.getTag().getValue();
                if (!tag.startsWith("!")) {
                    throw new IllegalArgumentException("Unsupported YAML tag " + tag + " at " + node.getStartMark());
                }
                String key = longFormKey(tag.substring(1));
                Object value;
                if (node instanceof ScalarNode scalar) {
                    String text = constructScalar(scalar);
                    value = key.equals("Fn::GetAtt") ? splitGetAtt(text) : text;
                } else if (node instanceof SequenceNode sequence) {
                    value = new ArrayList<>(constructSequence(sequence));
                } else {
                    value = constructMapping((MappingNode) node);
                }
                Map<String, Object> function = new LinkedHashMap<>();
                function.put(key, value);
                return function;
            }

            private List<String> splitGetAtt(String text) {
                int dot = text.indexOf('.');
                return dot < 0 ? List.of(text) : List.of(text.substring(0, dot), text.substring(dot + 1));
            }
        }
    }
}
