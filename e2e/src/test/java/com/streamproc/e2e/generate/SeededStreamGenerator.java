package com.streamproc.e2e.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * What every stream generator of the suite shares: one {@link Random} per seed and function (so that a seed's
 * stream is the same whatever else runs), JSON objects to render events into, times written at an offset as
 * producers do, and records scattered into the stream at random places (poison, hostile records: many producers
 * write to one stream).
 *
 * @param <I> the function's intent type
 */
abstract class SeededStreamGenerator<I> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter WITH_OFFSET = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");

    protected final long seed;
    protected final Random random;

    /** @param salt the function's own number: streams of one seed differ between functions */
    protected SeededStreamGenerator(long seed, int salt) {
        this.seed = seed;
        this.random = new Random(seed * 31 + salt);
    }

    protected static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** {@code at} to the millisecond, written at one of {@code offsets}, picked at random. */
    protected String atOffset(Instant at, List<ZoneOffset> offsets) {
        ZoneOffset offset = offsets.get(random.nextInt(offsets.size()));
        return WITH_OFFSET.format(at.atOffset(offset));
    }

    /** Inserts {@code count} records made by {@code make} (given their number) at random places of {@code stream}. */
    protected void scatter(List<Produced<I>> stream, int count, IntFunction<Produced<I>> make) {
        Produced.insertAtRandomPlaces(stream, random, count, make);
    }
}
