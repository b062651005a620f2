package com.streamproc.shared.snapstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.streamproc.shared.batch.BatchProcessor;
import com.streamproc.shared.batch.BatchProcessorConfig;
import com.streamproc.shared.batch.RecordApplier;
import com.streamproc.shared.decode.JsonRecordDecoder;
import com.streamproc.shared.testing.InMemoryQuarantine;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SnapStartPrimingTest {
    record Ping(String id) {
    }

    @Test
    void primingDecodesTheSampleWithoutApplyingOrQuarantiningAnything() {
        AtomicInteger applied = new AtomicInteger();
        InMemoryQuarantine quarantine = new InMemoryQuarantine();
        BatchProcessor<Ping> processor = new BatchProcessor<>(new JsonRecordDecoder<>(Ping.class),
                RecordApplier.perRecord((record, retry) -> applied.incrementAndGet(), 1), quarantine,
                BatchProcessorConfig.defaults("priming"), summary -> { });
        KinesisEvent sample = PrimingEvents.batch("k", "{\"id\":\"a\"}", "{\"id\":\"b\"}", "not json");

        int decoded = processor.primeDecoding(sample);

        assertThat(decoded).isEqualTo(2);
        assertThat(applied.get()).isZero();
        assertThat(quarantine.stored()).isEmpty();
    }

    @Test
    void registeredPrimingRunsAndItsFailuresAreContained() {
        AtomicInteger runs = new AtomicInteger();
        SnapStartPriming.register(runs::incrementAndGet);
        SnapStartPriming.register(() -> {
            throw new IllegalStateException("priming broke");
        });

        SnapStartPriming.registered().forEach(SnapStartPriming::runPriming);

        assertThat(runs.get()).isEqualTo(1);
    }
}
