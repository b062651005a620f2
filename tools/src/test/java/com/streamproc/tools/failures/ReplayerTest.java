package com.streamproc.tools.failures;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.Record;

class ReplayerTest {
    private static final BigInteger FIRST = new BigInteger("49590338271490256608559692538361571095921575989136588000");
    private static final OnFailureRecord RANGE = OnFailureRecord.parse(OnFailureRecordTest.DOCUMENTED_SAMPLE);

    /** Records the sequence numbers of each invocation and answers from a script (then success). */
    private static final class ScriptedFunction implements FunctionInvoker {
        final List<List<String>> invocations = new ArrayList<>();
        final Deque<Function<List<String>, Outcome>> script = new ArrayDeque<>();

        @Override
        public Outcome invoke(byte[] event) {
            List<String> sequences = new ArrayList<>();
            try {
                for (JsonNode record : new ObjectMapper().readTree(event).get("Records")) {
                    sequences.add(record.get("kinesis").get("sequenceNumber").asText());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            invocations.add(sequences);
            return script.isEmpty() ? new Outcome.Returned("{\"batchItemFailures\":[]}")
                    : script.poll().apply(sequences);
        }
    }

    private static List<Record> records(int count) {
        List<Record> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(Record.builder().partitionKey("k-" + i).sequenceNumber(FIRST.add(BigInteger.valueOf(i)).toString())
                    .data(SdkBytes.fromUtf8String("{}")).approximateArrivalTimestamp(Instant.EPOCH).build());
        }
        return records;
    }

    private static String seq(int i) {
        return FIRST.add(BigInteger.valueOf(i)).toString();
    }

    private static FunctionInvoker.Outcome reportFailed(String sequence) {
        return new FunctionInvoker.Outcome.Returned("{\"batchItemFailures\":[{\"itemIdentifier\":\"" + sequence + "\"}]}");
    }

    @Test
    void rangeGoesInOrderInBatchesOfTheMappingsSize() {
        ScriptedFunction function = new ScriptedFunction();
        List<Duration> pauses = new ArrayList<>();

        Replayer.Result result = new Replayer(function, 100, 3, Duration.ofSeconds(1), pauses::add)
                .replay(RANGE, null, records(250), line -> { });

        assertThat(function.invocations).extracting(List::size).containsExactly(100, 100, 50);
        assertThat(function.invocations.get(0).get(0)).isEqualTo(seq(0));
        assertThat(function.invocations.get(2).get(49)).isEqualTo(seq(249));
        assertThat(result).isEqualTo(new Replayer.Result(250, 3, 250, 250, true, null));
        assertThat(pauses).isEmpty();
    }

    @Test
    void reportedFailureIsRetriedFromThatRecordAfterABackoff() {
        ScriptedFunction function = new ScriptedFunction();
        function.script.add(sequences -> reportFailed(seq(40)));
        List<Duration> pauses = new ArrayList<>();

        Replayer.Result result = new Replayer(function, 100, 3, Duration.ofSeconds(1), pauses::add)
                .replay(RANGE, null, records(150), line -> { });

        assertThat(function.invocations).extracting(s -> s.get(0)).containsExactly(seq(0), seq(40), seq(140));
        assertThat(function.invocations).extracting(List::size).containsExactly(100, 100, 10);
        assertThat(result.applied()).isEqualTo(150);
        assertThat(result.complete()).isTrue();
        assertThat(pauses).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void functionErrorRetriesTheWholeBatchWithGrowingBackoff() {
        ScriptedFunction function = new ScriptedFunction();
        function.script.add(s -> new FunctionInvoker.Outcome.Failed("Unhandled", "{\"errorMessage\":\"boom\"}"));
        function.script.add(s -> new FunctionInvoker.Outcome.Failed("Unhandled", "{\"errorMessage\":\"boom\"}"));
        List<Duration> pauses = new ArrayList<>();

        Replayer.Result result = new Replayer(function, 10, 3, Duration.ofSeconds(1), pauses::add)
                .replay(RANGE, null, records(5), line -> { });

        assertThat(function.invocations).hasSize(3).allSatisfy(s -> assertThat(s).hasSize(5));
        assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(result).isEqualTo(new Replayer.Result(5, 3, 15, 5, true, null));
    }

    @Test
    void stopsAfterMaxAttemptsWithoutProgressAndCountsWhatWasApplied() {
        ScriptedFunction function = new ScriptedFunction();
        for (int i = 0; i < 10; i++) {
            function.script.add(sequences -> reportFailed(seq(7)));
        }
        List<String> progress = new ArrayList<>();

        Replayer.Result result = new Replayer(function, 10, 3, Duration.ofMillis(1), d -> { })
                .replay(RANGE, null, records(20), progress::add);

        assertThat(function.invocations).extracting(s -> s.get(0)).containsExactly(seq(0), seq(7), seq(7));
        assertThat(result.complete()).isFalse();
        assertThat(result.applied()).isEqualTo(7);
        assertThat(result.failed()).isEqualTo(13);
        assertThat(result.lastError()).isEqualTo("the function reported " + seq(7) + " as failed");
        assertThat(progress).hasSize(3);
    }

    @Test
    void identifierOfNoRecordOfTheBatchFailsItWhole() {
        ScriptedFunction function = new ScriptedFunction();
        function.script.add(sequences -> reportFailed("123"));

        Replayer.Result result = new Replayer(function, 10, 3, Duration.ofMillis(1), d -> { })
                .replay(RANGE, null, records(4), line -> { });

        assertThat(function.invocations).hasSize(2).allSatisfy(s -> assertThat(s).hasSize(4));
        assertThat(result.applied()).isEqualTo(4);
    }
}
