package com.streamproc.tools.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.RetryableException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.protocols.json.SdkJsonGenerator;

/**
 * Which failures of a Kinesis put a retry can fix, for the tools that send records (the producer, the redrive).
 *
 * <p>Transient: a PutRecords entry failed with {@code ProvisionedThroughputExceededException},
 * {@code InternalFailure} or {@code KMSThrottlingException}; the call was throttled, failed with a 5xx, timed out,
 * or could not reach the service (an {@link IOException} under the SDK's exception).
 *
 * <p>Permanent, never retried: anything the service refused ({@code ValidationException},
 * {@code InvalidArgumentException}, {@code ResourceNotFoundException}, {@code AccessDeniedException}, the KMS
 * access errors, ...), and client-side errors that did not involve the network: above all an SDK
 * <em>marshalling</em> error (a partition key with an unpaired surrogate, say). The SDK wraps those in an
 * {@link SdkClientException} whose cause is a Jackson {@code JsonGenerationException}, itself an
 * {@link IOException}: that is why "any SdkClientException" or "any IOException cause" is not a safe rule.
 */
public final class SendFailures {
    /** Entry error codes of PutRecords worth retrying; every other code (KMS access errors, ...) is permanent. */
    public static final Set<String> TRANSIENT_ENTRY_ERRORS = Set.of(
            "ProvisionedThroughputExceededException", "InternalFailure", "KMSThrottlingException");

    /** Error codes of a whole call worth retrying, besides throttling and 5xx that the SDK recognises. */
    private static final Set<String> TRANSIENT_CALL_ERRORS = Set.of(
            "ProvisionedThroughputExceededException",
            "ThrottlingException",
            "Throttling",
            "RequestLimitExceeded",
            "LimitExceededException",
            "InternalFailure",
            "InternalServerError",
            "ServiceUnavailable",
            "KMSThrottlingException");

    private SendFailures() {
    }

    /** True if a PutRecords entry that failed with {@code errorCode} may be stored when sent again. */
    public static boolean isTransientEntryError(String errorCode) {
        return errorCode != null && TRANSIENT_ENTRY_ERRORS.contains(errorCode);
    }

    /** True if the same call may succeed when tried again a little later. */
    public static boolean isTransient(Throwable failure) {
        if (isSerializationFailure(failure)) {
            return false;
        }
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof AwsServiceException service) {
                if (service.isThrottlingException() || service.statusCode() >= 500) {
                    return true;
                }
                String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
                return code != null && TRANSIENT_CALL_ERRORS.contains(code);
            }
            if (t instanceof ApiCallTimeoutException || t instanceof ApiCallAttemptTimeoutException
                    || t instanceof RetryableException) {
                return true;
            }
            if (t instanceof IOException || t instanceof UncheckedIOException) {
                // Connection refused, reset, read timeout: the request may not have reached the service.
                return true;
            }
        }
        return false;
    }

    /**
     * True if the request could not be written or the answer not read: the SDK's (un)marshalling failed. Such a
     * failure repeats on every attempt.
     */
    public static boolean isSerializationFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof SdkJsonGenerator.JsonGenerationException) {
                return true;
            }
            // Jackson's exceptions (the SDK's shaded copy included) are IOExceptions; none is a network failure.
            String name = t.getClass().getSimpleName();
            if (t instanceof IOException && (name.endsWith("JsonProcessingException")
                    || name.endsWith("JsonGenerationException") || name.endsWith("JsonParseException")
                    || name.endsWith("JsonMappingException") || name.startsWith("Cbor"))) {
                return true;
            }
            if (t instanceof SdkClientException && t.getMessage() != null
                    && (t.getMessage().startsWith("Unable to marshall") || t.getMessage().startsWith("Unable to unmarshall"))) {
                return true;
            }
        }
        return false;
    }

    private static Throwable next(Throwable t) {
        return t.getCause() == t ? null : t.getCause();
    }
}
