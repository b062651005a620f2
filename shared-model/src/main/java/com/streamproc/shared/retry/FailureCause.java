package com.streamproc.shared.retry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.RetryableException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.protocols.json.SdkJsonGenerator;
import software.amazon.awssdk.thirdparty.jackson.core.JacksonException;

/**
 * The project's one failure model: what kind of failure a {@link Throwable} is ({@link FailureKind}), and a
 * description of it that is safe to log (exception class, AWS error code, SDK operation, table; never the
 * failure's message, which can quote values).
 *
 * <p>Rules, first match along the cause chain wins:
 * <ol>
 *   <li>{@link TransientFailureException} (including {@link DeadlineReachedException}): transient.</li>
 *   <li>An AWS service error: transient when the SDK calls it throttling, its status is 5xx, or its error code is
 *       one of {@link #TRANSIENT_ERROR_CODES}; configuration when its code is one of
 *       {@link #CONFIGURATION_ERROR_CODES}; deterministic otherwise (validation errors, item too large, a
 *       conditional check nobody expected).</li>
 *   <li>An error marshalling the request (the SDK's JSON or CBOR writer refused a value, such as a string with an
 *       unpaired surrogate): deterministic, although the writer's exception is an {@link IOException}.</li>
 *   <li>SDK timeouts, the SDK's {@link RetryableException}, {@link AbortedException}, I/O errors, {@link TimeoutException}, {@link InterruptedException}:
 *       transient (the request may not have reached the service).</li>
 *   <li>An {@link SdkClientException} with no I/O cause: configuration when it is about credentials or the
 *       region, deterministic otherwise (a request the SDK cannot marshal).</li>
 *   <li>Anything else: deterministic.</li>
 * </ol>
 *
 * @param kind       what the failure means for the record
 * @param exception  the simple class name of the failure that decided the kind
 * @param errorCode  the AWS error code, or {@code null}
 * @param operation  the SDK operation that failed, or {@code null} when unknown
 * @param table      the table the failed request named, or {@code null}
 */
public record FailureCause(FailureKind kind, String exception, String errorCode, String operation, String table) {
    /** AWS error codes a later attempt may not meet. */
    public static final Set<String> TRANSIENT_ERROR_CODES = Set.of(
            "ProvisionedThroughputExceededException",
            "ThrottlingException",
            "Throttling",
            "RequestLimitExceeded",
            "LimitExceededException",
            "InternalServerError",
            "InternalFailure",
            "ServiceUnavailable",
            "ServiceUnavailableException",
            "RequestTimeout",
            "RequestTimeoutException",
            "RequestExpired",
            "RequestTimeTooSkewed",
            "TransactionInProgressException",
            "KMSThrottlingException");

    /** AWS error codes that say the function's environment is broken, whatever the record. */
    public static final Set<String> CONFIGURATION_ERROR_CODES = Set.of(
            "ResourceNotFoundException",
            "AccessDeniedException",
            "UnrecognizedClientException",
            "InvalidSignatureException",
            "IncompleteSignatureException",
            "MissingAuthenticationTokenException",
            "ExpiredTokenException",
            "InvalidClientTokenId",
            "KMSAccessDeniedException",
            "KMSDisabledException",
            "KMSInvalidStateException",
            "KMSNotFoundException",
            "KMSOptInRequired");

    /** The cause recorded for a record that was not attempted because the deadline had passed. */
    public static final FailureCause DEADLINE = new FailureCause(FailureKind.TRANSIENT,
            DeadlineReachedException.class.getSimpleName(), null, null, null);

    /** Describes {@code failure}; see the class documentation for the rules. */
    public static FailureCause of(Throwable failure) {
        SdkCallSite site = callSiteOf(failure);
        String operation = site == null ? null : site.operation();
        String table = site == null ? null : site.table();
        SdkClientException clientError = null;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TransientFailureException) {
                return new FailureCause(FailureKind.TRANSIENT, name(t), null, operation, table);
            }
            if (t instanceof AwsServiceException service) {
                String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
                return new FailureCause(kindOf(service, code), name(t), code, operation, table);
            }
            if (t instanceof SdkJsonGenerator.JsonGenerationException || t instanceof JacksonException
                    || t instanceof com.fasterxml.jackson.core.JacksonException) {
                return new FailureCause(FailureKind.DETERMINISTIC, name(t), null, operation, table);
            }
            if (t instanceof ApiCallTimeoutException || t instanceof ApiCallAttemptTimeoutException
                    || t instanceof RetryableException || t instanceof AbortedException || t instanceof IOException
                    || t instanceof UncheckedIOException || t instanceof TimeoutException
                    || t instanceof InterruptedException) {
                return new FailureCause(FailureKind.TRANSIENT, name(t), null, operation, table);
            }
            if (t instanceof SdkClientException sdk && clientError == null) {
                clientError = sdk;
            }
        }
        if (clientError != null) {
            String message = clientError.getMessage() == null ? "" : clientError.getMessage();
            // The SDK has no subtype for these; its messages start this way in every version.
            boolean environment = message.startsWith("Unable to load credentials")
                    || message.startsWith("Unable to load region");
            return new FailureCause(environment ? FailureKind.CONFIGURATION : FailureKind.DETERMINISTIC,
                    name(clientError), null, operation, table);
        }
        return new FailureCause(FailureKind.DETERMINISTIC, failure == null ? "unknown" : name(failure), null,
                operation, table);
    }

    /** @return true when {@code failure} is transient: worth another attempt a little later */
    public static boolean isTransient(Throwable failure) {
        return of(failure).kind() == FailureKind.TRANSIENT;
    }

    /** @return true when {@code failure} would meet every replay of the record it concerns */
    public static boolean isDeterministic(Throwable failure) {
        return of(failure).kind() == FailureKind.DETERMINISTIC;
    }

    /** One line without values, e.g. {@code ValidationException [ValidationException] on BatchGetItem activity}. */
    public String describe() {
        StringBuilder text = new StringBuilder(exception);
        if (errorCode != null && !errorCode.equals(exception)) {
            text.append(" [").append(errorCode).append(']');
        }
        if (operation != null) {
            text.append(" on ").append(operation);
            if (table != null) {
                text.append(' ').append(table);
            }
        }
        return text.toString();
    }

    private static FailureKind kindOf(AwsServiceException service, String code) {
        if (service.isThrottlingException() || service.statusCode() >= 500
                || (code != null && TRANSIENT_ERROR_CODES.contains(code))) {
            return FailureKind.TRANSIENT;
        }
        if (code != null && CONFIGURATION_ERROR_CODES.contains(code)) {
            return FailureKind.CONFIGURATION;
        }
        return FailureKind.DETERMINISTIC;
    }

    private static SdkCallSite callSiteOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (Throwable suppressed : t.getSuppressed()) {
                if (suppressed instanceof SdkCallSite site) {
                    return site;
                }
            }
        }
        return null;
    }

    private static String name(Throwable t) {
        return t.getClass().getSimpleName();
    }
}
