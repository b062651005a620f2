package com.streamproc.tools.produce;

import java.util.List;

/**
 * What became of one PutRecords request's records. The counts count events: an aggregate stored, retried or given
 * up on counts as the user records it holds.
 *
 * @param sent     events Kinesis stored
 * @param retried  events sent again (one record retried twice counts twice)
 * @param unsent   records given up on (an aggregate is one entry here; the producer reports its user records)
 * @param attempts PutRecords calls made
 */
public record SendResult(int sent, int retried, List<UnsentRecord> unsent, int attempts) {
    public SendResult {
        unsent = List.copyOf(unsent);
    }
}
