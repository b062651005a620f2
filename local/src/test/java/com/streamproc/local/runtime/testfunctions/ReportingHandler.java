package com.streamproc.local.runtime.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.List;
import java.util.Map;

/**
 * Test function for a Kinesis batch: reports its first record as failed for the first {@code FAIL_TIMES}
 * invocations (as the pipeline's functions do on a throttled write), writing the "batch processed" line with the
 * failure's cause first; then succeeds.
 */
public class ReportingHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private int calls;

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        calls++;
        List<Map<String, Object>> records = (List<Map<String, Object>>) input.get("Records");
        Map<String, Object> first = records.get(0);
        String sequence = String.valueOf(((Map<String, Object>) first.get("kinesis")).get("sequenceNumber"));
        String eventId = String.valueOf(first.get("eventID"));
        String shardId = eventId.substring(0, eventId.indexOf(':'));
        boolean fail = calls <= Integer.parseInt(System.getenv("FAIL_TIMES"));
        System.out.println("{\"level\":\"" + (fail ? "WARN" : "INFO") + "\",\"message\":\"batch processed\","
                + "\"function\":\"reporting\",\"shardId\":\"" + shardId + "\",\"firstSequenceNumber\":\"" + sequence
                + "\",\"records\":" + records.size() + ",\"failed\":" + (fail ? 1 : 0) + ",\"reportedSequenceNumber\":"
                + (fail ? "\"" + sequence + "\"" : "null")
                + (fail ? ",\"failureCause\":{\"exception\":\"ProvisionedThroughputExceededException\","
                        + "\"errorCode\":\"ProvisionedThroughputExceededException\",\"operation\":\"PutItem\","
                        + "\"table\":\"" + System.getenv("TABLE") + "\"}" : "")
                + "}");
        return Map.of("batchItemFailures", fail ? List.of(Map.of("itemIdentifier", sequence)) : List.of());
    }
}
