package com.streamproc.tools.produce;

import static org.assertj.core.api.Assertions.assertThat;

import com.streamproc.tools.TestFunctions;
import com.streamproc.tools.aws.PipelineFunction;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLinesInputTest {

    private static List<InputEvent> read(byte[] bytes) {
        List<InputEvent> events = new ArrayList<>();
        new JsonLinesInput(TestFunctions.ACTIVITY_TRACKING, "in.jsonl", new ByteArrayInputStream(bytes))
                .forEachRemaining(events::add);
        return events;
    }

    @Test
    void everyNonBlankLineIsOneEventNamedByItsLineNumber() {
        List<InputEvent> events = read("{\"a\":1}\r\n\n   \n{\"a\":2}\n{\"a\":3}".getBytes());

        assertThat(events).extracting(e -> new String(e.data())).containsExactly("{\"a\":1}", "{\"a\":2}", "{\"a\":3}");
        assertThat(events).extracting(InputEvent::origin).containsExactly("in.jsonl:1", "in.jsonl:4", "in.jsonl:5");
        assertThat(events).allMatch(e -> e.function() == TestFunctions.ACTIVITY_TRACKING);
    }

    @Test
    void bytesAreKeptAsTheyAreSoInvalidUtf8ReachesTheDecoder() {
        byte[] line = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'};

        List<InputEvent> events = read(line);

        assertThat(events).singleElement().satisfies(e ->
                assertThat(e.data()).containsExactly(java.util.Arrays.copyOf(line, line.length - 1)));
    }

    @Test
    void overlongLineIsCutJustPastTheRecordLimit() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("x".repeat(KinesisLimits.MAX_RECORD_BYTES + 5000).getBytes());
        bytes.writeBytes("\n{}\n".getBytes());

        List<InputEvent> events = read(bytes.toByteArray());

        assertThat(events).hasSize(2);
        assertThat(events.get(0).data().length).isEqualTo(KinesisLimits.MAX_RECORD_BYTES + 1);
        assertThat(new String(events.get(1).data())).isEqualTo("{}");
    }

    @Test
    void emptyInputHasNoEvents() {
        assertThat(read(new byte[0])).isEmpty();
    }

    @Test
    void envelopeLinesGiveTheirDataAndPartitionKey() {
        byte[] lines = ("{\"partitionKey\": \"u-1\", \"data\": {\"userId\": \"u-2\", \"n\": 1.50}}\n"
                + "{\"partitionKey\": \"u-3\", \"rawData\": \"{not json\"}\n").getBytes();

        List<InputEvent> events = new ArrayList<>();
        new JsonLinesInput(TestFunctions.ACTIVITY_TRACKING, "sample.jsonl", new ByteArrayInputStream(lines), true)
                .forEachRemaining(events::add);

        assertThat(events).extracting(InputEvent::partitionKey).containsExactly("u-1", "u-3");
        assertThat(events).extracting(e -> new String(e.data()))
                .containsExactly("{\"userId\":\"u-2\",\"n\":1.50}", "{not json");
    }

    @Test
    void lineThatIsNoEnvelopeNamesItsPlace() {
        JsonLinesInput input = new JsonLinesInput(TestFunctions.ACTIVITY_TRACKING, "sample.jsonl",
                new ByteArrayInputStream("{\"userId\": \"u\"}\n".getBytes()), true);

        org.assertj.core.api.Assertions.assertThatThrownBy(input::next)
                .hasMessage("sample.jsonl:1: envelope line has neither \"data\" nor a \"rawData\" string");
    }
}
