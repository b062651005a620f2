package com.streamproc.orders.traffic;

import com.streamproc.orders.OrderProcessingDescriptor;
import com.streamproc.shared.function.SyntheticEvents;
import java.time.Clock;
import java.util.Random;

/** Order events made up for a run of {@code produce --generate}; never in the deployment zip. */
public final class OrderSyntheticEvents implements SyntheticEvents {
    @Override
    public String functionName() {
        return OrderProcessingDescriptor.NAME;
    }

    @Override
    public Generator generator(Random random, Clock clock, String run, long count) {
        return new OrderFactory(random, clock, run);
    }
}
