package com.streamproc.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.streamproc.shared.decode.JsonRecordDecoder;
import com.streamproc.tools.aws.PipelineFunction;
import com.streamproc.tools.produce.DecoderContract;
import com.streamproc.tools.produce.EventContract;
import com.streamproc.tools.produce.KeyedTestEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad flags and unreachable endpoints: one clear line on stderr, a non-zero exit status, no stack trace. */
class CommandLineErrorsTest {
    private static URI nowhere;

    @BeforeAll
    static void findAPortWhereNothingListens() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            nowhere = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }

    private static ToolContext context() {
        Map<PipelineFunction, EventContract> contracts = new java.util.TreeMap<>();
        for (PipelineFunction function : PipelineFunction.values()) {
            contracts.put(function, new DecoderContract<KeyedTestEvent>(function,
                    new JsonRecordDecoder<>(KeyedTestEvent.class), KeyedTestEvent::key,
                    List.of("key")));
        }
        return new ToolContext(new EndpointConnections(nowhere, nowhere), () -> contracts,
                new ByteArrayInputStream(new byte[0]), Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC));
    }

    private static CommandRun run(String... args) {
        return CommandRun.run(context(), args);
    }

    private static void assertOneCleanLine(CommandRun run, int exitCode, String... fragments) {
        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isEqualTo(exitCode);
        assertThat(run.errLines()).as("stderr").hasSize(1);
        assertThat(run.errLines().get(0)).contains(fragments).doesNotContain("Exception", "\tat ");
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertOneCleanLine(run("produce", "--generate", "orders=1", "--bogus"), ExitCodes.USAGE,
                "streamproc-tools produce:", "--bogus", "--help");
    }

    @Test
    void unknownCommandIsAUsageError() {
        assertOneCleanLine(run("consume"), ExitCodes.USAGE, "consume");
    }

    @Test
    void missingCommandIsAUsageError() {
        assertOneCleanLine(run(), ExitCodes.USAGE, "missing command");
    }

    @Test
    void inputAndGenerateTogetherAreAUsageError() {
        assertOneCleanLine(run("produce", "--input", "orders=a.jsonl", "--generate", "orders=5"), ExitCodes.USAGE,
                "mutually exclusive");
    }

    @Test
    void neitherInputNorGenerateIsAUsageError() {
        assertOneCleanLine(run("produce"), ExitCodes.USAGE, "--input", "--generate");
    }

    @Test
    void unknownEventTypeIsAUsageError() {
        assertOneCleanLine(run("produce", "--generate", "invoices=5"), ExitCodes.USAGE, "unknown function 'invoices'");
    }

    @Test
    void inputWithoutTypeIsAUsageError() {
        assertOneCleanLine(run("produce", "--input", "orders.jsonl"), ExitCodes.USAGE, "TYPE=FILE");
    }

    @Test
    void nonPositiveRateIsAUsageError() {
        assertOneCleanLine(run("produce", "--generate", "orders=5", "--rate", "0"), ExitCodes.USAGE, "--rate");
    }

    @Test
    void nonNumericCountIsAUsageError() {
        assertOneCleanLine(run("produce", "--generate", "orders=lots"), ExitCodes.USAGE, "lots");
    }

    @Test
    void missingInputFileFailsBeforeAnythingIsSent() {
        assertOneCleanLine(run("produce", "--input", "orders=does-not-exist.jsonl"), ExitCodes.FAILED,
                "cannot read input file does-not-exist.jsonl");
    }

    @Test
    void malformedEnvironmentNameIsAUsageError() {
        assertOneCleanLine(run("quarantine", "list", "--function", "orders", "--env", "Prod_1"), ExitCodes.USAGE,
                "--env");
    }

    @Test
    void missingFunctionIsAUsageError() {
        assertOneCleanLine(run("quarantine", "list"), ExitCodes.USAGE, "--function");
    }

    @Test
    void unknownFunctionIsAUsageError() {
        assertOneCleanLine(run("quarantine", "list", "--function", "billing"), ExitCodes.USAGE, "billing");
    }

    @Test
    void malformedDayIsAUsageError() {
        assertOneCleanLine(run("quarantine", "list", "--function", "orders", "--day", "2026-13-01"), ExitCodes.USAGE,
                "2026-13-01", "yyyy-MM-dd");
    }

    @Test
    void dayAndTimeRangeTogetherAreAUsageError() {
        assertOneCleanLine(run("quarantine", "list", "--function", "orders", "--day", "2026-11-27", "--from",
                "2026-11-27T10:00"), ExitCodes.USAGE, "--day and --from/--to");
    }

    @Test
    void malformedRecordIdIsAUsageError() {
        assertOneCleanLine(run("quarantine", "redrive", "--function", "orders", "--record", "shard-1"),
                ExitCodes.USAGE, "SHARD_ID/SEQUENCE_NUMBER");
    }

    @Test
    void recordIdWithABrokenSubSequenceIsAUsageError() {
        for (String id : new String[] {"shardId-000000000000/4959.", "shardId-000000000000/4959.x",
                "shardId-000000000000/4959.1.2"}) {
            assertOneCleanLine(run("quarantine", "redrive", "--function", "orders", "--record", id),
                    ExitCodes.USAGE, "SHARD_ID/SEQUENCE_NUMBER.SUB");
        }
    }

    @Test
    void unknownFormatIsAUsageError() {
        assertOneCleanLine(run("quarantine", "list", "--function", "orders", "--format", "xml"), ExitCodes.USAGE,
                "xml");
    }

    @Test
    void zeroLimitIsAUsageError() {
        assertOneCleanLine(run("quarantine", "list", "--function", "orders", "--limit", "0"), ExitCodes.USAGE,
                "--limit");
    }

    @Test
    void redriveWithoutSelectionIsRefused() {
        assertOneCleanLine(run("quarantine", "redrive", "--function", "orders"), ExitCodes.USAGE,
                "--reason, --source, --day, --from/--to or --record");
    }

    @Test
    void unreachableDynamoDbIsOneLine() {
        assertOneCleanLine(run("quarantine", "list", "--function", "orders"), ExitCodes.FAILED,
                "cannot reach DynamoDB", "Connection refused");
    }

    @Test
    void unreachableKinesisIsOneLine() {
        assertOneCleanLine(run("produce", "--generate", "orders=3", "--quiet"), ExitCodes.FAILED,
                "cannot reach Kinesis", "Connection refused");
    }

    @Test
    void aQuestionWithoutItsNameListsTheFunctionsQuestions() {
        assertOneCleanLine(run("query", "orders"), ExitCodes.USAGE,
                "missing question (get, by-customer, by-status, revenue");
    }

    @Test
    void aQuestionWithoutARequiredOptionIsAUsageError() {
        assertOneCleanLine(run("query", "customers", "by-email"), ExitCodes.USAGE, "--email");
    }

    // Nothing listens at the endpoint: a value checked only after connecting would fail with "cannot reach".
    @Test
    void aMalformedDayOfAQuestionIsRefusedBeforeAnythingConnects() {
        assertOneCleanLine(run("query", "orders", "revenue", "--day", "2026-13-01", "--currency", "EUR"),
                ExitCodes.USAGE, "--day", "'2026-13-01'", "yyyy-MM-dd");
    }

    @Test
    void aValueOutsideAnOptionsChoicesIsRefusedBeforeAnythingConnects() {
        assertOneCleanLine(run("query", "orders", "by-status", "--status", "LOST", "--day", "2026-11-27"),
                ExitCodes.USAGE, "--status", "'LOST'", "SHIPPED");
    }

    @Test
    void optionsThatMustGoTogetherAreCheckedBeforeAnythingConnects() {
        assertOneCleanLine(run("query", "activity", "action-hour", "--action", "click"), ExitCodes.USAGE,
                "one of --hour and --day");
        assertOneCleanLine(run("query", "activity", "action-hour", "--action", "click", "--hour", "2026-11-27T10",
                "--day", "2026-11-27"), ExitCodes.USAGE, "one of --hour and --day");
        assertOneCleanLine(run("query", "activity", "active-users", "--day", "2026-11-27", "--to-day", "2026-11-26"),
                ExitCodes.USAGE, "--to-day");
    }

    @Test
    void aValueTheFunctionCannotNormaliseIsAUsageError() {
        assertOneCleanLine(run("query", "customers", "by-email", "--email", "not-an-address"), ExitCodes.USAGE,
                "not a valid e-mail address");
    }

    @Test
    void aValidQuestionOnAnUnreachableTableIsOneLine() {
        assertOneCleanLine(run("query", "orders", "get", "--order-id", "ord-1"), ExitCodes.FAILED,
                "cannot reach DynamoDB", "Connection refused");
    }

    @Test
    void helpIsPrintedToStdoutWithExitZero() {
        CommandRun run = run("produce", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--generate", "--rate", "--allow-invalid");
        assertThat(run.err()).isEmpty();
    }
}
