package com.streamproc.shared.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.streamproc.shared.function.SyntheticEvents;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * The one traffic generator of a function's stream, in the function's {@code traffic} package (left out of its
 * deployment zip) and listed as a {@link SyntheticEvents} service: the local demo, the benchmarks and
 * {@code tools produce --generate} all take their records from it, with the same knobs ({@link TrafficShape}).
 * Each record says what the function should make of it and where its effect shows ({@link TrafficRecord}).
 */
public abstract class StreamTraffic implements SyntheticEvents {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int POISON_RUN = 100;

    private final String functionName;
    private final String keyField;
    private final double share;

    /**
     * @param functionName the {@code FunctionDescriptor#name} of the function whose stream this is
     * @param keyField     the field whose removal makes an event break the schema, and that the partition key is
     *                     read from
     * @param share        this stream's share of a mixed run's records (the demo's), relative to the other streams'
     */
    protected StreamTraffic(String functionName, String keyField, double share) {
        if (!(share > 0)) {
            throw new IllegalArgumentException(functionName + ": a stream's share must be positive, was " + share);
        }
        this.functionName = functionName;
        this.keyField = keyField;
        this.share = share;
    }

    @Override
    public final String functionName() {
        return functionName;
    }

    /** The records of {@code shape}, in the order they are sent; exactly {@code shape.count()} of them. */
    public abstract Traffic traffic(TrafficShape shape);

    /**
     * The shape of this stream's everyday traffic (its skew and shares, over the span its events usually take),
     * which the benchmarks and the demo run.
     */
    public abstract TrafficShape typical(int count, long seed);

    /** What the benchmarks need of the function. */
    public abstract BenchmarkProfile benchmark();

    /** This stream's share of a mixed run's records (the demo's), relative to the other streams'. */
    public final double share() {
        return share;
    }

    /**
     * Valid events of this generator for {@code produce --generate}; {@link Generator#invalid()} gives events its
     * decoder refuses (the poison of {@link #traffic} that is still a JSON object).
     */
    @Override
    public final Generator generator(Random random, Clock clock, String run, long count) {
        return generator(random, clock, run, count, UnaryOperator.identity());
    }

    /**
     * As {@link #generator(Random, Clock, String, long)}, the shape changed by {@code knobs} (key skew, duplicate
     * and out-of-order shares; poison and invalid shares are set to zero after it: broken events come from
     * {@link Generator#invalid()}).
     */
    public final Generator generator(Random random, Clock clock, String run, long count,
                                     UnaryOperator<TrafficShape> knobs) {
        int size = (int) Math.max(1, Math.min(Integer.MAX_VALUE - 8, count));
        TrafficShape typical = knobs.apply(typical(size, random.nextLong()).withRun(run).withShares(0, 0, 0, 0));
        TrafficShape valid = typical.withShares(typical.duplicateShare(), typical.outOfOrderShare(), 0, 0);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        long poisonSeed = random.nextLong();
        return new Generator() {
            private final Iterator<TrafficRecord> records = traffic(valid.endingAt(now)).records().iterator();
            private Iterator<TrafficRecord> poison = java.util.Collections.emptyIterator();
            private int poisonRuns;

            @Override
            public ObjectNode next() {
                if (!records.hasNext()) {
                    throw new IllegalStateException("the generator was asked for more than its " + size + " events");
                }
                return object(records.next()).orElseThrow(() ->
                        new IllegalStateException(functionName() + " generated a valid event that is no JSON object"));
            }

            @Override
            public ObjectNode invalid() {
                for (int attempts = 0; attempts < 1_000; attempts++) {
                    if (!poison.hasNext()) {
                        // Broken events in runs of their own (all poison), each with its own tag and seed.
                        int n = poisonRuns++;
                        poison = traffic(valid.withCount(POISON_RUN).withSeed(poisonSeed + n).withKeySkew(1)
                                .withRun(run + "x" + n).withShares(0, 0, 1, 0).endingAt(now)).records().iterator();
                    }
                    var event = object(poison.next());
                    if (event.isPresent()) {
                        return event.get();
                    }
                }
                throw new IllegalStateException(functionName() + " generates no broken event that is a JSON object");
            }

            @Override
            public String keyField() {
                return StreamTraffic.this.keyField();
            }
        };
    }

    /** The field whose removal makes an event break the schema, and that the partition key is read from. */
    protected final String keyField() {
        return keyField;
    }

