package com.streamproc.tools.produce;

import com.streamproc.tools.TestFunctions;
import com.streamproc.tools.aws.PipelineFunction;
import java.nio.charset.StandardCharsets;

final class TestRecords {
    private TestRecords() {
    }

    static OutboundRecord record(String key, String data) {
        return new OutboundRecord(TestFunctions.ORDER_PROCESSING, key, data.getBytes(StandardCharsets.UTF_8),
                "test", true);
    }

    static OutboundRecord sized(String key, int dataBytes) {
        return new OutboundRecord(TestFunctions.ORDER_PROCESSING, key, new byte[dataBytes], "test", true);
    }
}
