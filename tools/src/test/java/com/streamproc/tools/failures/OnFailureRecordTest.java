package com.streamproc.tools.failures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class OnFailureRecordTest {
    /** The example of Lambda's developer guide, "Retain discarded batch records for a Kinesis Data Streams event source". */
    static final String DOCUMENTED_SAMPLE = """
            {
                "requestContext": {
                    "requestId": "c9b8fa9f-5a7f-xmpl-af9c-0c604cde93a5",
                    "functionArn": "arn:aws:lambda:us-east-2:123456789012:function:myfunction",
                    "condition": "RetryAttemptsExhausted",
                    "approximateInvokeCount": 1
                },
                "responseContext": {
                    "statusCode": 200,
                    "executedVersion": "$LATEST",
                    "functionError": "Unhandled"
                },
                "version": "1.0",
                "timestamp": "2019-11-14T00:38:06.021Z",
                "KinesisBatchInfo": {
                    "shardId": "shardId-000000000001",
                    "startSequenceNumber": "49601189658422359378836298521827638475320189012309704722",
                    "endSequenceNumber": "49601189658422359378836298522902373528957594348623495186",
                    "approximateArrivalOfFirstRecord": "2019-11-14T00:38:04.835Z",
                    "approximateArrivalOfLastRecord": "2019-11-14T00:38:05.580Z",
                    "batchSize": 500,
                    "streamArn": "arn:aws:kinesis:us-east-2:123456789012:stream/mystream"
                }
            }""";

    @Test
    void documentedSampleGivesShardRangeAndStream() {
        OnFailureRecord record = OnFailureRecord.parse(DOCUMENTED_SAMPLE);

        assertThat(record.requestId()).isEqualTo("c9b8fa9f-5a7f-xmpl-af9c-0c604cde93a5");
        assertThat(record.condition()).isEqualTo("RetryAttemptsExhausted");
        assertThat(record.invokeCount()).isEqualTo(1);
        assertThat(record.timestamp()).isEqualTo(Instant.parse("2019-11-14T00:38:06.021Z"));
        assertThat(record.shardId()).isEqualTo("shardId-000000000001");
        assertThat(record.startSequence()).isEqualTo("49601189658422359378836298521827638475320189012309704722");
        assertThat(record.endSequence()).isEqualTo("49601189658422359378836298522902373528957594348623495186");
        assertThat(record.firstArrival()).isEqualTo(Instant.parse("2019-11-14T00:38:04.835Z"));
        assertThat(record.lastArrival()).isEqualTo(Instant.parse("2019-11-14T00:38:05.580Z"));
        assertThat(record.batchSize()).isEqualTo(500);
        assertThat(record.streamName()).isEqualTo("mystream");
        assertThat(record.region()).isEqualTo("us-east-2");
    }

    @Test
    void recordOfAnotherSourceIsRefusedWithTheReason() {
        String sqsRecord = DOCUMENTED_SAMPLE.replace("KinesisBatchInfo", "SQSBatchInfo");

        assertThatThrownBy(() -> OnFailureRecord.parse(sqsRecord))
                .hasMessage("no KinesisBatchInfo: not the on-failure record of a Kinesis source");
    }

    @Test
    void rangeEndingBeforeItStartsIsRefused() {
        String reversed = DOCUMENTED_SAMPLE.replace("49601189658422359378836298521827638475320189012309704722", "X")
                .replace("49601189658422359378836298522902373528957594348623495186",
                        "49601189658422359378836298521827638475320189012309704722")
                .replace("\"X\"", "\"49601189658422359378836298522902373528957594348623495186\"");

        assertThatThrownBy(() -> OnFailureRecord.parse(reversed))
                .hasMessage("KinesisBatchInfo.startSequenceNumber is after endSequenceNumber");
    }

    @Test
    void missingSequenceNumberIsNamed() {
        String missing = DOCUMENTED_SAMPLE.replace("\"endSequenceNumber\"", "\"end\"");

        assertThatThrownBy(() -> OnFailureRecord.parse(missing)).hasMessage("KinesisBatchInfo.endSequenceNumber is missing");
    }
}
