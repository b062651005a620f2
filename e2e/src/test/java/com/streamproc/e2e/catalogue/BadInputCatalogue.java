package com.streamproc.e2e.catalogue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.streamproc.e2e.harness.PipelineFunction;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * The catalogue of malformed records in {@code bad-input-catalogue.json}, turned into the exact bytes, partition
 * key and expected outcome of each entry for each function.
 */
public final class BadInputCatalogue {
    public static final String RESOURCE = "/bad-input-catalogue.json";
    public static final String APPLIED = "APPLIED";

    // Big and exotic numbers in the catalogue must survive being read and written again.
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();
    private static final Pattern REPEAT = Pattern.compile("\\{\\{repeat:(.):(\\d+)}}");
    /** A JSON escape written into the record's text as is: no JSON writer writes an unpaired surrogate. */
    private static final Pattern JSON_ESCAPE = Pattern.compile("\\{\\{json-escape:([0-9A-Fa-f]{4})}}");

    /**
     * One entry for one function.
     *
     * @param expectedReason the reason code it must be quarantined with, or {@link #APPLIED}
     * @param appliedChecks  for applied records: the entity to look up and stored values to compare (may be empty:
     *                       the function's default entity)
     */
    public record Case(String entryId, String description, PipelineFunction function, String partitionKey,
                       byte[] data, String expectedReason, Map<String, String> appliedChecks) {
        public boolean expectsApplied() {
            return APPLIED.equals(expectedReason);
        }
    }

    private final JsonNode root;

    private BadInputCatalogue(JsonNode root) {
        this.root = root;
    }

    public static BadInputCatalogue load() {
        try (InputStream in = BadInputCatalogue.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            return new BadInputCatalogue(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<String> ids() {
        List<String> ids = new ArrayList<>();
        root.get("entries").forEach(e -> ids.add(e.get("id").asText()));
        return ids;
    }

    /** Every entry prepared for {@code function}; {@code runToken} makes ids unique per run. */
    public List<Case> cases(PipelineFunction function, String runToken) {
        List<Case> cases = new ArrayList<>();
        for (JsonNode entry : root.get("entries")) {
            String id = entry.get("id").asText() + "-" + runToken;
            String name = function.shortName();
            JsonNode spec = entry.has("payloads") ? entry.get("payloads").get(name) : entry.get("payload");
            if (spec == null) {
                throw new IllegalStateException(entry.get("id").asText() + " has no payload for " + name);
            }
            byte[] data = payload(spec, root.get("bases").get(name), id);
            String partitionKey = substitute(spec.has("partitionKey") ? spec.get("partitionKey").asText()
                    : root.get("partitionKeys").get(name).asText(), id);
            JsonNode expected = entry.get("expect").get(name);
            String reason;
            Map<String, String> checks = new LinkedHashMap<>();
            if (expected.isTextual()) {
                reason = expected.asText();
            } else {
                reason = APPLIED;
                expected.get("applied").properties()
                        .forEach(e -> checks.put(e.getKey(), substitute(e.getValue().asText(), id)));
            }
            cases.add(new Case(entry.get("id").asText(), entry.get("description").asText(), function, partitionKey,
                    data, reason, Map.copyOf(checks)));
        }
        return cases;
    }

    private static byte[] payload(JsonNode spec, JsonNode base, String id) {
        byte[] bytes;
        if (spec.has("base")) {
            ObjectNode event = base.deepCopy();
            JsonNode change = spec.get("base");
            if (change.has("set")) {
                change.get("set").properties().forEach(e -> event.set(e.getKey(), e.getValue()));
            }
            if (change.has("remove")) {
                change.get("remove").forEach(field -> event.remove(field.asText()));
            }
            bytes = utf8(substitute(write(event), id));
        } else if (spec.has("json")) {
            bytes = utf8(substitute(write(spec.get("json")), id));
        } else if (spec.has("text")) {
            bytes = utf8(substitute(spec.get("text").asText(), id));
        } else if (spec.has("hex")) {
            bytes = HexFormat.of().parseHex(spec.get("hex").asText());
        } else if (spec.has("base64")) {
            bytes = Base64.getDecoder().decode(spec.get("base64").asText());
        } else {
            throw new IllegalStateException("payload spec without content: " + spec);
        }
        return spec.has("transform") ? transform(spec.get("transform").asText(), bytes) : bytes;
    }

    static byte[] transform(String transform, byte[] bytes) {
        int colon = transform.indexOf(':');
        String name = colon < 0 ? transform : transform.substring(0, colon);
        String argument = colon < 0 ? "" : transform.substring(colon + 1);
        String text = new String(bytes, StandardCharsets.UTF_8);
        return switch (name) {
            case "truncate" -> Arrays.copyOf(bytes, Integer.parseInt(argument));
            case "append-text" -> utf8(text + argument);
            case "prepend-text" -> utf8(argument + text);
            case "concat-self" -> utf8(text + text);
            case "wrap-array" -> utf8("[" + text + "]");
            case "bom-prefix" -> concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, bytes);
            case "utf16le-bom" -> concat(new byte[] {(byte) 0xFF, (byte) 0xFE},
                    text.getBytes(StandardCharsets.UTF_16LE));
            case "gzip" -> gzip(bytes);
            case "base64-text" -> utf8(Base64.getEncoder().encodeToString(bytes));
            case "oversize" -> oversize(text, Integer.parseInt(argument));
            case "nested" -> utf8(text.replace("\"{{nested}}\"",
                    "[".repeat(Integer.parseInt(argument)) + "]".repeat(Integer.parseInt(argument))));
            case "replace-with-hex" -> replaceWithBytes(text, HexFormat.of().parseHex(argument));
            default -> throw new IllegalStateException("unknown transform " + transform);
        };
    }

    /** Fills the string {@code "{{padding}}"} so the record is exactly {@code size} bytes of UTF-8. */
    private static byte[] oversize(String text, int size) {
        int without = utf8(text.replace("{{padding}}", "")).length;
        if (without > size) {
            throw new IllegalStateException("payload is larger than " + size + " bytes before padding");
        }
        return utf8(text.replace("{{padding}}", "x".repeat(size - without)));
    }

    private static byte[] replaceWithBytes(String text, byte[] raw) {
        int at = text.indexOf("{{bytes}}");
        if (at < 0) {
            throw new IllegalStateException("no {{bytes}} marker in " + text);
        }
        return concat(concat(utf8(text.substring(0, at)), raw), utf8(text.substring(at + "{{bytes}}".length())));
    }

    static String substitute(String text, String id) {
        Matcher repeat = REPEAT.matcher(text.replace("{{id}}", id)
                .replace("{{ID-UPPER}}", id.toUpperCase(Locale.ROOT)));
        StringBuilder out = new StringBuilder();
        while (repeat.find()) {
            repeat.appendReplacement(out, Matcher.quoteReplacement(
                    repeat.group(1).repeat(Integer.parseInt(repeat.group(2)))));
        }
        repeat.appendTail(out);
        Matcher escape = JSON_ESCAPE.matcher(out);
        StringBuilder escaped = new StringBuilder();
        while (escape.find()) {
            escape.appendReplacement(escaped, Matcher.quoteReplacement("\\u" + escape.group(1)));
        }
        escape.appendTail(escaped);
        return escaped.toString();
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A valid record of the function's base event, to put after the catalogue in a batch. */
    public byte[] validRecord(PipelineFunction function, String id) {
        return utf8(substitute(write(root.get("bases").get(function.shortName())), id));
    }

    public String partitionKey(PipelineFunction function, String id) {
        return substitute(root.get("partitionKeys").get(function.shortName()).asText(), id);
    }

}
