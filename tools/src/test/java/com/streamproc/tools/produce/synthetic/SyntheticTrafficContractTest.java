package com.streamproc.tools.produce.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import com.streamproc.shared.decode.PoisonRecordException;
import com.streamproc.tools.aws.PipelineFunction;
import com.streamproc.tools.produce.EventContract;
import com.streamproc.tools.produce.FunctionContracts;
import com.streamproc.tools.produce.InputEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Synthetic traffic checked by the functions' own decoders: what it calls valid, the functions accept. */
class SyntheticTrafficContractTest {
    private final Map<PipelineFunction, EventContract> contracts = FunctionContracts.standard();

    private static List<InputEvent> generate(long each, long seed, double invalidPercent) {
        Map<PipelineFunction, Long> counts = new LinkedHashMap<>();
        for (PipelineFunction function : PipelineFunction.values()) {
            counts.put(function, each);
        }
        List<InputEvent> events = new ArrayList<>();
        new SyntheticTraffic(counts, seed, invalidPercent, Clock.systemUTC()).forEachRemaining(events::add);
        return events;
    }

    @Test
    void everyGeneratedEventPassesItsFunctionsDecoderUnderTheContractsKey() throws Exception {
        for (InputEvent event : generate(500, 99, 0)) {
            String key;
            try {
                key = contracts.get(event.function()).partitionKeyOf(event.data());
            } catch (PoisonRecordException e) {
                throw new AssertionError(event.function() + " event rejected with " + e.getMessage() + ": "
                        + new String(event.data()), e);
            }
            assertThat(key).isNotBlank();
        }
    }

    @Test
    void brokenEventsAreRejectedWithTheFunctionsReasons() {
        Map<String, Integer> reasons = new TreeMap<>();
        int broken = 0;
        for (InputEvent event : generate(300, 4, 100)) {
            try {
                contracts.get(event.function()).partitionKeyOf(event.data());
            } catch (PoisonRecordException e) {
                broken++;
                reasons.merge(event.function().eventType() + ":" + e.reasonCode(), 1, Integer::sum);
            }
        }

        assertThat(broken).isEqualTo(900);
        assertThat(reasons).containsKeys("orders:TOTAL_MISMATCH", "orders:MALFORMED_JSON", "orders:SCHEMA_VIOLATION",
                "activity:INVALID_ACTION", "customers:NO_CONTACT_POINT");
    }
}
