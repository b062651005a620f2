package com.streamproc.tools.produce;

import static com.streamproc.tools.produce.TestRecords.record;
import static org.assertj.core.api.Assertions.assertThat;

import com.streamproc.shared.retry.RetryPolicy;
import com.streamproc.tools.aws.RealSdkFailures;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

class PutRecordsSenderTest {
    private static final RetryPolicy POLICY = new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(1));

    private final FakeKinesis kinesis = new FakeKinesis();
    private final List<Duration> sleeps = new ArrayList<>();
    private final PutRecordsSender sender = new PutRecordsSender(kinesis, POLICY, sleeps::add,
            new SplittableRandom(7));

    @Test
    void partiallyFailedRequestResendsOnlyTheFailedEntries() {
        kinesis.thenAnswer(entries -> codes(entries.size(), 1, "ProvisionedThroughputExceededException",
                3, "InternalFailure"));
        List<OutboundRecord> records = List.of(record("a", "1"), record("b", "2"), record("c", "3"), record("d", "4"));

        SendResult result = sender.send("local-orders", records);

        assertThat(result.sent()).isEqualTo(4);
        assertThat(result.retried()).isEqualTo(2);
        assertThat(result.unsent()).isEmpty();
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(kinesis.putRecordsCalls.get(1).records()).extracting(PutRecordsRequestEntry::partitionKey)
                .containsExactly("b", "d");
        assertThat(kinesis.stored).extracting(FakeKinesis.Stored::data).containsExactlyInAnyOrder("1", "2", "3", "4");
    }

    @Test
    void backoffIsFullJitterUnderTheDoublingCap() {
        RandomGenerator alwaysTop = new RandomGenerator() {
            @Override
            public long nextLong() {
                return Long.MAX_VALUE;
            }

            @Override
            public long nextLong(long bound) {
                return bound - 1;
            }
        };
        PutRecordsSender topOfRange = new PutRecordsSender(kinesis, POLICY, sleeps::add, alwaysTop);
        for (int i = 0; i < 3; i++) {
            kinesis.thenAnswer(entries -> codes(entries.size(), 0, "ProvisionedThroughputExceededException"));
        }

        SendResult result = topOfRange.send("s", List.of(record("a", "1")));

        assertThat(result.sent()).isEqualTo(1);
        assertThat(result.retried()).isEqualTo(3);
        // random(0, cap) at its top: the caps 100, 200, 400 ms of attempts 1, 2, 3.
        assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
    }

    @Test
    void jitteredWaitsNeverExceedTheirCap() {
        for (int i = 0; i < 3; i++) {
            kinesis.thenAnswer(entries -> codes(entries.size(), 0, "ProvisionedThroughputExceededException"));
        }

        sender.send("s", List.of(record("a", "1")));

        assertThat(sleeps).hasSize(3);
        for (int i = 0; i < sleeps.size(); i++) {
            assertThat(sleeps.get(i)).isBetween(Duration.ZERO, POLICY.capFor(i + 1));
        }
    }

    @Test
    void entryErrorThatARetryCannotFixIsGivenUpAtOnce() {
        kinesis.thenAnswer(entries -> codes(entries.size(), 0, "KMSAccessDeniedException"));

        SendResult result = sender.send("s", List.of(record("a", "1"), record("b", "2")));

        assertThat(result.sent()).isEqualTo(1);
        assertThat(result.retried()).isZero();
        assertThat(result.unsent()).singleElement().satisfies(u -> {
            assertThat(u.record().partitionKey()).isEqualTo("a");
            assertThat(u.errorCode()).isEqualTo("KMSAccessDeniedException");
            assertThat(u.retryable()).isFalse();
            assertThat(u.attempts()).isEqualTo(1);
        });
        assertThat(kinesis.putRecordsCalls).hasSize(1);
    }

    @Test
    void entriesStillFailingAfterTheLastAttemptAreUnsent() {
        for (int i = 0; i < POLICY.maxAttempts(); i++) {
            kinesis.thenAnswer(entries -> codes(entries.size(), 0, "ProvisionedThroughputExceededException"));
        }

        SendResult result = sender.send("s", List.of(record("a", "1"), record("b", "2")));

        assertThat(result.sent()).isEqualTo(1);
        assertThat(result.unsent()).extracting(UnsentRecord::errorCode, UnsentRecord::retryable, UnsentRecord::attempts)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ProvisionedThroughputExceededException", true,
                        POLICY.maxAttempts()));
        assertThat(result.retried()).isEqualTo(POLICY.maxAttempts() - 1);
        assertThat(kinesis.putRecordsCalls).hasSize(POLICY.maxAttempts());
    }

    @Test
    void transientFailureOfTheWholeCallIsRetried() {
        // As the SDK throws it: the connection failure is the cause.
        kinesis.thenThrow(SdkClientException.create("Unable to execute HTTP request: Connection reset",
                new SocketException("Connection reset")));

        SendResult result = sender.send("s", List.of(record("a", "1"), record("b", "2")));

        assertThat(result.sent()).isEqualTo(2);
        assertThat(result.retried()).isEqualTo(2);
        assertThat(kinesis.stored).hasSize(2);
    }

    @Test
    void permanentFailureOfTheWholeCallLeavesEveryRecordUnsent() {
        kinesis.thenThrow(ResourceNotFoundException.builder()
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ResourceNotFoundException")
                        .errorMessage("Stream local-orders not found").build())
                .statusCode(400).build());

        SendResult result = sender.send("s", List.of(record("a", "1"), record("b", "2")));

        assertThat(result.sent()).isZero();
        assertThat(result.unsent()).extracting(UnsentRecord::errorCode)
                .containsExactly("ResourceNotFoundException", "ResourceNotFoundException");
        assertThat(kinesis.putRecordsCalls).hasSize(1);
    }

    @Test
    void marshallingErrorIsSentOnceAndEveryRecordReportedWithItsCause() {
        kinesis.thenThrow(RealSdkFailures.marshalling());

        SendResult result = sender.send("s", List.of(record("a", "1"), record("b", "2")));

        assertThat(kinesis.putRecordsCalls).hasSize(1);
        assertThat(sleeps).isEmpty();
        assertThat(result.sent()).isZero();
        assertThat(result.retried()).isZero();
        assertThat(result.unsent()).hasSize(2).allSatisfy(u -> {
            assertThat(u.errorCode()).isEqualTo("SdkClientException");
            assertThat(u.message()).startsWith("Unable to marshall request").contains("surrogate");
            assertThat(u.retryable()).isFalse();
            assertThat(u.attempts()).isEqualTo(1);
        });
    }

    @Test
    void validationErrorOfTheCallIsNotRetried() {
        kinesis.thenThrow(KinesisException.builder()
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ValidationException")
                        .errorMessage("1 validation error detected: Value at 'records.1.member.partitionKey' failed")
                        .build())
                .statusCode(400).build());

        SendResult result = sender.send("s", List.of(record("a", "1")));

        assertThat(kinesis.putRecordsCalls).hasSize(1);
        assertThat(result.unsent()).singleElement().satisfies(u -> {
            assertThat(u.errorCode()).isEqualTo("ValidationException");
            assertThat(u.message()).contains("partitionKey");
            assertThat(u.retryable()).isFalse();
        });
    }

    @Test
    void clientErrorThatNeverReachedTheNetworkIsNotRetried() {
        kinesis.thenThrow(SdkClientException.create("Unable to load credentials from any of the providers"));

        SendResult result = sender.send("s", List.of(record("a", "1")));

        assertThat(kinesis.putRecordsCalls).hasSize(1);
        assertThat(result.unsent()).singleElement().extracting(UnsentRecord::retryable).isEqualTo(false);
    }

    @Test
    void serverErrorIsRetriedUntilTheAttemptsRunOutThenReportedAsRetryable() {
        for (int i = 0; i < POLICY.maxAttempts(); i++) {
            kinesis.thenThrow(KinesisException.builder()
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("InternalFailure").build())
                    .statusCode(500).build());
        }

        SendResult result = sender.send("s", List.of(record("a", "1")));

        assertThat(kinesis.putRecordsCalls).hasSize(POLICY.maxAttempts());
        assertThat(result.unsent()).singleElement().satisfies(u -> {
            assertThat(u.retryable()).isTrue();
            assertThat(u.attempts()).isEqualTo(POLICY.maxAttempts());
        });
    }

    @Test
    void throttledCallIsRetried() {
        kinesis.thenThrow(KinesisException.builder()
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("LimitExceededException").build())
                .statusCode(400).build());

        SendResult result = sender.send("s", List.of(record("a", "1")));

        assertThat(result.sent()).isEqualTo(1);
        assertThat(kinesis.putRecordsCalls).hasSize(2);
    }

    /** {@code n} null codes with the given (index, code) pairs set. */
    static List<String> codes(int n, Object... indexAndCode) {
        String[] codes = new String[n];
        for (int i = 0; i < indexAndCode.length; i += 2) {
            int index = (Integer) indexAndCode[i];
            if (index < n) {
                codes[index] = (String) indexAndCode[i + 1];
            }
        }
        return Arrays.asList(codes);
    }
}
