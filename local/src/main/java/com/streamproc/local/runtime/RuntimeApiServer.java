package com.streamproc.local.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lambda Runtime API (version 2018-06-01) for one execution environment, on a free loopback port: what a
 * runtime (here the real runtime interface client) polls at {@code AWS_LAMBDA_RUNTIME_API}.
 *
 * <ul>
 *   <li>{@code GET /2018-06-01/runtime/invocation/next}: long poll; answers with the event and the headers
 *       {@code Lambda-Runtime-Aws-Request-Id}, {@code Lambda-Runtime-Deadline-Ms},
 *       {@code Lambda-Runtime-Invoked-Function-Arn}, {@code Lambda-Runtime-Trace-Id} (and a content type).</li>
 *   <li>{@code POST /2018-06-01/runtime/invocation/{id}/response}: the result; 202, or 413 above 6 MB.</li>
 *   <li>{@code POST /2018-06-01/runtime/invocation/{id}/error}: a function error, type in
 *       {@code Lambda-Runtime-Function-Error-Type}; 202.</li>
 *   <li>{@code POST /2018-06-01/runtime/init/error}: initialisation failed; 202.</li>
 * </ul>
 * An unknown request id gets 400, an unknown path 404.
 */
public final class RuntimeApiServer implements AutoCloseable {

    /** Lambda's limit on a synchronous response payload. */
    public static final int MAX_RESPONSE_BYTES = 6 * 1024 * 1024;
    private static final String PREFIX = "/2018-06-01/runtime/";
    private static final Pattern INVOCATION_POST = Pattern.compile(
            "^" + PREFIX + "invocation/([^/]+)/(response|error)$");
    private static final Duration POLL_SLICE = Duration.ofMillis(200);

    /** What the runtime answered for one invocation. */
    public record RuntimeAnswer(boolean error, String errorType, byte[] body) {
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** One invocation handed to the runtime. */
    public static final class Invocation {
        private final String requestId;
        private final byte[] event;
        private final Duration timeout;
        private final String functionArn;
        private final String traceId;
        private final CompletableFuture<Instant> pickedUp = new CompletableFuture<>();
        private final CompletableFuture<RuntimeAnswer> answer = new CompletableFuture<>();
        private volatile Instant deadline;

        public Invocation(String requestId, byte[] event, Duration timeout, String functionArn, String traceId) {
            this.requestId = Objects.requireNonNull(requestId, "requestId");
            this.event = Objects.requireNonNull(event, "event");
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            this.functionArn = Objects.requireNonNull(functionArn, "functionArn");
            this.traceId = Objects.requireNonNull(traceId, "traceId");
        }

        public String requestId() {
            return requestId;
        }

        /** Completes when the runtime has received the event. */
        public CompletableFuture<Instant> pickedUp() {
            return pickedUp;
        }

        /** Completes with the runtime's response or error. */
        public CompletableFuture<RuntimeAnswer> answer() {
            return answer;
        }

