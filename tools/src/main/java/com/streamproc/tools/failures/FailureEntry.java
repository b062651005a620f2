package com.streamproc.tools.failures;

/**
 * An on-failure record as a source holds it.
 *
 * @param handle   what the source needs to settle it (an SQS receipt handle, a line number)
 * @param replayed whether a replay already finished it (local files keep replayed records, marked)
 */
public record FailureEntry(OnFailureRecord record, String handle, boolean replayed) {
}
