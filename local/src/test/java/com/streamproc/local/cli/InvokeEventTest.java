package com.streamproc.local.cli;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.streamproc.shared.testing.KinesisEventFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class InvokeEventTest {
    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String record(String kinesis) {
        return "{\"Records\":[" + okRecord() + ",{\"eventSource\":\"aws:kinesis\",\"kinesis\":" + kinesis + "}]}";
    }

    private static String okRecord() {
        return "{\"eventSource\":\"aws:kinesis\",\"kinesis\":{\"partitionKey\":\"k\",\"sequenceNumber\":\"1\","
                + "\"data\":\"e30=\"}}";
    }

    @Test
    void anEventOverSixMegabytesIsRefusedWithLambdasError() {
        byte[] event = new byte[InvokeEvent.MAX_REQUEST_BYTES + 1];
        Arrays.fill(event, (byte) ' ');
        event[0] = '{';
        event[event.length - 1] = '}';

        assertThatThrownBy(() -> InvokeEvent.check(event)).isInstanceOf(LocalCli.UsageException.class)
                .hasMessageStartingWith("RequestEntityTooLargeException: Request must be smaller than 6291456 bytes "
                        + "for the InvokeFunction operation");
    }

    @Test
    void anEventOfExactlySixMegabytesIsAccepted() {
        byte[] event = new byte[InvokeEvent.MAX_REQUEST_BYTES];
        Arrays.fill(event, (byte) ' ');
        event[0] = '{';
        event[event.length - 1] = '}';

        assertThatCode(() -> InvokeEvent.check(event)).doesNotThrowAnyException();
    }

    @Test
    void aRecordWithoutSequenceNumberIsRefusedNamingIt() {
        assertThatThrownBy(() -> InvokeEvent.check(utf8(record("{\"partitionKey\":\"k\",\"data\":\"e30=\"}"))))
                .isInstanceOf(LocalCli.UsageException.class)
                .hasMessageStartingWith("not a Kinesis event as Lambda delivers it: Records[1].kinesis.sequenceNumber is missing");
    }

    @Test
    void aRecordWithNullKinesisIsRefused() {
        assertThatThrownBy(() -> InvokeEvent.check(utf8(record("null"))))
                .hasMessageContaining("Records[1].kinesis is null");
        assertThatThrownBy(() -> InvokeEvent.check(utf8("{\"Records\":[{\"eventSource\":\"aws:kinesis\"}]}")))
                .hasMessageContaining("Records[0].kinesis is missing");
    }

    @Test
    void otherBrokenRecordsAreRefused() {
        assertThatThrownBy(() -> InvokeEvent.check(utf8(record("{\"sequenceNumber\":\"2\",\"data\":\"e30=\"}"))))
                .hasMessageContaining("Records[1].kinesis.partitionKey is missing");
        assertThatThrownBy(() -> InvokeEvent.check(utf8(record("{\"sequenceNumber\":\"2\",\"partitionKey\":\"k\"}"))))
                .hasMessageContaining("Records[1].kinesis.data is missing");
        assertThatThrownBy(() -> InvokeEvent.check(utf8(record(
                "{\"sequenceNumber\":\"2\",\"partitionKey\":\"k\",\"data\":\"not base64!\"}"))))
                .hasMessageContaining("Records[1].kinesis.data is not base64");
        assertThatThrownBy(() -> InvokeEvent.check(utf8(record(
                "{\"sequenceNumber\":2,\"partitionKey\":\"k\",\"data\":\"e30=\"}"))))
                .hasMessageContaining("Records[1].kinesis.sequenceNumber is a number");
        assertThatThrownBy(() -> InvokeEvent.check(utf8("{\"Records\":null}")))
                .hasMessageContaining("Records is null");
        assertThatThrownBy(() -> InvokeEvent.check(utf8("{\"Records\":[null]}")))
                .hasMessageContaining("Records[0] is null");
    }

    @Test
    void textThatIsNotJsonIsRefused() {
        assertThatThrownBy(() -> InvokeEvent.check(utf8("{\"Records\": [")))
                .hasMessageStartingWith("the event is not JSON");
    }

    @Test
    void batchesAsLambdaSendsThemAndEventsThatAreNoBatchPass() throws Exception {
        assertThatCode(() -> InvokeEvent.check(utf8(KinesisEventFixture.batch().record("k", "{}")
                .record("k2", "not json").toLambdaJson()))).doesNotThrowAnyException();
        assertThatCode(() -> InvokeEvent.check(utf8("{}"))).doesNotThrowAnyException();
        assertThatCode(() -> InvokeEvent.check(utf8("{\"Records\":[]}"))).doesNotThrowAnyException();
        Path events = Path.of("..", "events");
        if (Files.isDirectory(events)) {
            try (var files = Files.walk(events)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                    assertThatCode(() -> InvokeEvent.check(Files.readAllBytes(file))).as(file.toString())
                            .doesNotThrowAnyException();
                }
            }
        }
    }
}
