package com.streamproc.tools.aws;

import com.streamproc.shared.retry.FailureCause;
import java.util.Set;

/**
 * Which failures of a Kinesis put a retry can fix, for the tools that send records (the producer, the redrive).
 *
 * <p>A whole call follows the project's one failure model ({@link FailureCause}): transient when throttled, 5xx,
 * timed out or unable to reach the service; never retried otherwise: anything the service refused
 * ({@code ValidationException}, {@code InvalidArgumentException}, {@code ResourceNotFoundException}, access and KMS
 * access errors), and client-side errors that did not involve the network, above all an SDK <em>marshalling</em>
 * error (a partition key with an unpaired surrogate, say).
 *
 * <p>A PutRecords <em>entry</em> that failed is transient only with {@code ProvisionedThroughputExceededException},
 * {@code InternalFailure} or {@code KMSThrottlingException}.
 */
public final class SendFailures {
    /** Entry error codes of PutRecords worth retrying; every other code (KMS access errors, ...) is permanent. */
    public static final Set<String> TRANSIENT_ENTRY_ERRORS = Set.of(
            "ProvisionedThroughputExceededException", "InternalFailure", "KMSThrottlingException");

    private SendFailures() {
    }

    /** True if a PutRecords entry that failed with {@code errorCode} may be stored when sent again. */
    public static boolean isTransientEntryError(String errorCode) {
        return errorCode != null && TRANSIENT_ENTRY_ERRORS.contains(errorCode);
    }

    /** True if the same call may succeed when tried again a little later. */
    public static boolean isTransient(Throwable failure) {
        return FailureCause.isTransient(failure);
    }
}
