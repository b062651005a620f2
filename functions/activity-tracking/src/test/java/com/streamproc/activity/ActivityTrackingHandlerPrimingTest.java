package com.streamproc.activity;

import static org.assertj.core.api.Assertions.assertThat;

import com.streamproc.activity.decode.ActivityEventDecoder;
import com.streamproc.shared.batch.BatchProcessor;
import com.streamproc.shared.batch.BatchProcessorConfig;
import com.streamproc.shared.snapstart.PrimingEvents;
import com.streamproc.shared.testing.InMemoryQuarantine;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class ActivityTrackingHandlerPrimingTest {
    @Test
    void everyPrimingEventDecodesSoPrimingWarmsTheRealPath() {
        BatchProcessor<com.streamproc.activity.domain.ActivityEvent> processor = new BatchProcessor<>(
                new ActivityEventDecoder(Clock.systemUTC()), (records, context) -> {
                    throw new AssertionError("priming must not apply anything");
                }, new InMemoryQuarantine(), BatchProcessorConfig.defaults("activity-tracking"), summary -> { });

        int decoded = processor.primeDecoding(
                PrimingEvents.batch("priming", ActivityTrackingDescriptor.PRIMING_EVENTS.toArray(String[]::new)));

        assertThat(decoded).isEqualTo(ActivityTrackingDescriptor.PRIMING_EVENTS.size());
    }
}
