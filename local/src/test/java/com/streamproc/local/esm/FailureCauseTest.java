package com.streamproc.local.esm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FailureCauseTest {

    @Test
    void batchProcessedLineWithAFailureCauseIsRead() {
        String line = "{\"timestamp\":\"2026-11-27T10:00:00Z\",\"level\":\"WARN\",\"message\":\"batch processed\","
                + "\"function\":\"order-processing\",\"shardId\":\"shardId-000000000001\",\"records\":5,\"applied\":2,"
                + "\"failed\":3,\"reportedSequenceNumber\":\"4965\",\"failureCause\":{\"exception\":"
                + "\"ProvisionedThroughputExceededException\",\"errorCode\":\"ProvisionedThroughputExceededException\","
                + "\"operation\":\"PutItem\",\"table\":\"orders-local\"}}";

        FailureCause.FailedBatch failed = FailureCause.parse(line).orElseThrow();

        assertThat(failed.shardId()).isEqualTo("shardId-000000000001");
        assertThat(failed.reportedSequenceNumber()).isEqualTo("4965");
        assertThat(failed.failed()).isEqualTo(3);
        assertThat(failed.cause()).map(FailureCause::describe)
                .contains("ProvisionedThroughputExceededException on PutItem orders-local");
    }

    @Test
    void nullAndMissingPartsOfTheCauseAreLeftOut() {
        assertThat(new FailureCause("DynamoDbException", "ThrottlingException", "UpdateItem", null).describe())
                .isEqualTo("DynamoDbException (ThrottlingException) on UpdateItem");
        assertThat(new FailureCause("SdkClientException", null, null, null).describe()).isEqualTo("SdkClientException");
        assertThat(new FailureCause(null, "AccessDeniedException", null, "t").describe())
                .isEqualTo("AccessDeniedException on table t");

        FailureCause.FailedBatch failed = FailureCause.parse("{\"message\":\"batch processed\",\"shardId\":\"s\","
                + "\"failed\":1,\"reportedSequenceNumber\":\"9\",\"failureCause\":{\"exception\":null,"
                + "\"errorCode\":null,\"operation\":null,\"table\":null}}").orElseThrow();
        assertThat(failed.cause()).isEmpty();
    }

    @Test
    void linesWithoutFailedRecordsOrNotFromTheObserverAreNotFailures() {
        assertThat(FailureCause.parse("{\"message\":\"batch processed\",\"failed\":0,\"shardId\":\"s\"}")).isEmpty();
        assertThat(FailureCause.parse("START RequestId: 1 Version: $LATEST")).isEmpty();
        assertThat(FailureCause.parse("batch processed {not json")).isEmpty();
        assertThat(FailureCause.parse("{\"message\":\"other\",\"failed\":2}")).isEmpty();
        assertThat(FailureCause.parse("{\"_aws\":{},\"RecordsFailed\":1}")).isEmpty();
    }
}
