package com.streamproc.tools.failures;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.Record;

class ReplayEventTest {
    private static final String STREAM = "arn:aws:kinesis:eu-west-1:123456789012:stream/prod-orders";
    private static final String ROLE = "arn:aws:iam::123456789012:role/prod-order-processing-role";

    private static Record record(String key, String sequence, String data, Instant arrival) {
        return Record.builder().partitionKey(key).sequenceNumber(sequence).data(SdkBytes.fromUtf8String(data))
                .approximateArrivalTimestamp(arrival).build();
    }

    @Test
    void runtimeSerializerReadsTheRecordsWithTheirOwnSequenceKeysShardAndStream() {
        List<Record> records = List.of(
                record("ord-1", "49590338271490256608559692538361571095921575989136588898", "{\"a\":1}",
                        Instant.parse("2026-11-27T09:15:00.123Z")),
                record("ord-2", "49590338271490256608559692538361571095921575989136588899", "{\"b\":2}",
                        Instant.parse("2026-11-27T09:15:01Z")));

        byte[] json = ReplayEvent.json("shardId-000000000003", STREAM, "eu-west-1", ROLE, records);
        KinesisEvent event = LambdaEventSerializers.serializerFor(KinesisEvent.class, getClass().getClassLoader())
                .fromJson(new ByteArrayInputStream(json));

        assertThat(event.getRecords()).hasSize(2);
        KinesisEvent.KinesisEventRecord first = event.getRecords().get(0);
        assertThat(first.getEventID()).isEqualTo("shardId-000000000003:49590338271490256608559692538361571095921575989136588898");
        assertThat(first.getEventSourceARN()).isEqualTo(STREAM);
        assertThat(first.getEventSource()).isEqualTo("aws:kinesis");
        assertThat(first.getEventName()).isEqualTo("aws:kinesis:record");
        assertThat(first.getAwsRegion()).isEqualTo("eu-west-1");
        assertThat(first.getInvokeIdentityArn()).isEqualTo(ROLE);
        assertThat(first.getKinesis().getPartitionKey()).isEqualTo("ord-1");
        assertThat(first.getKinesis().getSequenceNumber()).isEqualTo("49590338271490256608559692538361571095921575989136588898");
        assertThat(StandardCharsets.UTF_8.decode(first.getKinesis().getData()).toString()).isEqualTo("{\"a\":1}");
        assertThat(first.getKinesis().getApproximateArrivalTimestamp().toInstant())
                .isEqualTo(Instant.parse("2026-11-27T09:15:00.123Z"));
        assertThat(event.getRecords().get(1).getKinesis().getPartitionKey()).isEqualTo("ord-2");
    }

    @Test
    void recordHasTheFieldsOfTheSampleEvents() throws Exception {
        JsonNode sample = new ObjectMapper().readTree(Files.readString(
                Path.of("..", "events", "order-processing").toFile().listFiles((d, n) -> n.endsWith(".json"))[0].toPath()))
                .get("Records").get(0);

        JsonNode replayed = new ObjectMapper().readTree(ReplayEvent.json("shardId-000000000000", STREAM, "eu-west-1",
                ROLE, List.of(record("k", "1", "{}", Instant.parse("2026-11-27T09:15:00Z"))))).get("Records").get(0);

        assertThat(fieldNames(replayed)).containsExactlyInAnyOrderElementsOf(fieldNames(sample));
        assertThat(fieldNames(replayed.get("kinesis"))).containsExactlyInAnyOrderElementsOf(fieldNames(sample.get("kinesis")));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
