package com.streamproc.e2e.fourth;

import com.streamproc.shared.batch.BatchProcessor;
import com.streamproc.shared.function.StreamHandler;

/** The fourth function's Lambda entry point. */
public final class PageCountHandler extends StreamHandler<PageView> {
    public PageCountHandler() {
        super(new PageCountDescriptor());
    }

    public PageCountHandler(BatchProcessor<PageView> processor) {
        super(processor);
    }
}
