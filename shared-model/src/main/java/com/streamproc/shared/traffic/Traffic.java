package com.streamproc.shared.traffic;

import java.util.List;

/**
 * The records of one run of a function's generator, in the order a producer sends them.
 *
 * @param examples    keys the records hold that the function's analyst questions can ask about (its most active user
 *                    or customer, e-mail addresses of people in the traffic)
 * @param description what the records are, for reports
 */
public record Traffic(List<TrafficRecord> records, List<String> examples, String description) {
    public Traffic {
        records = List.copyOf(records);
        examples = List.copyOf(examples);
    }
}
