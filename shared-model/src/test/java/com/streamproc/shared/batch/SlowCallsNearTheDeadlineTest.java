package com.streamproc.shared.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.streamproc.shared.aws.AwsClients;
import com.streamproc.shared.observe.BatchSummary;
import com.streamproc.shared.retry.DeadlineReachedException;
import com.streamproc.shared.retry.FailureCause;
import com.streamproc.shared.retry.FailureKind;
import com.streamproc.shared.retry.RetryPolicy;
import com.streamproc.shared.retry.TransientRetry;
import com.streamproc.shared.testing.FakeLambdaContext;
import com.streamproc.shared.testing.InMemoryQuarantine;
import com.streamproc.shared.testing.KinesisEventFixture;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Slow calls near the deadline, through the production client against an HTTP server on loopback that answers
 * nothing for ten seconds: every call must give up by the invocation's deadline, not by the client's own (longer)
 * limits, so that the handler answers Lambda within its safety margin.
 */
class SlowCallsNearTheDeadlineTest {
    private static HttpServer slowServer;
    private static DynamoDbClient dynamoDb;

    @BeforeAll
    static void startSlowServer() throws Exception {
        slowServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        slowServer.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "slow-server");
            t.setDaemon(true);
            return t;
        }));
        slowServer.createContext("/", exchange -> {
            try {
                Thread.sleep(10_000);
                exchange.sendResponseHeaders(500, -1);
            } catch (InterruptedException | java.io.IOException e) {
                // the client gave up
            } finally {
                exchange.close();
            }
        });
        slowServer.start();
        System.setProperty("aws.region", "eu-west-1");
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        dynamoDb = AwsClients.dynamoDb(URI.create("http://127.0.0.1:" + slowServer.getAddress().getPort()));
    }

    @AfterAll
    static void stop() {
        dynamoDb.close();
        slowServer.stop(0);
    }

    private static Object getItem() {
        return dynamoDb.getItem(b -> b.tableName("orders").key(Map.of("pk", AttributeValue.fromS("k"))));
    }

    @Test
    void aCallMadeWithLittleTimeLeftGivesUpAtTheDeadline() {
        // 400 ms left; the client alone would wait 2 s for the attempt.
        TransientRetry retry = new TransientRetry(new RetryPolicy(3, Duration.ofMillis(50), Duration.ofMillis(50)),
                Deadline.of(Duration.ofMillis(400), Duration.ZERO, System::nanoTime));
        long start = System.nanoTime();

        Throwable failure = catchThrowable(() -> retry.call(SlowCallsNearTheDeadlineTest::getItem));

        long elapsedMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        FailureCause cause = FailureCause.of(failure);
        assertThat(cause.kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(cause.operation()).isEqualTo("GetItem");
        assertThat(cause.table()).isEqualTo("orders");
        assertThat(elapsedMillis).as("gave up by the deadline, not the 2 s attempt timeout").isLessThan(1_500);
    }

    @Test
    void noCallStartsAfterTheDeadline() {
        TransientRetry retry = new TransientRetry(RetryPolicy.DEFAULT,
                Deadline.of(Duration.ZERO, Duration.ZERO, System::nanoTime));

        Throwable failure = catchThrowable(() -> retry.call(SlowCallsNearTheDeadlineTest::getItem));

        assertThat(failure).isInstanceOf(DeadlineReachedException.class);
    }

    @Test
    void theHandlerAnswersWithinItsMarginWhenEveryCallIsSlow() {
        // 4 s left, 2 s margin: the batch must be answered before Lambda's timeout, so within 4 s.
        List<BatchSummary> summaries = new CopyOnWriteArrayList<>();
        RecordApplier<TestEvent> readsEachRecord =
                (record, retry) -> retry.call(SlowCallsNearTheDeadlineTest::getItem);
        BatchProcessor<TestEvent> processor = new BatchProcessor<>(TestEvent.decoder(),
                RecordApplier.perRecord(readsEachRecord, 2), new InMemoryQuarantine(),
                BatchProcessorConfig.defaults("slow").withDeadlineMargin(Duration.ofSeconds(2)), summaries::add,
                Clock.systemUTC(), System::nanoTime);
        KinesisEventFixture batch = KinesisEventFixture.batch();
        for (int i = 0; i < 6; i++) {
            batch.record("k" + i, TestEvent.json("k" + i, i));
        }
        KinesisEvent event = batch.build();
        long start = System.nanoTime();

        StreamsEventResponse response = processor.process(event,
                new FakeLambdaContext("slow", 4_000, System::nanoTime));

        long elapsedMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertThat(elapsedMillis).as("answered before Lambda's timeout").isLessThan(4_000);
        assertThat(response.getBatchItemFailures()).hasSize(1);
        assertThat(summaries.get(0).failed()).isEqualTo(6);
        assertThat(summaries.get(0).failureCause().kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(summaries.get(0).failureCause().operation()).isEqualTo("GetItem");
    }
}
