package com.streamproc.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every sample event in events/ is a Kinesis batch the Lambda Java runtime can hand to the function. */
class SampleEventsTest {
    private static final PojoSerializer<KinesisEvent> LAMBDA_SERIALIZER =
            LambdaEventSerializers.serializerFor(KinesisEvent.class, SampleEventsTest.class.getClassLoader());
    private static final SampleEventGenerator GENERATOR = new SampleEventGenerator(ProjectFiles.template());

    static Stream<Path> sampleEvents() throws IOException {
        Path events = ProjectFiles.events();
        if (!Files.isDirectory(events)) {
            return Stream.empty();
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(events, 2)) {
            walk.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
        }
        return files.stream();
    }

    @Test
    void everyFunctionHasSampleEvents() throws IOException {
        List<String> withEvents = sampleEvents().map(p -> p.getParent().getFileName().toString()).distinct().toList();

        assertThat(withEvents).containsAll(DeployedFunction.ALL.stream().map(DeployedFunction::name).toList());
    }

    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @MethodSource("sampleEvents")
    void deserializesWithTheLambdaRuntimeSerializer(Path file) throws IOException {
        KinesisEvent event;
        try (InputStream in = Files.newInputStream(file)) {
            event = LAMBDA_SERIALIZER.fromJson(in);
        }
        String function = file.getParent().getFileName().toString();

        assertThat(event.getRecords()).isNotEmpty();
        BigInteger previous = BigInteger.valueOf(-1);
        for (KinesisEvent.KinesisEventRecord record : event.getRecords()) {
            assertThat(record.getEventSource()).isEqualTo("aws:kinesis");
            assertThat(record.getEventSourceARN()).isEqualTo(GENERATOR.streamArnOf(function));
            assertThat(record.getKinesis().getPartitionKey()).isNotEmpty();
            assertThat(record.getKinesis().getData()).isNotNull();
            assertThat(record.getKinesis().getApproximateArrivalTimestamp()).isNotNull();
            BigInteger sequence = new BigInteger(record.getKinesis().getSequenceNumber());
            assertThat(sequence).isGreaterThan(previous);
            assertThat(record.getEventID()).endsWith(":" + sequence);
            previous = sequence;
        }
    }
}
