package com.streamproc.tools.produce;

/**
 * A record Kinesis did not take, after retries where a retry could help.
 *
 * @param record    the record
 * @param errorCode the last error code (a PutRecords entry's {@code ErrorCode} or the request's exception)
 * @param message   the last error message
 */
public record UnsentRecord(OutboundRecord record, String errorCode, String message) {
}
