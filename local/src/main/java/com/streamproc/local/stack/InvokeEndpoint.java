package com.streamproc.local.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.streamproc.local.runtime.ExecutionEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Lambda's {@code Invoke} API for the stack's functions, as {@code sam local start-lambda} offers it: the AWS SDKs and
 * CLI call it with {@code AWS_ENDPOINT_URL_LAMBDA} (or {@code --endpoint-url}) pointing here.
 *
 * <p>{@code POST /2015-03-31/functions/{FunctionName}/invocations}: the request body is the event, the response body
 * the function's response. A function that failed answers 200 with {@code X-Amz-Function-Error: Unhandled} and
 * Lambda's error document, as Lambda does. {@code FunctionName} may be the name, the logical id, {@code name:qualifier}
 * or an ARN; the qualifier is ignored (the stack runs one version of each function). Only synchronous invocations
 * ({@code RequestResponse}, the default, and {@code DryRun}) are served.
 *
 * <p>{@code GET /2015-03-31/event-source-mappings/}: Lambda's {@code ListEventSourceMappings} for the stack's running
 * mappings, filtered by {@code EventSourceArn} and {@code FunctionName} (any of the forms above) as Lambda filters,
 * in one page: {@code UUID}, {@code FunctionArn}, {@code EventSourceArn}, {@code BatchSize}, {@code State}. The
 * failure tools read a mapping's {@code BatchSize} this way, locally as in AWS.
 */
public final class InvokeEndpoint implements AutoCloseable {
    static final String PREFIX = "/2015-03-31/functions/";
    static final String MAPPINGS = "/2015-03-31/event-source-mappings";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUFFIX = "/invocations";
    /** Lambda's limit on a synchronous request payload. */
    private static final int MAX_REQUEST_BYTES = 6 * 1024 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;

    private InvokeEndpoint(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * A running mapping as {@code ListEventSourceMappings} describes it.
     *
     * @param functionArn the function's ARN (the local stack runs one version: no qualifier)
     */
    public record Mapping(String uuid, String functionArn, String eventSourceArn, int batchSize) {
    }

    /** Listens on a free loopback port; {@code functions} by physical name and by logical id; no mappings. */
    public static InvokeEndpoint start(Map<String, FunctionPool> functions) {
        return start(functions, List.of());
    }

    /** Listens on a free loopback port; {@code functions} by physical name and by logical id. */
    public static InvokeEndpoint start(Map<String, FunctionPool> functions, List<Mapping> mappings) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "lambda-invoke-endpoint");
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(executor);
            server.createContext(PREFIX, exchange -> handle(exchange, functions));
            server.createContext(MAPPINGS, exchange -> listMappings(exchange, List.copyOf(mappings)));
            server.start();
            return new InvokeEndpoint(server, executor);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the Lambda Invoke endpoint", e);
        }
    }

    public URI uri() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":"
                + server.getAddress().getPort());
    }

    private static void handle(HttpExchange exchange, Map<String, FunctionPool> functions) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            if (!"POST".equals(exchange.getRequestMethod()) || !path.endsWith(SUFFIX)) {
                error(exchange, 404, "UnknownOperationException", "only POST " + PREFIX + "{FunctionName}" + SUFFIX);
                return;
            }
            String name = functionName(URLDecoder.decode(
                    path.substring(PREFIX.length(), path.length() - SUFFIX.length()), StandardCharsets.UTF_8));
            FunctionPool pool = functions.get(name);
            if (pool == null) {
                error(exchange, 404, "ResourceNotFoundException", "Function not found: " + name);
                return;
            }
            String type = exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type");
            if (type != null && !type.equals("RequestResponse") && !type.equals("DryRun")) {
                error(exchange, 400, "InvalidParameterValueException",
                        "the local stack serves RequestResponse and DryRun invocations only, not " + type);
                return;
            }
            byte[] event;
            try (InputStream body = exchange.getRequestBody()) {
                event = body.readNBytes(MAX_REQUEST_BYTES + 1);
            }
            if (event.length > MAX_REQUEST_BYTES) {
                error(exchange, 413, "RequestTooLargeException", "Request must be smaller than "
                        + MAX_REQUEST_BYTES + " bytes for the InvokeFunction operation");
                return;
            }
            if (event.length == 0) {
                event = "{}".getBytes(StandardCharsets.UTF_8);
            }
            if ("DryRun".equals(type)) {
                // Lambda answers 204 when the caller may invoke the function.
                exchange.sendResponseHeaders(204, -1);
                return;
            }
            String requestId = UUID.randomUUID().toString();
            ExecutionEnvironment.Result result = pool.invoke(requestId, event);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("X-Amz-Executed-Version", "$LATEST");
            exchange.getResponseHeaders().add("x-amzn-RequestId", requestId);
            if (result.functionError()) {
                exchange.getResponseHeaders().add("X-Amz-Function-Error", "Unhandled");
            }
            byte[] payload = result.payload() == null ? new byte[0] : result.payload();
            exchange.sendResponseHeaders(200, payload.length == 0 ? -1 : payload.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(payload);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void listMappings(HttpExchange exchange, List<Mapping> mappings) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                error(exchange, 404, "UnknownOperationException", "only GET " + MAPPINGS + "/");
                return;
            }
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            String source = query.get("EventSourceArn");
            String function = query.containsKey("FunctionName") ? functionName(query.get("FunctionName")) : null;
            ObjectNode response = JSON.createObjectNode();
            ArrayNode list = response.putArray("EventSourceMappings");
            for (Mapping mapping : mappings) {
                if ((source == null || source.equals(mapping.eventSourceArn()))
                        && (function == null || function.equals(functionName(mapping.functionArn())))) {
                    list.addObject().put("UUID", mapping.uuid()).put("FunctionArn", mapping.functionArn())
                            .put("EventSourceArn", mapping.eventSourceArn()).put("BatchSize", mapping.batchSize())
                            .put("State", "Enabled");
                }
            }
            byte[] body = JSON.writeValueAsBytes(response);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> values = new java.util.HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return values;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            values.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    /** The name in {@code name}, {@code name:qualifier}, {@code arn:aws:lambda:region:account:function:name[:q]}. */
    static String functionName(String text) {
        String name = text;
        int function = name.indexOf(":function:");
        if (function >= 0) {
            name = name.substring(function + ":function:".length());
        }
        int qualifier = name.indexOf(':');
        return qualifier >= 0 ? name.substring(0, qualifier) : name;
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        byte[] body = ("{\"Type\":\"User\",\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"")
                + "\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("x-amzn-ErrorType", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
