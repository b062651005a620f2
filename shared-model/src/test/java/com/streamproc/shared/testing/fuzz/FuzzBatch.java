package com.streamproc.shared.testing.fuzz;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.streamproc.shared.testing.KinesisEventFixture;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * One fuzz batch: valid events of fresh entities mixed with arbitrary records, in the order they go on the shard.
 *
 * <p>A batch is generated as a list of {@link Part}s (a kind and a seed), which jqwik can shrink by dropping parts,
 * and rendered only when a try runs, under a namespace of that try: ids never repeat across tries (tables outlive
 * them), and a shrunk batch replays the same content under fresh ids.
 *
 * <p>Placement keeps the valid records' fate independent of the arbitrary ones: an arbitrary record that shares a
 * valid entity's key ({@link PartKind#MUTANT_OF_VALID}) comes after that entity's valid events, so even if it
 * happens to be valid it cannot apply before them. It can still share a write with them, which is the point.
 */
public record FuzzBatch(List<FuzzRecord> records, List<ValidGroup> groups) {

    /** What a part of a batch is. */
    public enum PartKind {
        /** The valid events of one fresh entity: every one must be applied. */
        VALID,
        /** A mutation of a valid event of a fresh entity, under its right key, a wrong key or random Unicode. */
        MUTANT,
        /** A mutation of an event of the previous valid entity, under that entity's key, after its events. */
        MUTANT_OF_VALID,
        /** A byte-identical copy of a valid event under a key its contract does not allow. */
        WRONG_KEY_COPY,
        /** Random JSON of random shape. */
        RANDOM_JSON,
        /** Random bytes. */
        RANDOM_BYTES,
        /** A valid event padded to about the 1 MiB record limit (a little under, at, or just over it). */
        NEAR_LIMIT
    }

    /** A part as generated: rendered with {@code new Random(seed)}. */
    public record Part(PartKind kind, long seed) {
    }

    /**
     * One record of the batch.
     *
     * @param mustApply true for the events of a {@link PartKind#VALID} part
     * @param label     what it is, for failure messages and reports (the mutation, the key choice, ...)
     */
    public record FuzzRecord(String partitionKey, byte[] data, PartKind kind, boolean mustApply, String label) {
        @Override
        public String toString() {
            String text = new String(data, StandardCharsets.UTF_8);
            return kind + " key=" + escape(partitionKey) + " " + label + " (" + data.length + " bytes) "
                    + escape(text.length() > 300 ? text.substring(0, 300) + "..." : text);
        }
    }

    /**
     * The valid events of one entity, in the order they were put.
     *
     * @param entityId            the id the family built the entity from
     * @param events              the events, each applied in order
     * @param sharedWithArbitrary whether an arbitrary record under the same key follows them in the batch
     */
    public record ValidGroup(String entityId, List<ObjectNode> events, boolean sharedWithArbitrary) {
    }

    /** What a function's events look like, for building and breaking them. */
    public interface Family {
        /** A fresh entity's valid events, in the order they must be applied; ids derive from {@code entityId}. */
        List<ObjectNode> validEvents(Random random, String entityId);

        /** The partition key the event's contract requires. */
        String partitionKey(ObjectNode event);

        /** The date-time fields of the events. */
        Set<String> dateFields();
    }

    /**
     * Parts of a batch: mostly valid entities and mutants, some copies under wrong keys, random JSON and bytes,
     * rarely a record at the size limit.
     */
    public static Arbitrary<List<Part>> parts(int maxParts) {
        Arbitrary<PartKind> kinds = Arbitraries.frequency(
                Tuple.of(30, PartKind.VALID),
                Tuple.of(30, PartKind.MUTANT),
                Tuple.of(12, PartKind.MUTANT_OF_VALID),
                Tuple.of(8, PartKind.WRONG_KEY_COPY),
                Tuple.of(8, PartKind.RANDOM_JSON),
                Tuple.of(8, PartKind.RANDOM_BYTES),
                Tuple.of(1, PartKind.NEAR_LIMIT)).withoutEdgeCases();
        return Combinators.combine(kinds, Arbitraries.longs()).as(Part::new).list().ofMinSize(1).ofMaxSize(maxParts);
    }

