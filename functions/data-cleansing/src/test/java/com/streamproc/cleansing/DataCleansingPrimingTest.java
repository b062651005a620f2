package com.streamproc.cleansing;

import static org.assertj.core.api.Assertions.assertThat;

import com.streamproc.shared.batch.BatchProcessor;
import com.streamproc.shared.snapstart.PrimingEvents;
import com.streamproc.shared.testing.InMemoryQuarantine;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class DataCleansingPrimingTest {
    @Test
    void thePrimingRecordCleansesSoPrimingWarmsTheRealPath() {
        BatchProcessor<CleansedRecord> processor = new BatchProcessor<>(DataCleansingDescriptor.newDecoder(Clock.systemUTC()),
                (records, context) -> {
                    throw new AssertionError("priming must not apply anything");
                }, new InMemoryQuarantine(), DataCleansingDescriptor.defaultConfig(), summary -> { });

        int decoded = processor.primeDecoding(PrimingEvents.batch("priming:0", DataCleansingDescriptor.PRIMING_RECORD));

        assertThat(decoded).isEqualTo(1);
    }
}
