package com.streamproc.shared.testing.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A JSON document as a fuzzer writes it, including what a JSON library would not write: a member name given twice,
 * strings holding any UTF-16 (an unpaired surrogate is written as a {@code \ud800} escape, the only way JSON text in
 * UTF-8 can carry one), numbers as their literal text ({@code 1e400}, {@code -0}, 70 digits), and raw fragments
 * written verbatim (which need not be JSON at all). Containers are mutable, so mutations can edit them in place.
 */
public sealed interface FuzzJson {

    /** An object; members keep their order, and a name may occur more than once. */
    record Obj(List<Member> members) implements FuzzJson {
        public Obj {
            members = new ArrayList<>(members);
        }

        /** The value of the last member called {@code name} (what a last-wins parser reads), or {@code null}. */
        public FuzzJson get(String name) {
            FuzzJson found = null;
            for (Member member : members) {
                if (member.name().equals(name)) {
                    found = member.value();
                }
            }
            return found;
        }
    }

    /** One member of an object. */
    record Member(String name, FuzzJson value) {
    }

    record Arr(List<FuzzJson> elements) implements FuzzJson {
        public Arr {
            elements = new ArrayList<>(elements);
        }
    }

    record Str(String value) implements FuzzJson {
    }

    /** A number written exactly as {@code literal} (which the fuzzer may make as hostile as it likes). */
    record Num(String literal) implements FuzzJson {
    }

    record Bool(boolean value) implements FuzzJson {
    }

    record Null() implements FuzzJson {
    }

    /** Text written verbatim: not necessarily JSON. */
    record Raw(String text) implements FuzzJson {
    }

    /** The same document as a Jackson tree, numbers by their text. */
    static FuzzJson of(JsonNode node) {
        if (node.isObject()) {
            List<Member> members = new ArrayList<>();
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                members.add(new Member(entry.getKey(), of(entry.getValue())));
            }
            return new Obj(members);
        }
        if (node.isArray()) {
            List<FuzzJson> elements = new ArrayList<>();
            node.forEach(element -> elements.add(of(element)));
            return new Arr(elements);
        }
        if (node.isTextual()) {
            return new Str(node.textValue());
        }
        if (node.isNumber()) {
            return new Num(node.isBigDecimal() ? node.decimalValue().toString() : node.asText());
        }
        if (node.isBoolean()) {
            return new Bool(node.booleanValue());
        }
        return new Null();
    }

    /** The JSON text; see the class documentation for what it may contain. */
    default String write() {
        StringBuilder out = new StringBuilder();
        write(this, out);
        return out.toString();
    }

    /** {@link #write()} in UTF-8. */
    default byte[] utf8() {
        return write().getBytes(StandardCharsets.UTF_8);
    }

    private static void write(FuzzJson json, StringBuilder out) {
        if (json instanceof Obj obj) {
            out.append('{');
            for (int i = 0; i < obj.members().size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                Member member = obj.members().get(i);
                string(member.name(), out);
                out.append(':');
                write(member.value(), out);
            }
            out.append('}');
        } else if (json instanceof Arr arr) {
            out.append('[');
            for (int i = 0; i < arr.elements().size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(arr.elements().get(i), out);
            }
            out.append(']');
        } else if (json instanceof Str str) {
            string(str.value(), out);
        } else if (json instanceof Num num) {
            out.append(num.literal());
        } else if (json instanceof Bool bool) {
            out.append(bool.value());
        } else if (json instanceof Raw raw) {
            out.append(raw.text());
        } else {
            out.append("null");
        }
    }

    /**
     * A JSON string: quote, backslash and C0 controls escaped as JSON requires; an unpaired surrogate as a
     * {@code \\uXXXX} escape (UTF-8 cannot encode it); everything else (U+2028, U+FEFF, DEL, C1 controls, paired
     * surrogates) as itself.
     */
    static void string(String value, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                out.append(c).append(value.charAt(++i));
            } else if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}
