package com.streamproc.e2e.generate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.streamproc.shared.testing.fuzz.FuzzJson;
import com.streamproc.shared.testing.fuzz.FuzzJson.Arr;
import com.streamproc.shared.testing.fuzz.FuzzJson.Member;
import com.streamproc.shared.testing.fuzz.FuzzJson.Obj;
import com.streamproc.shared.testing.fuzz.FuzzJson.Raw;
import com.streamproc.shared.testing.fuzz.FuzzJson.Str;
import com.streamproc.shared.testing.fuzz.Hostile;
import com.streamproc.shared.traffic.TrafficRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Arbitrary, hostile records for the fuzzed variant of the streams, built from the fuzz toolkit's values (unpaired
 * surrogates, control characters, U+2028, byte-order marks, dates of year 10000 and beyond, duplicated keys, deep
 * nesting, random bytes and JSON, random Unicode partition keys) so that every function must quarantine them,
 * whatever the details of its decoder: each one breaks a rule no decoder may relax (bytes that are not UTF-8, JSON
 * that is not an object or not JSON, a container where an id belongs, a type or action outside the contract, a time
 * past 9999, a partition key its contract does not allow). They are labelled {@link Poison#ANY_REASON}: the reason
 * code they get is the decoder's business, being quarantined with one is the pipeline's.
 */
public final class HostileRecords {
    /** The kinds, one per rule broken. */
    enum Kind {
        NOT_UTF8, NOT_AN_OBJECT, CONTAINER_FOR_ID, DUPLICATE_ID_LAST_A_CONTAINER, RAW_CONTROL_CHARACTER, TOO_DEEP,
        LEADING_BOM, OUTSIDE_THE_VOCABULARY, AFTER_9999, VALID_UNDER_A_HOSTILE_KEY
    }

    /**
     * Where a function's events can be broken for certain.
     *
     * @param idFields        required text fields (a container there is never a string)
     * @param vocabularyField a field with a closed vocabulary or a strict pattern
     * @param outsidePrefix   a prefix that puts any text outside that vocabulary
     * @param timeField       the event's own date-time field
     */
    public record Targets(List<String> idFields, String vocabularyField, String outsidePrefix, String timeField) {
    }

    /** One hostile record: its partition key, its bytes, and what kind of rule it breaks. */
    public record Made(String partitionKey, byte[] data, String kind) {
    }

    private HostileRecords() {
    }

    /**
     * Scatters the suite's hostile records over a stream: one in 40 records, at least 4, each made by {@code make}
     * (given its number) and put at a random place ({@link Produced#insertAtRandomPlaces}).
     */
    public static <I> void scatter(List<Produced<I>> stream, Random random, IntFunction<Produced<I>> make) {
        Produced.insertAtRandomPlaces(stream, random, Math.max(4, stream.size() / 40), make);
    }

    /** Makes one of the suite's hostile records of a model: given its number and a valid record's partition key. */
    @FunctionalInterface
    public interface Maker<I> {
        Produced<I> make(int number, String validKey);
    }

    /**
     * A function's generated records as the suite's stream, each with the intent {@code intentOf} reads from it,
     * then the suite's hostile records scattered over it ({@link #scatter}), each under the partition key of a
     * record that {@code valid} says is valid, drawn with {@code random} just before it is made.
     */
    public static <I> List<Produced<I>> streamOf(List<TrafficRecord> records, Function<TrafficRecord, I> intentOf,
                                                 BiPredicate<TrafficRecord, I> valid, Random random,
                                                 Maker<I> hostile) {
        List<Produced<I>> stream = new ArrayList<>(records.size());
        List<String> validKeys = new ArrayList<>();
        for (TrafficRecord record : records) {
            I intent = intentOf.apply(record);
            stream.add(new Produced<>(record.partitionKey(), record.data(), intent));
            if (valid.test(record, intent)) {
                validKeys.add(record.partitionKey());
            }
        }
        scatter(stream, random, i -> hostile.make(i, validKeys.get(random.nextInt(validKeys.size()))));
        return stream;
    }

    /**
     * A hostile record made from {@code validEvent}, whose contract requires {@code rightKey} as partition key;
     * most go under that key (so they share a shard and a key with valid events), the others under random Unicode.
     */
    public static Made of(Random random, ObjectNode validEvent, String rightKey, Targets targets) {
        Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
        String key = random.nextInt(10) < 7 ? rightKey : hostileKey(random, rightKey);
        Obj event = (Obj) FuzzJson.of(validEvent);
        if (kind != Kind.VALID_UNDER_A_HOSTILE_KEY && random.nextBoolean()) {
            // Hostile text where the contract does not look: it must not matter.
            event.members().add(random.nextInt(event.members().size() + 1),
                    new Member("note", new Str(Hostile.string(random))));
        }
        byte[] data;
        switch (kind) {
            case NOT_UTF8 -> {
                byte[] bytes = Hostile.bytes(random, 300);
                data = java.util.Arrays.copyOf(bytes, bytes.length + 1);
                data[random.nextInt(data.length)] = (byte) 0xFF; // never part of UTF-8
            }
            case NOT_AN_OBJECT -> {
                FuzzJson json = Hostile.json(random, 3);
                data = (json instanceof Obj ? new Arr(List.of(json)) : json).utf8();
            }
            case CONTAINER_FOR_ID -> {
                set(event, pick(random, targets.idFields()), container(random));
                data = event.utf8();
            }
            case DUPLICATE_ID_LAST_A_CONTAINER -> {
                // Last wins for a lenient parser, a duplicate is refused by a strict one: refused either way.
                event.members().add(new Member(pick(random, targets.idFields()), container(random)));
                data = event.utf8();
            }
            case RAW_CONTROL_CHARACTER -> {
                String text = Hostile.string(random, 40);
                StringBuilder raw = new StringBuilder("\"");
                // Only plain characters around it: the raw control character is what breaks the JSON.
                raw.append(text.replaceAll("[\\x00-\\x1F\"\\\\\\uD800-\\uDFFF]", ""));
                raw.insert(1 + random.nextInt(raw.length()), (char) random.nextInt(0x20));
                raw.append('"');
                event.members().add(random.nextInt(event.members().size() + 1), new Member("note", new Raw(raw.toString())));
                data = event.utf8();
            }
            case TOO_DEEP -> {
                int levels = 33 + random.nextInt(random.nextBoolean() ? 10 : 1500);
                event.members().add(random.nextInt(event.members().size() + 1),
                        new Member("context", Hostile.deep(random, levels)));
                data = event.utf8();
            }
            case LEADING_BOM -> data = ("\uFEFF" + event.write()).getBytes(StandardCharsets.UTF_8);
            case OUTSIDE_THE_VOCABULARY -> {
                set(event, targets.vocabularyField(), new Str(targets.outsidePrefix()
                        + Hostile.string(random, 60)));
                data = event.utf8();
            }
            case AFTER_9999 -> {
                set(event, targets.timeField(), new Str(after9999(random)));
                data = event.utf8();
            }
            default -> {
                key = hostileKey(random, rightKey);
                data = event.utf8();
            }
        }
        return new Made(key, data, kind.name());
    }

    /** A date-time in year 10000 or later, up to the last one {@code java.time} parses, with any offset. */
    static String after9999(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> "+999999999-12-31T23:59:59.999999999-18:00";
            case 1 -> "+10000-01-01T00:00:00Z";
            default -> String.format("+%d-%02d-%02dT%02d:%02d:%02d%s", 10_000 + random.nextInt(999_990_000),
                    1 + random.nextInt(12), 1 + random.nextInt(28), random.nextInt(24), random.nextInt(60),
                    random.nextInt(60), random.nextBoolean() ? "Z" : "+01:00");
        };
    }

    private static String hostileKey(Random random, String rightKey) {
        String key = Hostile.partitionKey(random);
        return key.equals(rightKey) ? key + "\u2028" : key;
    }

    private static FuzzJson container(Random random) {
        List<Member> members = new ArrayList<>();
        members.add(new Member(Hostile.string(random, 20),
                new Str(Hostile.string(random))));
        Obj object = new Obj(members);
        return random.nextBoolean() ? object : new Arr(List.of(new Str(Hostile.string(random)), object));
    }

    private static void set(Obj event, String field, FuzzJson value) {
        for (int i = 0; i < event.members().size(); i++) {
            if (event.members().get(i).name().equals(field)) {
                event.members().set(i, new Member(field, value));
                return;
            }
        }
        event.members().add(new Member(field, value));
    }

    private static String pick(Random random, List<String> fields) {
        return fields.get(random.nextInt(fields.size()));
    }
}