    /** Renders {@code parts} with ids under {@code namespace}. */
    public static FuzzBatch render(List<Part> parts, Family family, String namespace) {
        List<FuzzRecord> records = new ArrayList<>();
        List<ValidGroup> groups = new ArrayList<>();
        int entity = 0;
        boolean nearLimit = false;
        for (Part original : parts) {
            // At most one record of about 1 MiB per batch: Lambda's payload limit is 6 MB.
            Part part = original.kind() == PartKind.NEAR_LIMIT && nearLimit
                    ? new Part(PartKind.MUTANT, original.seed()) : original;
            nearLimit |= part.kind() == PartKind.NEAR_LIMIT;
            Random random = new Random(part.seed());
            String entityId = namespace + "-" + (entity++);
            ValidGroup last = groups.isEmpty() ? null : groups.get(groups.size() - 1);
            switch (part.kind()) {
                case VALID -> {
                    List<ObjectNode> events = family.validEvents(random, entityId);
                    for (ObjectNode event : events) {
                        records.add(new FuzzRecord(family.partitionKey(event), utf8(event), PartKind.VALID, true,
                                "valid event"));
                    }
                    groups.add(new ValidGroup(entityId, events, false));
                }
                case MUTANT_OF_VALID -> {
                    if (last == null) {
                        records.add(mutant(random, family, family.validEvents(random, entityId), PartKind.MUTANT));
                    } else {
                        records.add(mutant(random, family, last.events(), PartKind.MUTANT_OF_VALID));
                        groups.set(groups.size() - 1, new ValidGroup(last.entityId(), last.events(), true));
                    }
                }
                case MUTANT -> records.add(mutant(random, family, family.validEvents(random, entityId),
                        PartKind.MUTANT));
                case WRONG_KEY_COPY -> {
                    List<ObjectNode> source = last != null ? last.events() : family.validEvents(random, entityId);
                    ObjectNode event = source.get(random.nextInt(source.size()));
                    String right = family.partitionKey(event);
                    String key = wrongKey(random, family, right, namespace);
                    records.add(new FuzzRecord(key, utf8(event), PartKind.WRONG_KEY_COPY, false, "copy under a wrong key"));
                }
                case RANDOM_JSON -> {
                    FuzzJson json = Hostile.json(random, 1 + random.nextInt(4));
                    records.add(new FuzzRecord(Hostile.partitionKey(random), json.utf8(), PartKind.RANDOM_JSON, false,
                            "random " + json.getClass().getSimpleName()));
                }
                case RANDOM_BYTES -> records.add(new FuzzRecord(Hostile.partitionKey(random),
                        Hostile.bytes(random, 600), PartKind.RANDOM_BYTES, false, "random bytes"));
                case NEAR_LIMIT -> {
                    List<ObjectNode> events = family.validEvents(random, entityId);
                    ObjectNode event = events.get(0);
                    int limit = 1024 * 1024;
                    int target = switch (random.nextInt(3)) {
                        case 0 -> limit;
                        case 1 -> limit + 1 + random.nextInt(64);
                        default -> limit - random.nextInt(64 * 1024);
                    };
                    byte[] data = Mutation.padded(random, event, target);
                    records.add(new FuzzRecord(family.partitionKey(event), data, PartKind.NEAR_LIMIT, false,
                            "padded to " + data.length + " bytes"));
                }
                default -> throw new IllegalStateException(part.kind().name());
            }
        }
        return new FuzzBatch(records, groups);
    }

    /** The batch in Lambda's form: one shard, sequence numbers from {@code firstSequence}. */
    public void addTo(KinesisEventFixture fixture, BigInteger firstSequence) {
        fixture.sequence(firstSequence);
        for (FuzzRecord record : records) {
            fixture.recordBytes(record.partitionKey(), record.data());
        }
    }

    /** Calls {@code each} for every record, with its index. */
    public void forEachIndexed(java.util.function.ObjIntConsumer<FuzzRecord> each) {
        for (int i = 0; i < records.size(); i++) {
            each.accept(records.get(i), i);
        }
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(records.size() + " records:");
        forEachIndexed((record, i) -> text.append("\n  #").append(i).append(' ').append(record));
        return text.toString();
    }

    private static FuzzRecord mutant(Random random, Family family, List<ObjectNode> events, PartKind kind) {
        ObjectNode event = events.get(random.nextInt(events.size()));
        Mutation.Mutant mutant = Mutation.of(random, event, family.dateFields());
        String right = family.partitionKey(event);
        String key;
        String keyChoice;
        int roll = kind == PartKind.MUTANT_OF_VALID ? 0 : random.nextInt(10);
        if (roll < 6) {
            key = right;
            keyChoice = "right key";
        } else if (roll < 8) {
            key = wrongKey(random, family, right, "other");
            keyChoice = "wrong key";
        } else {
            key = Hostile.partitionKey(random);
            keyChoice = "random key";
        }
        return new FuzzRecord(key, mutant.data(), kind, false, mutant.describe() + ", " + keyChoice);
    }

    private static String wrongKey(Random random, Family family, String right, String namespace) {
        String key = random.nextBoolean() ? Hostile.partitionKey(random) : right + "-" + namespace;
        return key.equals(right) ? right + "x" : key;
    }

    private static byte[] utf8(ObjectNode event) {
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7F || Character.isSurrogate(c) || (c >= 0x80 && c < 0xA0) || c == '\u2028'
                    || c == '\u2029' || c == '\uFEFF') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