    private static java.util.Optional<ObjectNode> object(TrafficRecord record) {
        try {
            JsonNode node = JSON.readTree(record.data());
            return node instanceof ObjectNode object ? java.util.Optional.of(object) : java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * {@code records} in the order of {@code times} (the same positions; stable for equal times) when the shape
     * sends by event time, else as they are.
     */
    protected static List<TrafficRecord> sendOrder(TrafficShape shape, List<TrafficRecord> records,
                                                   List<Instant> times) {
        if (shape.order() != TrafficShape.SendOrder.BY_EVENT_TIME) {
            return records;
        }
        List<Integer> order = new java.util.ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            order.add(i);
        }
        order.sort(java.util.Comparator.comparing(times::get));
        return order.stream().map(records::get).toList();
    }

    /**
     * The chance that a draw makes an edge story rather than an everyday one, such that {@code edgeShare} is the
     * share of the records, not of the draws: each side weighted by how many records a draw of it makes.
     *
     * @param edgeShare           the shape's edge share, 0..1
     * @param recordsPerDraw      records an everyday draw makes, about
     * @param recordsPerEdgeStory records an edge story makes, about
     */
    protected static double edgeStoryChance(double edgeShare, double recordsPerDraw, double recordsPerEdgeStory) {
        return edgeShare >= 1 ? 1
                : edgeShare * recordsPerDraw / (recordsPerEdgeStory * (1 - edgeShare) + edgeShare * recordsPerDraw);
    }

    /**
     * The edge share's stories, drawn from a random of their own, so that at edge share 0 the everyday draws, and so
     * the records, are those made before the knob existed. A draw is an edge story with the {@link #edgeStoryChance
     * chance} that makes the edge share a share of the records; one edge story in four is a single poison record,
     * the others a well-formed story in the contract's rarer forms.
     */
    protected abstract static class EdgeStories {
        /** The edge records' own random. */
        protected final Random random;
        /** The shape's shares, drawn from the edge records' own random. */
        protected final Draws draws;
        private final double storyChance;

        /**
         * @param random              the edge records' own random
         * @param recordsPerDraw      records an everyday draw makes, about
         * @param recordsPerEdgeStory records an edge story makes, about (poison records counted in)
         */
        protected EdgeStories(Random random, TrafficShape shape, double recordsPerDraw, double recordsPerEdgeStory) {
            this.random = random;
            this.draws = new Draws(random, shape);
            this.storyChance = edgeStoryChance(shape.edgeShare(), recordsPerDraw, recordsPerEdgeStory);
        }

        /** Makes an edge story when this draw is one, and says whether it was; else the caller makes an everyday one. */
        public final boolean drawStory() {
            if (!(random.nextDouble() < storyChance)) {
                return false;
            }
            if (random.nextInt(4) == 0) {
                poison();
            } else {
                story();
            }
            return true;
        }

        /** Makes one poison record, of the next kind in turn. */
        protected abstract void poison();

        /** Makes one well-formed story in the contract's rarer forms. */
        protected abstract void story();
    }

    /** The draws every generator makes the same way, so that shares mean the same in every stream. */
    protected static final class Draws {
        private final Random random;
        private final TrafficShape shape;

        public Draws(Random random, TrafficShape shape) {
            this.random = random;
            this.shape = shape;
        }

        /** True with probability {@code share}. */
        public boolean chance(double share) {
            return share > 0 && random.nextDouble() < share;
        }

        /** Whether the next record is a duplicate (the second copy; counted among the records). */
        public boolean duplicate() {
            // A share d of all records being second copies: each original is copied with probability d / (1 - d).
            double d = shape.duplicateShare();
            return chance(d >= 1 ? 1 : d / (1 - d));
        }

        /**
         * What the generator makes next: one poison record, one invalid record, or a well-formed story of about
         * {@code recordsPerStory} records (an order's lifecycle, a person's source records), drawn so that the
         * shape's poison and invalid shares hold per record, not per draw.
         */
        public Kind kind(double recordsPerStory) {
            double p = shape.poisonShare();
            double v = shape.invalidShare();
            double perDraw = recordsPerStory / (1 + (p + v) * (recordsPerStory - 1));
            double roll = random.nextDouble();
            return roll < p * perDraw ? Kind.POISON : roll < (p + v) * perDraw ? Kind.INVALID : Kind.VALID;
        }

        /** A time within the span, uniformly. */
        public Instant anytime() {
            return shape.start().plusMillis((long) (random.nextDouble() * shape.span().toMillis()));
        }

        /** A key skew draw over {@code n} keys with the shape's exponent. */
        public Zipf zipf(int n) {
            return new Zipf(Math.max(1, n), shape.keySkew(), random);
        }

        /** A random element. */
        public <T> T pick(List<T> values) {
            return values.get(random.nextInt(values.size()));
        }
    }

    /** What a generated record is meant to be. */
    protected enum Kind {
        VALID, POISON, INVALID
    }
}
