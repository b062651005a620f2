package com.streamproc.tools.produce;

import java.util.List;

/**
 * What became of one PutRecords request's records.
 *
 * @param sent     records Kinesis stored
 * @param retried  entries sent again (one record retried twice counts twice)
 * @param unsent   records given up on
 * @param attempts PutRecords calls made
 */
public record SendResult(int sent, int retried, List<UnsentRecord> unsent, int attempts) {
    public SendResult {
        unsent = List.copyOf(unsent);
    }
}
