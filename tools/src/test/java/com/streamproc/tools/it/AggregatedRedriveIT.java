package com.streamproc.tools.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.streamproc.emulators.EmulatorStack;
import com.streamproc.emulators.EmulatorStackExtension;
import com.streamproc.shared.kpl.KplAggregate;
import com.streamproc.tools.TestFunctions;
import com.streamproc.tools.aws.PipelineFunction;
import com.streamproc.tools.cli.CommandRun;
import com.streamproc.tools.cli.ExitCodes;
import com.streamproc.tools.cli.ToolContext;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * A user record of a KPL aggregate, quarantined by the order-processing handler on its own, is listed with its
 * {@code SEQUENCE.SUB} id and redriven by that id as a plain record with its own key and payload; its siblings,
 * already applied, are not sent again.
 */
@ExtendWith(EmulatorStackExtension.class)
class AggregatedRedriveIT {
    private static final String ENV = "aggredriveit";
    private static final String PAYMENT = "{\"schemaVersion\":1,\"eventId\":\"a1-paid\",\"type\":\"PAYMENT_CAPTURED\","
            + "\"orderId\":\"ord-a1\",\"occurredAt\":\"2026-11-26T09:05:00Z\",\"currency\":\"EUR\",\"amount\":\"7.50\"}";

    private ToolContext tools;

    private static String placed(String orderId) {
        return "{\"schemaVersion\":1,\"eventId\":\"" + orderId + "-placed\",\"type\":\"ORDER_PLACED\",\"orderId\":\""
                + orderId + "\",\"customerId\":\"cust-a\",\"occurredAt\":\"2026-11-26T09:00:00Z\",\"currency\":\"EUR\","
                + "\"items\":[{\"sku\":\"A\",\"quantity\":3,\"unitPrice\":\"2.50\"}],\"total\":\"7.50\"}";
    }

    private CommandRun run(String... args) {
        return CommandRun.run(tools, args);
    }

    private void produce(Path file, List<String> lines, String... flags) throws Exception {
        Files.writeString(file, String.join("\n", lines) + "\n");
        List<String> args = new ArrayList<>(List.of("produce", "--env", ENV, "--input", "orders=" + file, "--quiet"));
        args.addAll(List.of(flags));
        CommandRun run = run(args.toArray(String[]::new));
        assertThat(run.exitCode()).as("produce: %s", run.err()).isEqualTo(ExitCodes.OK);
    }

    private List<Map<String, String>> list(String reason) throws Exception {
        CommandRun run = run("quarantine", "list", "--env", ENV, "--function", "order-processing", "--reason", reason,
                "--format", "json");
        assertThat(run.exitCode()).as("list: %s", run.err()).isEqualTo(ExitCodes.OK);
        return PrintedRows.parse("json", run.out());
    }

    @Test
    void aQuarantinedUserRecordIsListedAndRedrivenByItsSubSequenceIdAsAPlainRecord(EmulatorStack stack,
                                                                                   @TempDir Path dir)
            throws Exception {
        tools = ItContexts.of(stack);
        try (LocalPipeline pipeline = new LocalPipeline(stack, ENV);
             KinesisClient kinesis = stack.kinesisClient()) {
            // Nine orders' events aggregated; the payment is for an order not placed yet: ORDER_UNKNOWN.
            List<String> events = new ArrayList<>(List.of(placed("ord-a2"), placed("ord-a3"), PAYMENT));
            for (int i = 4; i <= 9; i++) {
                events.add(placed("ord-a" + i));
            }
            produce(dir.resolve("aggregated.jsonl"), events, "--aggregate");
            List<StreamContents.Stored> aggregates = StreamContents.readAll(kinesis, ENV + "-orders");
            assertThat(aggregates).as("fewer Kinesis records than events").hasSizeLessThan(events.size())
                    .allMatch(r -> KplAggregate.isAggregated(ByteBuffer.wrap(r.data())));
            assertThat(pipeline.deliverNew(TestFunctions.ORDER_PROCESSING)).isEqualTo(aggregates.size());

            List<Map<String, String>> quarantined = list("ORDER_UNKNOWN");
            assertThat(quarantined).singleElement().satisfies(row -> {
                assertThat(row.get("partitionKey")).isEqualTo("ord-a1");
                assertThat(row.get("record")).as("SHARD/SEQUENCE.SUB").matches("shardId-\\d{12}/\\d+\\.\\d+");
                assertThat(row.get("bytes")).isEqualTo(Integer.toString(PAYMENT.length()));
            });
            String recordId = quarantined.get(0).get("record");
            String aggregateSequence = recordId.substring(recordId.indexOf('/') + 1, recordId.indexOf('.'));
            assertThat(aggregates).extracting(StreamContents.Stored::sequenceNumber).contains(aggregateSequence);
            CommandRun withPayload = run("quarantine", "list", "--env", ENV, "--function", "orders", "--record",
                    recordId, "--payload", "--format", "json");
            assertThat(PrintedRows.parse("json", withPayload.out())).singleElement()
                    .satisfies(row -> assertThat(row.get("payload")).as("its own data").isEqualTo(PAYMENT));
            CommandRun byAggregateId = run("quarantine", "list", "--env", ENV, "--function", "orders", "--record",
                    recordId.substring(0, recordId.indexOf('.')), "--format", "json");
            assertThat(PrintedRows.parse("json", byAggregateId.out()))
                    .as("the aggregate's own id names no quarantined record").isEmpty();

            // The fix: the order is placed after all (a plain record).
            produce(dir.resolve("placed.jsonl"), List.of(placed("ord-a1")));
            assertThat(pipeline.deliverNew(TestFunctions.ORDER_PROCESSING)).isEqualTo(1);
            assertThat(orderStatus("ord-a1")).isEqualTo("PLACED");
            int streamLengthBefore = StreamContents.readAll(kinesis, ENV + "-orders").size();

            CommandRun redrive = run("quarantine", "redrive", "--env", ENV, "--function", "orders", "--record",
                    recordId, "--format", "json");

            assertThat(redrive.exitCode()).as(redrive.err()).isEqualTo(ExitCodes.OK);
            assertThat(PrintedRows.parse("json", redrive.out())).singleElement().satisfies(r -> {
                assertThat(r.get("record")).isEqualTo(recordId);
                assertThat(r.get("outcome")).isEqualTo("REDRIVEN");
            });
            List<StreamContents.Stored> stream = StreamContents.readAll(kinesis, ENV + "-orders");
            assertThat(stream).hasSize(streamLengthBefore + 1);
            String newSequence = PrintedRows.parse("json", redrive.out()).get(0).get("newSequenceNumber");
            StreamContents.Stored redriven = stream.stream().filter(s -> s.sequenceNumber().equals(newSequence))
                    .findFirst().orElseThrow();
            assertThat(redriven.partitionKey()).isEqualTo("ord-a1");
            assertThat(redriven.data()).as("a plain record: the user record's own bytes")
                    .isEqualTo(PAYMENT.getBytes(StandardCharsets.UTF_8));
            assertThat(pipeline.deliverNew(TestFunctions.ORDER_PROCESSING)).isEqualTo(1);
            assertThat(orderStatus("ord-a1")).isEqualTo("PAID");
            assertThat(orderStatus("ord-a2")).as("a sibling, applied once, untouched").isEqualTo("PLACED");
            assertThat(list("ORDER_UNKNOWN")).isEmpty();
        }
    }

    private String orderStatus(String orderId) throws Exception {
        CommandRun run = run("query", "orders", "get", "--env", ENV, "--order-id", orderId, "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        return PrintedRows.parse("json", run.out()).get(0).get("status");
    }
}
