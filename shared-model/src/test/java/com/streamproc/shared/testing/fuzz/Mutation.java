package com.streamproc.shared.testing.fuzz;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.streamproc.shared.testing.fuzz.FuzzJson.Arr;
import com.streamproc.shared.testing.fuzz.FuzzJson.Member;
import com.streamproc.shared.testing.fuzz.FuzzJson.Null;
import com.streamproc.shared.testing.fuzz.FuzzJson.Num;
import com.streamproc.shared.testing.fuzz.FuzzJson.Obj;
import com.streamproc.shared.testing.fuzz.FuzzJson.Raw;
import com.streamproc.shared.testing.fuzz.FuzzJson.Str;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Breaks a valid event in the ways producers and attackers do, one to three changes at a time. Each change is named
 * (with the field it touched and the hostile characters it put there), so a report can say which inputs ended how.
 */
public final class Mutation {
    /** What one change does. */
    public enum Kind {
        /** A field's value replaced by a value of another JSON type (an object for an id, a string for a list). */
        OTHER_TYPE,
        /** A string field replaced by a hostile string (unpaired surrogates, controls, U+2028, BOMs, ...). */
        HOSTILE_STRING,
        /** A field replaced by a huge, negative, fractional or over-long number. */
        EXTREME_NUMBER,
        /** A date field replaced by an extreme or malformed date-time. */
        EXTREME_DATE,
        /** A field removed. */
        REMOVED,
        /** A field set to null. */
        NULLED,
        /** A member name given twice, the copy before or after the original, with a random value. */
        DUPLICATE_KEY,
        /** An unknown field holding random JSON. */
        UNKNOWN_FIELD,
        /** A field holding 20 to 1,500 nested containers. */
        DEEP_NESTING,
        /** A string field replaced by one of up to 400,000 characters. */
        LONG_STRING,
        /** A raw control character inside a string (not JSON). */
        RAW_CONTROL,
        /** A byte-order mark before the JSON. */
        LEADING_BOM,
        /** The text cut short. */
        TRUNCATED,
        /** Stray characters after the JSON. */
        TRAILING_GARBAGE,
        /** The event as an array, or a bare value instead of an object. */
        WRONG_ROOT
    }

    /**
     * A changed event.
     *
     * @param data    its bytes
     * @param changes one line per change: kind, field and features, e.g. {@code HOSTILE_STRING orderId [control]}
     */
    public record Mutant(byte[] data, List<String> changes) {
        public String describe() {
            return String.join(" + ", changes);
        }
    }

    private Mutation() {
    }

    /**
     * One to three changes to {@code event}.
     *
     * @param dateFields the event's date-time fields (targets of {@link Kind#EXTREME_DATE})
     */
    public static Mutant of(Random random, ObjectNode event, Set<String> dateFields) {
        Obj root = (Obj) FuzzJson.of(event);
        FuzzJson document = root;
        List<String> changes = new ArrayList<>();
        String prefix = "";
        String suffix = "";
        boolean truncate = false;
        int count = 1 + (random.nextInt(3) == 0 ? 1 + random.nextInt(2) : 0);
        for (int i = 0; i < count; i++) {
            Kind kind = pick(random);
            switch (kind) {
                case LEADING_BOM -> {
                    prefix = "\uFEFF" + prefix;
                    changes.add(kind.name());
                }
                case TRUNCATED -> {
                    truncate = true;
                    changes.add(kind.name());
                }
                case TRAILING_GARBAGE -> {
                    suffix = random.nextBoolean() ? "x" + Hostile.string(random, 20) : "," + document.write();
                    changes.add(kind.name());
                }
                case WRONG_ROOT -> {
                    document = random.nextBoolean() ? new Arr(List.of(document)) : Hostile.json(random, 0);
                    changes.add(kind.name());
                }
                default -> changes.add(change(random, kind, root, dateFields));
            }
        }
        String text = prefix + document.write() + suffix;
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        if (truncate && data.length > 1) {
            data = java.util.Arrays.copyOf(data, 1 + random.nextInt(data.length - 1));
        }
        return new Mutant(data, changes);
    }

    /** The event padded with an unknown field of hostile text to {@code targetBytes} of UTF-8 (or a little less). */
    public static byte[] padded(Random random, ObjectNode event, int targetBytes) {
        Obj root = (Obj) FuzzJson.of(event);
        int base = root.utf8().length + 16;
        Member padding = new Member("padding", new Str(""));
        root.members().add(random.nextInt(root.members().size() + 1), padding);
        String unit = Hostile.string(random, 40);
        if (unit.isEmpty() || Hostile.hasUnpairedSurrogate(unit) || random.nextBoolean()) {
            unit = "x";
        }
        int unitBytes = new Str(unit).utf8().length - 2;
        int repeat = Math.max(0, (targetBytes - base) / Math.max(1, unitBytes));
        root.members().set(root.members().indexOf(padding), new Member("padding", new Str(unit.repeat(repeat))));
        return root.utf8();
    }

    private static Kind pick(Random random) {
        int roll = random.nextInt(100);
        if (roll < 18) {
            return Kind.HOSTILE_STRING;
        }
        if (roll < 32) {
            return Kind.OTHER_TYPE;
        }
        if (roll < 42) {
            return Kind.EXTREME_DATE;
        }
        if (roll < 50) {
            return Kind.EXTREME_NUMBER;
        }
        if (roll < 58) {
            return Kind.DUPLICATE_KEY;
        }
        if (roll < 64) {
            return Kind.REMOVED;
        }
        if (roll < 69) {
            return Kind.NULLED;
        }
        if (roll < 75) {
            return Kind.UNKNOWN_FIELD;
        }
        if (roll < 79) {
            return Kind.DEEP_NESTING;
        }
        if (roll < 83) {
            return Kind.LONG_STRING;
        }
        if (roll < 87) {
            return Kind.RAW_CONTROL;
        }
        if (roll < 91) {
            return Kind.LEADING_BOM;
        }
        if (roll < 94) {
            return Kind.TRUNCATED;
        }
        if (roll < 97) {
            return Kind.TRAILING_GARBAGE;
        }
        return Kind.WRONG_ROOT;
    }

