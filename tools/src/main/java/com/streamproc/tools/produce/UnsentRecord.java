package com.streamproc.tools.produce;

/**
 * A record Kinesis did not take: given up at once when a retry could not help, else after the last attempt.
 *
 * @param record    the record
 * @param errorCode the last error code (a PutRecords entry's {@code ErrorCode}, the call's AWS error code, or the
 *                  exception's class name, e.g. {@code SdkClientException} for a marshalling error)
 * @param message   the last error message
 * @param retryable true if the failure was of a kind a retry may fix (the attempts ran out); false if it was
 *                  permanent and the record was not sent again
 * @param attempts  how many PutRecords calls carried the record
 */
public record UnsentRecord(OutboundRecord record, String errorCode, String message, boolean retryable,
                           int attempts) {
}