        /** The deadline the runtime was given; null before pick-up. */
        public Instant deadline() {
            return deadline;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Clock clock;
    private final BlockingDeque<Invocation> pending = new LinkedBlockingDeque<>();
    private final Map<String, Invocation> inFlight = new ConcurrentHashMap<>();
    private final CompletableFuture<RuntimeAnswer> initError = new CompletableFuture<>();
    private volatile boolean closed;

    private RuntimeApiServer(HttpServer server, ExecutorService executor, Clock clock) {
        this.server = server;
        this.executor = executor;
        this.clock = clock;
    }

    /** Starts a server on a free port of the loopback interface. */
    public static RuntimeApiServer start(String name, Clock clock) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            ExecutorService executor = Executors.newCachedThreadPool(task -> {
                Thread thread = new Thread(task, "runtime-api-" + name);
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(executor);
            RuntimeApiServer api = new RuntimeApiServer(server, executor, clock);
            server.createContext(PREFIX, api::handle);
            server.start();
            return api;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the local Lambda Runtime API", e);
        }
    }

    /** {@code host:port}, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
    public String address() {
        return server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    /** Queues an invocation for the runtime's next {@code /next}. */
    public void submit(Invocation invocation) {
        if (closed) {
            throw new IllegalStateException("runtime API closed");
        }
        pending.addLast(invocation);
    }

    /** Completes when the runtime reports an initialisation error. */
    public CompletableFuture<RuntimeAnswer> initError() {
        return initError;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if ("GET".equals(method) && path.equals(PREFIX + "invocation/next")) {
                next(exchange);
                return;
            }
            byte[] body = readBody(exchange.getRequestBody());
            if ("POST".equals(method) && path.equals(PREFIX + "init/error")) {
                initError.complete(new RuntimeAnswer(true, errorType(exchange), body));
                send(exchange, 202, "{\"status\":\"OK\"}");
                return;
            }
            Matcher matcher = INVOCATION_POST.matcher(path);
            if ("POST".equals(method) && matcher.matches()) {
                post(exchange, matcher.group(1), matcher.group(2).equals("error"), body);
                return;
            }
            send(exchange, 404, error("NotFound", "unknown Runtime API path " + method + " " + path));
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        Invocation invocation = null;
        try {
            while (invocation == null) {
                if (closed) {
                    send(exchange, 500, error("Runtime.Shutdown", "the execution environment is shutting down"));
                    return;
                }
                invocation = pending.pollFirst(POLL_SLICE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        Instant now = clock.instant();
        invocation.deadline = now.plus(invocation.timeout);
        var headers = exchange.getResponseHeaders();
        headers.add("Content-Type", "application/json");
        headers.add("Lambda-Runtime-Aws-Request-Id", invocation.requestId);
        headers.add("Lambda-Runtime-Deadline-Ms", Long.toString(invocation.deadline.toEpochMilli()));
        headers.add("Lambda-Runtime-Invoked-Function-Arn", invocation.functionArn);
        headers.add("Lambda-Runtime-Trace-Id", invocation.traceId);
        inFlight.put(invocation.requestId, invocation);
        try {
            exchange.sendResponseHeaders(200, invocation.event.length == 0 ? -1 : invocation.event.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(invocation.event);
            }
        } catch (IOException lost) {
            // The runtime went away before it got the event: hand it to the next /next.
            inFlight.remove(invocation.requestId);
            pending.addFirst(invocation);
            throw lost;
        }
        invocation.pickedUp.complete(now);
    }

    private void post(HttpExchange exchange, String requestId, boolean isError, byte[] body) throws IOException {
        Invocation invocation = inFlight.remove(requestId);
        if (invocation == null) {
            send(exchange, 400, error("InvalidRequestID", "no invocation " + requestId + " in flight"));
            return;
        }
        if (!isError && body.length > MAX_RESPONSE_BYTES) {
            invocation.answer.complete(new RuntimeAnswer(true, "Function.ResponseSizeTooLarge",
                    error("Function.ResponseSizeTooLarge", "Response payload size (" + body.length
                            + " bytes) exceeded maximum allowed payload size (" + MAX_RESPONSE_BYTES + " bytes).")
                            .getBytes(StandardCharsets.UTF_8)));
            send(exchange, 413, error("RequestEntityTooLarge", "response too large"));
            return;
        }
        invocation.answer.complete(new RuntimeAnswer(isError, isError ? errorType(exchange) : null, body));
        send(exchange, 202, "{\"status\":\"OK\"}");
    }

    private static String errorType(HttpExchange exchange) {
        String type = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
        return type == null || type.isBlank() ? "Unhandled" : type;
    }

    private static byte[] readBody(InputStream in) throws IOException {
        // Bounded read: one byte over the limit is enough to answer 413.
        byte[] bytes = in.readNBytes(MAX_RESPONSE_BYTES + 1);
        in.transferTo(OutputStream.nullOutputStream());
        return bytes;
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static String error(String type, String message) {
        return "{\"errorMessage\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"errorType\":\""
                + type + "\"}";
    }

    /** Stops answering: waiting {@code /next} calls get a 500, then the server stops. */
    @Override
    public void close() {
        closed = true;
        server.stop(0);
        executor.shutdownNow();
    }
}