    /** A place in the document: the container's member or element list and the index in it. */
    private record Slot(Obj object, int index, String path) {
        FuzzJson value() {
            return object.members().get(index).value();
        }

        String name() {
            return object.members().get(index).name();
        }

        void set(FuzzJson value) {
            object.members().set(index, new Member(name(), value));
        }
    }

    private static String change(Random random, Kind kind, Obj root, Set<String> dateFields) {
        List<Slot> slots = new ArrayList<>();
        collect(root, "", slots);
        if (slots.isEmpty()) {
            root.members().add(new Member("f", new Null()));
            collect(root, "", slots);
        }
        Slot slot = slots.get(random.nextInt(slots.size()));
        switch (kind) {
            case OTHER_TYPE -> {
                FuzzJson value = Hostile.otherType(random, slot.value());
                slot.set(value);
                return kind + " " + slot.path() + " " + shape(value);
            }
            case HOSTILE_STRING -> {
                Slot target = pickString(random, slots, slot);
                String value = Hostile.string(random);
                target.set(new Str(value));
                return kind + " " + target.path() + " " + Hostile.features(value);
            }
            case EXTREME_NUMBER -> {
                String number = Hostile.number(random);
                // Money and quantities are often strings on the wire: half the time the number goes in as text.
                slot.set(random.nextBoolean() ? new Num(number) : new Str(number));
                return kind + " " + slot.path();
            }
            case EXTREME_DATE -> {
                Slot target = slot;
                List<Slot> dates = slots.stream().filter(s -> dateFields.contains(s.name())).toList();
                if (!dates.isEmpty()) {
                    target = dates.get(random.nextInt(dates.size()));
                }
                String date = Hostile.date(random);
                target.set(new Str(date));
                return kind + " " + target.path() + " " + date;
            }
            case REMOVED -> {
                slot.object().members().remove(slot.index());
                return kind + " " + slot.path();
            }
            case NULLED -> {
                slot.set(new Null());
                return kind + " " + slot.path();
            }
            case DUPLICATE_KEY -> {
                FuzzJson value = random.nextInt(3) == 0 ? slot.value()
                        : random.nextBoolean() ? new Str(Hostile.string(random)) : Hostile.json(random, 1);
                boolean after = random.nextBoolean();
                slot.object().members().add(after ? slot.index() + 1 : slot.index(), new Member(slot.name(), value));
                return kind + " " + slot.path() + (after ? " (copy last)" : " (copy first)");
            }
            case UNKNOWN_FIELD -> {
                slot.object().members().add(random.nextInt(slot.object().members().size() + 1),
                        new Member(random.nextBoolean() ? "x" + random.nextInt(100) : Hostile.string(random, 30),
                                Hostile.json(random, 3)));
                return kind.name();
            }
            case DEEP_NESTING -> {
                int levels = random.nextBoolean() ? 20 + random.nextInt(20) : 20 + random.nextInt(1500);
                slot.set(Hostile.deep(random, levels));
                return kind + " " + slot.path() + " (" + (levels > 31 ? "over" : "under") + " 32)";
            }
            case LONG_STRING -> {
                Slot target = pickString(random, slots, slot);
                int length = switch (random.nextInt(10)) {
                    case 0 -> 100_000 + random.nextInt(300_000);
                    case 1, 2 -> 2_000 + random.nextInt(60_000);
                    default -> 257 + random.nextInt(1_000);
                };
                String value = Hostile.longString(random, length);
                target.set(new Str(value));
                return kind + " " + target.path() + " " + Hostile.features(value);
            }
            case RAW_CONTROL -> {
                Slot target = pickString(random, slots, slot);
                String text = target.value() instanceof Str str ? str.value() : "";
                int at = text.isEmpty() ? 0 : random.nextInt(text.length() + 1);
                char control = (char) random.nextInt(0x20);
                StringBuilder raw = new StringBuilder();
                FuzzJson.string(text.substring(0, at), raw);
                raw.setLength(raw.length() - 1);
                raw.append(control);
                StringBuilder rest = new StringBuilder();
                FuzzJson.string(text.substring(at), rest);
                raw.append(rest, 1, rest.length());
                target.set(new Raw(raw.toString()));
                return kind + " " + target.path();
            }
            default -> throw new IllegalArgumentException(kind.name());
        }
    }

    /** A slot holding a string, preferably; else {@code fallback}. */
    private static Slot pickString(Random random, List<Slot> slots, Slot fallback) {
        List<Slot> strings = slots.stream().filter(s -> s.value() instanceof Str).toList();
        return strings.isEmpty() ? fallback : strings.get(random.nextInt(strings.size()));
    }

    private static void collect(Obj object, String path, List<Slot> slots) {
        for (int i = 0; i < object.members().size(); i++) {
            Member member = object.members().get(i);
            String memberPath = path.isEmpty() ? member.name() : path + "." + member.name();
            slots.add(new Slot(object, i, memberPath));
            if (member.value() instanceof Obj nested) {
                collect(nested, memberPath, slots);
            } else if (member.value() instanceof Arr array) {
                for (int j = 0; j < array.elements().size(); j++) {
                    if (array.elements().get(j) instanceof Obj element) {
                        collect(element, memberPath + "[" + j + "]", slots);
                    }
                }
            }
        }
    }

    private static String shape(FuzzJson value) {
        return value.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }
}
