package com.streamproc.tools.produce.synthetic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.streamproc.shared.function.FunctionDescriptors;
import com.streamproc.shared.function.SyntheticEvents;
import com.streamproc.shared.traffic.StreamTraffic;
import com.streamproc.shared.traffic.TrafficShape;
import com.streamproc.tools.aws.PipelineFunction;
import com.streamproc.tools.produce.InputEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.TreeMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * Synthetic traffic for the functions' contracts: a given number of events per contract, interleaved at random in
 * proportion to what is left of each (so all finish together and the mix holds throughout). Each function makes up
 * its own events ({@link SyntheticEvents}, in its module jar and never in its deployment zip).
 *
 * <p>Orders follow their lifecycle (placed, then paid or cancelled, shipped, delivered, sometimes refunded) with a
 * few orders in flight at once; activity comes from a pool of users doing common actions; customer records describe
 * a pool of people as several source systems write them, in varying formats, so the cleansing merges them.
 * With {@code invalidPercent > 0} that share of events is broken on purpose (a missing key field, truncated JSON,
 * or a contract-specific bad value) to exercise rejection and the quarantine.
 *
 * <p>The same seed gives the same events, apart from timestamps, which follow the clock.
 */
public final class SyntheticTraffic implements Iterator<InputEvent> {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Random random;
    private final Map<PipelineFunction, Long> remaining = new TreeMap<>();
    private final Map<PipelineFunction, SyntheticEvents.Generator> factories = new TreeMap<>();
    private final double invalidShare;
    private long total;
    private long produced;

    /**
     * @param counts         events per contract
     * @param seed           the random seed; also names this run's ids, so two runs with different seeds never
     *                       share an order id or event id
     * @param invalidPercent share of events broken on purpose, 0..100
     */
    public SyntheticTraffic(Map<PipelineFunction, Long> counts, long seed, double invalidPercent, Clock clock) {
        this(counts, seed, invalidPercent, Knobs.TYPICAL, clock);
    }

    /**
     * The knobs of the functions' generators that {@code produce --generate} sets (see {@code TrafficShape}).
     *
     * @param keySkew         the Zipf exponent of the most active keys, or null for each function's typical one
     * @param duplicateShare  events sent twice, 0..0.5
     * @param outOfOrderShare events sent late, 0..1
     */
    public record Knobs(Double keySkew, double duplicateShare, double outOfOrderShare) {
        /** Each function's typical skew, no duplicates, none late. */
        public static final Knobs TYPICAL = new Knobs(null, 0, 0);

        UnaryOperator<TrafficShape> apply() {
            return shape -> {
                TrafficShape skewed = keySkew == null ? shape : shape.withKeySkew(keySkew);
                return skewed.withShares(duplicateShare, outOfOrderShare, shape.poisonShare(), shape.invalidShare());
            };
        }
    }

    /**
     * @param counts         events per contract
     * @param seed           the random seed; also names this run's ids, so two runs with different seeds never
     *                       share an order id or event id
     * @param invalidPercent share of events broken on purpose, 0..100
     * @param knobs          the generators' knobs; functions that declare only single events take no knobs
     */
    public SyntheticTraffic(Map<PipelineFunction, Long> counts, long seed, double invalidPercent, Knobs knobs,
                            Clock clock) {
        if (invalidPercent < 0 || invalidPercent > 100) {
            throw new IllegalArgumentException("invalid percent must be 0..100");
        }
        this.random = new Random(seed);
        this.invalidShare = invalidPercent / 100;
        String run = runTag(seed);
        counts.forEach((function, count) -> {
            if (count < 0) {
                throw new IllegalArgumentException("count for " + function.eventType() + " must not be negative");
            }
            if (count > 0) {
                remaining.put(function, count);
                total += count;
                SyntheticEvents events = eventsOf(function);
                if (events instanceof StreamTraffic traffic) {
                    factories.put(function, traffic.generator(random, clock, run, count, knobs.apply()));
                } else if (knobs.equals(Knobs.TYPICAL)) {
                    factories.put(function, events.generator(random, clock, run, count));
                } else {
                    throw new IllegalArgumentException(function.functionName() + " declares single synthetic events"
                            + " only, without a stream generator: it takes no --key-skew, --duplicate-percent or"
                            + " --late-percent");
                }
            }
        });
    }

    private static SyntheticEvents eventsOf(PipelineFunction function) {
        return FunctionDescriptors.eventsOf(function.functionName(), SyntheticTraffic.class.getClassLoader())
                .orElseThrow(() -> new IllegalArgumentException("produce --generate has no synthetic events for "
                        + function.functionName() + "; send its events with --input"));
    }

    /** Six base-36 characters of the seed: short enough for ids, distinct enough across runs. */
    static String runTag(long seed) {
        String tag = Long.toString(seed & 0x7fffffffffffL, 36);
        return tag.length() > 6 ? tag.substring(tag.length() - 6) : tag;
    }

    @Override
    public boolean hasNext() {
        return produced < total;
    }

    @Override
    public InputEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        PipelineFunction function = pick();
        remaining.merge(function, -1L, Long::sum);
        produced++;
        SyntheticEvents.Generator factory = factories.get(function);
        byte[] data = invalidShare > 0 && random.nextDouble() < invalidShare ? invalid(factory) : bytes(factory.next());
        return new InputEvent(function, data, "generated:" + produced);
    }

    private PipelineFunction pick() {
        long left = total - produced;
        long ticket = (long) (random.nextDouble() * left);
        for (Map.Entry<PipelineFunction, Long> entry : remaining.entrySet()) {
            if (ticket < entry.getValue()) {
                return entry.getKey();
            }
            ticket -= entry.getValue();
        }
        return remaining.entrySet().stream().filter(e -> e.getValue() > 0).findFirst().orElseThrow().getKey();
    }

    private byte[] invalid(SyntheticEvents.Generator factory) {
        return switch (random.nextInt(3)) {
            case 0 -> {
                ObjectNode event = factory.next();
                event.remove(factory.keyField());
                yield bytes(event);
            }
            case 1 -> {
                byte[] whole = bytes(factory.next());
                yield Arrays.copyOf(whole, Math.max(1, whole.length / 2));
            }
            default -> bytes(factory.invalid());
        };
    }

    private static byte[] bytes(ObjectNode event) {
        try {
            return JSON.writeValueAsString(event).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
