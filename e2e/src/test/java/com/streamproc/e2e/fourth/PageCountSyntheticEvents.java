package com.streamproc.e2e.fourth;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.streamproc.shared.function.SyntheticEvents;
import java.time.Clock;
import java.util.List;
import java.util.Random;

/** The fourth function's made-up traffic: views of a few pages. */
public final class PageCountSyntheticEvents implements SyntheticEvents {
    private static final List<String> PAGES = List.of("/", "/pricing", "/docs", "/careers");

    @Override
    public String functionName() {
        return PageCountDescriptor.NAME;
    }

    @Override
    public Generator generator(Random random, Clock clock, String run, long count) {
        return new Generator() {
            @Override
            public ObjectNode next() {
                return JsonNodeFactory.instance.objectNode().put("page", PAGES.get(random.nextInt(PAGES.size())));
            }

            @Override
            public ObjectNode invalid() {
                return JsonNodeFactory.instance.objectNode().put("page", " ");
            }

            @Override
            public String keyField() {
                return "page";
            }
        };
    }
}
