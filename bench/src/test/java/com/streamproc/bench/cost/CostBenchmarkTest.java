package com.streamproc.bench.cost;

import static org.assertj.core.api.Assertions.assertThat;

import com.streamproc.bench.workload.KinesisBatches;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CostBenchmarkTest {
    @Test
    void findsAWorkloadRecordBackFromItsSequenceNumber() {
        String sequence = KinesisBatches.FIRST_SEQUENCE.add(BigInteger.valueOf(1_234)).toString();

        assertThat(CostBenchmark.indexOf(sequence)).isEqualTo(1_234);
    }

    @Test
    void theIdempotencyKeyIsTheMd5OfThePayloadAsPowertoolsComputesIt() {
        assertThat(IdempotentBaselineWriter.md5("{}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("99914b932bd37a50b983c5e7c90ae93b");
    }
}
