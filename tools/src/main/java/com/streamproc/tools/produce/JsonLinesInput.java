package com.streamproc.tools.produce;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.streamproc.tools.aws.PipelineFunction;
import com.streamproc.tools.cli.ToolFailure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Reads one event per line from a stream of JSON lines. Lines are kept as raw bytes (split at {@code \n}, a
 * trailing {@code \r} removed) so the function's decoder sees exactly what would be sent, invalid UTF-8 included.
 * Blank lines are skipped. A line longer than a Kinesis record may be is cut just past the limit (it is rejected
 * as too large anyway) instead of being held in memory whole.
 */
public final class JsonLinesInput implements Iterator<InputEvent> {
    private static final int KEEP_AT_MOST = KinesisLimits.MAX_RECORD_BYTES + 1;

    /** Numbers stay exactly as written ({@code 1.50} is not {@code 1.5}): amounts pass through unchanged. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            .build();

    private final PipelineFunction function;
    private final String name;
    private final InputStream in;
    private final boolean envelopes;
    private long lineNumber;
    private InputEvent next;
    private boolean done;

    /**
     * @param name how the input is named in reports ({@code orders.jsonl}, {@code stdin})
     * @param in   buffered by the caller if it needs buffering
     */
    public JsonLinesInput(PipelineFunction function, String name, InputStream in) {
        this(function, name, in, false);
    }

    /**
     * @param envelopes lines are {@code {"partitionKey": "...", "data": {...}}} (or {@code "rawData": "<text>"}),
     *                  the form of the sample sources under {@code events/}: the event is {@code data} (written
     *                  compactly) or {@code rawData}'s text, and the partition key is the line's
     */
    public JsonLinesInput(PipelineFunction function, String name, InputStream in, boolean envelopes) {
        this.function = function;
        this.name = name;
        this.in = in;
        this.envelopes = envelopes;
    }

    @Override
    public boolean hasNext() {
        if (next == null && !done) {
            next = readNext();
            done = next == null;
        }
        return next != null;
    }

    @Override
    public InputEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        InputEvent event = next;
        next = null;
        return event;
    }

    private InputEvent readNext() {
        try {
            ByteArrayOutputStream line = new ByteArrayOutputStream(256);
            while (true) {
                line.reset();
                int b = in.read();
                if (b < 0) {
                    return null;
                }
                lineNumber++;
                while (b >= 0 && b != '\n') {
                    if (line.size() < KEEP_AT_MOST) {
                        line.write(b);
                    }
                    b = in.read();
                }
                byte[] bytes = line.toByteArray();
                int length = bytes.length;
                if (length > 0 && bytes[length - 1] == '\r') {
                    length--;
                }
                if (!isBlank(bytes, length)) {
                    byte[] data = length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
                    String origin = name + ":" + lineNumber;
                    return envelopes ? unwrap(data, origin) : new InputEvent(function, data, origin);
                }
                if (b < 0) {
                    return null;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + " at line " + lineNumber + ": " + e.getMessage(), e);
        }
    }

    private InputEvent unwrap(byte[] line, String origin) {
        JsonNode envelope;
        try {
            envelope = JSON.readTree(line);
        } catch (IOException e) {
            throw new ToolFailure(origin + ": not an envelope line (expected {\"partitionKey\": ..., \"data\": ...})");
        }
        JsonNode key = envelope == null ? null : envelope.get("partitionKey");
        JsonNode data = envelope == null ? null : envelope.get("data");
        JsonNode raw = envelope == null ? null : envelope.get("rawData");
        if (data == null && (raw == null || !raw.isTextual())) {
            throw new ToolFailure(origin + ": envelope line has neither \"data\" nor a \"rawData\" string");
        }
        try {
            byte[] event = data != null ? JSON.writeValueAsBytes(data) : raw.asText().getBytes(StandardCharsets.UTF_8);
            return new InputEvent(function, event, origin, key == null || key.isNull() ? null : key.asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isBlank(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] != ' ' && bytes[i] != '\t' && bytes[i] != '\r') {
                return false;
            }
        }
        return true;
    }
}
