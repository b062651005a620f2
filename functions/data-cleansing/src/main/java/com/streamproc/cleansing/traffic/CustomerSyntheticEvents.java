package com.streamproc.cleansing.traffic;

import com.streamproc.cleansing.DataCleansingDescriptor;
import com.streamproc.shared.function.SyntheticEvents;
import java.time.Clock;
import java.util.Random;

/** Customer records made up for a run of {@code produce --generate}; never in the deployment zip. */
public final class CustomerSyntheticEvents implements SyntheticEvents {
    @Override
    public String functionName() {
        return DataCleansingDescriptor.NAME;
    }

    @Override
    public Generator generator(Random random, Clock clock, String run, long count) {
        return new CustomerFactory(random, clock, run, count);
    }
}
