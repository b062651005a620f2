package com.streamproc.e2e.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.streamproc.activity.decode.ActivityEventDecoder;
import com.streamproc.cleansing.DataCleansingDescriptor;
import com.streamproc.e2e.model.ActivityModel;
import com.streamproc.e2e.model.CustomerModel;
import com.streamproc.e2e.model.OrderModel;
import com.streamproc.orders.decode.OrderEventDecoder;
import com.streamproc.shared.decode.RecordDecoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every hostile record is refused by the function it is made for (with some reason code, or because its partition
 * key is not the one the event's contract requires), whatever valid event it starts from: else the reference models,
 * which expect them quarantined, would be wrong.
 */
class HostileRecordsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PER_FUNCTION = 3_000;

    @Test
    void hostileOrderRecordsAreAlwaysRefused() {
        assertAlwaysRefused("order-processing", new OrderEventDecoder(), OrderModel.HOSTILE_TARGETS,
                valid(new OrderModel().generate(11, 2), OrderIntent.Valid.class));
    }

    @Test
    void hostileActivityRecordsAreAlwaysRefused() {
        assertAlwaysRefused("activity-tracking", new ActivityEventDecoder(Clock.systemUTC()),
                ActivityModel.HOSTILE_TARGETS, valid(new ActivityModel().generate(11, 10),
                        ActivityIntent.Valid.class));
    }

    @Test
    void hostileCustomerRecordsAreAlwaysRefused() {
        assertAlwaysRefused("data-cleansing", DataCleansingDescriptor.newDecoder(Clock.systemUTC()),
                CustomerModel.HOSTILE_TARGETS, valid(new CustomerModel().generate(11, 10),
                        CustomerIntent.Valid.class));
    }

    private static void assertAlwaysRefused(String function, RecordDecoder<?> decoder, HostileRecords.Targets targets,
                                            List<Produced<?>> valid) {
        Random random = new Random(20261203L);
        Map<String, Map<String, Integer>> reasonsByKind = new TreeMap<>();
        Set<HostileRecords.Kind> kinds = EnumSet.noneOf(HostileRecords.Kind.class);
        for (int i = 0; i < PER_FUNCTION; i++) {
            Produced<?> base = valid.get(random.nextInt(valid.size()));
            HostileRecords.Made made = HostileRecords.of(random, event(base), base.partitionKey(), targets);
            Produced<Object> record = new Produced<>(made.partitionKey(), made.data(), "hostile");
            String refusal = GeneratedInputTest.refusal(decoder, record);
            assertThat(refusal).as("%s %s under key %s: %s", function, made.kind(), made.partitionKey(),
                    new String(made.data(), java.nio.charset.StandardCharsets.UTF_8)).isNotEqualTo("ACCEPTED");
            kinds.add(HostileRecords.Kind.valueOf(made.kind()));
            reasonsByKind.computeIfAbsent(made.kind(), k -> new TreeMap<>()).merge(refusal, 1, Integer::sum);
        }
        System.out.println("[hostile] " + function + " reasons by kind: " + reasonsByKind);
        assertThat(kinds).containsExactlyInAnyOrder(HostileRecords.Kind.values());
    }

    private static List<Produced<?>> valid(List<? extends Produced<?>> stream, Class<?> validIntent) {
        List<Produced<?>> valid = new ArrayList<>();
        stream.stream().filter(r -> validIntent.isInstance(r.intent())).forEach(valid::add);
        return valid;
    }

    private static ObjectNode event(Produced<?> record) {
        try {
            return (ObjectNode) JSON.readTree(record.data());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
