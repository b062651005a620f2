package com.streamproc.shared.retry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Which failures are worth retrying: throttling, server errors (5xx) and timeouts or I/O errors on the way.
 * Never validation errors, conditional-check failures or anything else a retry cannot change.
 */
public final class TransientFailures {
    private static final Set<String> TRANSIENT_ERROR_CODES = Set.of(
            "ProvisionedThroughputExceededException",
            "ThrottlingException",
            "Throttling",
            "RequestLimitExceeded",
            "LimitExceededException",
            "InternalServerError",
            "InternalFailure",
            "ServiceUnavailable",
            "TransactionInProgressException",
            "KMSThrottlingException");

    private TransientFailures() {
    }

    /** @return true if the same call may succeed when tried again a little later */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AwsServiceException service) {
                if (service.isThrottlingException() || service.statusCode() >= 500) {
                    return true;
                }
                String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
                return code != null && TRANSIENT_ERROR_CODES.contains(code);
            }
            if (t instanceof ApiCallTimeoutException || t instanceof ApiCallAttemptTimeoutException) {
                return true;
            }
            if (t instanceof SdkClientException || t instanceof IOException || t instanceof UncheckedIOException) {
                // Connection refused, reset, read timeout: the request may not have reached the service.
                return true;
            }
            if (t instanceof TransientFailureException) {
                return true;
            }
        }
        return false;
    }
}
