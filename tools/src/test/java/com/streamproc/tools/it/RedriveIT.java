package com.streamproc.tools.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.streamproc.emulators.EmulatorStack;
import com.streamproc.emulators.EmulatorStackExtension;
import com.streamproc.tools.TestFunctions;
import com.streamproc.tools.aws.PipelineFunction;
import com.streamproc.tools.cli.CommandRun;
import com.streamproc.tools.cli.ExitCodes;
import com.streamproc.tools.cli.ToolContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** Quarantine list and redrive against records the order-processing handler really quarantined. */
@ExtendWith(EmulatorStackExtension.class)
class RedriveIT {
    private static final String PAYMENT = "{\"schemaVersion\":1,\"eventId\":\"r-paid\",\"type\":\"PAYMENT_CAPTURED\","
            + "\"orderId\":\"ord-r1\",\"occurredAt\":\"2026-11-26T09:05:00Z\",\"currency\":\"EUR\",\"amount\":\"7.50\"}";
    private static final String PLACED = "{\"schemaVersion\":1,\"eventId\":\"r-placed\",\"type\":\"ORDER_PLACED\","
            + "\"orderId\":\"ord-r1\",\"customerId\":\"cust-r\",\"occurredAt\":\"2026-11-26T09:00:00Z\","
            + "\"currency\":\"EUR\",\"items\":[{\"sku\":\"A\",\"quantity\":3,\"unitPrice\":\"2.50\"}],\"total\":\"7.50\"}";

    private ToolContext tools;

    private CommandRun run(String... args) {
        return CommandRun.run(tools, args);
    }

    private void produce(Path dir, String name, String line, String... flags) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, line + "\n");
        List<String> args = new ArrayList<>(List.of("produce", "--env", "redriveit", "--input", "orders=" + file,
                "--quiet"));
        args.addAll(List.of(flags));
        CommandRun run = run(args.toArray(String[]::new));
        assertThat(run.exitCode()).as("produce: %s", run.err()).isEqualTo(ExitCodes.OK);
    }

    private List<Map<String, String>> list(String reason) throws Exception {
        CommandRun run = run("quarantine", "list", "--env", "redriveit", "--function", "order-processing",
                "--reason", reason, "--format", "json");
        assertThat(run.exitCode()).as("list: %s", run.err()).isEqualTo(ExitCodes.OK);
        return PrintedRows.parse("json", run.out());
    }

    @Test
    void redrivenRecordIsAppliedOnceTheCauseIsFixedAndTruncatedOnesAreRefused(EmulatorStack stack,
                                                                               @TempDir Path dir) throws Exception {
        tools = ItContexts.of(stack);
        try (LocalPipeline pipeline = new LocalPipeline(stack, "redriveit");
             KinesisClient kinesis = stack.kinesisClient()) {
            // A payment for an order the function has not seen yet: quarantined as ORDER_UNKNOWN.
            produce(dir, "payment.jsonl", PAYMENT);
            pipeline.deliverNew(TestFunctions.ORDER_PROCESSING);
            List<Map<String, String>> quarantined = list("ORDER_UNKNOWN");
            assertThat(quarantined).singleElement().satisfies(row -> {
                assertThat(row.get("partitionKey")).isEqualTo("ord-r1");
                assertThat(row.get("function")).isEqualTo("order-processing");
                assertThat(row.get("truncated")).isEqualTo("false");
            });
            String recordId = quarantined.get(0).get("record");

            // The fix: the order is placed after all.
            produce(dir, "placed.jsonl", PLACED);
            pipeline.deliverNew(TestFunctions.ORDER_PROCESSING);
            assertThat(orderStatus()).isEqualTo("PLACED");

            CommandRun dryRun = run("quarantine", "redrive", "--env", "redriveit", "--function", "orders",
                    "--reason", "ORDER_UNKNOWN", "--dry-run", "--format", "csv");
            assertThat(dryRun.exitCode()).as(dryRun.err()).isEqualTo(ExitCodes.OK);
            assertThat(PrintedRows.parse("csv", dryRun.out())).extracting(r -> r.get("outcome"))
                    .containsExactly("WOULD_REDRIVE");
            assertThat(list("ORDER_UNKNOWN")).hasSize(1);
            int streamLengthBefore = StreamContents.readAll(kinesis, "redriveit-orders").size();

            CommandRun redrive = run("quarantine", "redrive", "--env", "redriveit", "--function", "orders",
                    "--record", recordId, "--format", "json");

            assertThat(redrive.exitCode()).as(redrive.err()).isEqualTo(ExitCodes.OK);
            assertThat(PrintedRows.parse("json", redrive.out())).singleElement()
                    .satisfies(r -> assertThat(r.get("outcome")).isEqualTo("REDRIVEN"));
            assertThat(list("ORDER_UNKNOWN")).isEmpty();
            List<StreamContents.Stored> stream = StreamContents.readAll(kinesis, "redriveit-orders");
            assertThat(stream).hasSize(streamLengthBefore + 1);
            assertThat(stream.stream().filter(s -> s.text().equals(PAYMENT)))
                    .as("the original and the redriven copy, same key and bytes").hasSize(2)
                    .allMatch(s -> s.partitionKey().equals("ord-r1"));
            assertThat(pipeline.deliverNew(TestFunctions.ORDER_PROCESSING)).isEqualTo(1);
            assertThat(orderStatus()).isEqualTo("PAID");
            assertThat(list("ORDER_UNKNOWN")).isEmpty();

            // A record too big to keep whole in the quarantine cannot be redriven from it.
            String big = "{\"orderId\":\"ord-big\",\"pad\":\"" + "x".repeat(70_000);
            produce(dir, "big.jsonl", big, "--allow-invalid");
            pipeline.deliverNew(TestFunctions.ORDER_PROCESSING);
            assertThat(list("MALFORMED_JSON")).singleElement()
                    .satisfies(r -> assertThat(r.get("truncated")).isEqualTo("true"));

            CommandRun refused = run("quarantine", "redrive", "--env", "redriveit", "--function", "orders",
                    "--reason", "MALFORMED_JSON");

            assertThat(refused.exitCode()).isEqualTo(ExitCodes.FAILED);
            assertThat(refused.err()).contains("REFUSED_TRUNCATED", "truncated when quarantined",
                    "re-send the original event");
            assertThat(list("MALFORMED_JSON")).hasSize(1);
        }
    }

    private String orderStatus() throws Exception {
        CommandRun run = run("query", "orders", "get", "--env", "redriveit", "--order-id", "ord-r1", "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        return PrintedRows.parse("json", run.out()).get(0).get("status");
    }
}
