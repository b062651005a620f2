package com.streamproc.local.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One Lambda execution environment of a function: its own JVM, started on the first invocation (a real cold start)
 * and reused while it stays healthy, running the function's deployment zip under the real runtime interface client
 * against a {@link RuntimeApiServer}.
 *
 * <p>The JVM gets only Lambda's environment: the function's variables, the reserved ones
 * ({@code AWS_LAMBDA_FUNCTION_NAME}, {@code _HANDLER}, {@code LAMBDA_TASK_ROOT}, ...), the region, dummy
 * credentials and the emulator endpoints ({@code AWS_ENDPOINT_URL_*}) — nothing of the parent's environment.
 * The working directory is the unpacked zip (the runtime loads the handler from there and {@code lib/}).
 *
 * <p>An invocation that has no answer by its deadline ({@code Timeout}) gets a {@code Sandbox.Timedout} error and
 * the JVM is killed; so is it after an initialisation error or when it exits. The next invocation starts a new
 * one. The JVM dies with this process: {@link #close()}, a shutdown hook, and {@link LambdaBootstrap} watching its
 * standard input for the end of file that the kernel delivers when this process dies, even by SIGKILL.
 *
 * <p>The function's output (stdout and stderr) goes to the log line by line. What it wrote during an invocation is
 * in the log before the invocation's {@code END} line and before {@link #invoke} returns, as in CloudWatch: a
 * function writes before it answers, and the answer is only taken once the output written so far is passed on.
 * That is what lets the event source mapping name the cause a function logged for a failed record.
 */
public final class ExecutionEnvironment implements AutoCloseable {

    /** Lambda's init phase limit is 10 s; a cold JVM on a busy laptop needs more slack. */
    public static final Duration DEFAULT_INIT_TIMEOUT = Duration.ofSeconds(60);
    /** How often an idle function's output is looked at. */
    private static final Duration OUTPUT_POLL = Duration.ofMillis(20);
    private static final DateTimeFormatter LOG_STREAM_DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd")
            .withZone(ZoneOffset.UTC);

    /**
     * Where and how environments run.
     *
     * @param stateDirectory  holds the unpacked code ({@code functions/<LogicalId>}) and the runtime files
     * @param awsEnvironment  region, credentials and endpoint variables for the function
     * @param region          for ARNs
     * @param account         for ARNs
     * @param initTimeout     how long a cold start may take before the invocation fails
     * @param log             receives the function's output and the START/END/REPORT lines
     */
    public record Settings(Path stateDirectory, Map<String, String> awsEnvironment, String region, String account,
                           Duration initTimeout, PrintStream log) {
    }

    /** The outcome of one invocation, with the payload Lambda would return to the caller. */
    public record Result(String requestId, boolean functionError, String errorType, byte[] payload,
                         Duration duration, Duration initDuration) {
        public String payloadText() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private final FunctionDefinition function;
    private final Settings settings;
    private final String name;
    private final Clock clock = Clock.systemUTC();
    private volatile Process process;
    /** Held while the function's output is read and passed on, by the pump or by {@link #passOnOutput()}. */
    private final Object outputLock = new Object();
    private volatile OutputLines output;
    private RuntimeApiServer api;
    private Thread shutdownHook;
    private Instant startedAt;
    private boolean initialised;
    private volatile boolean closed;
    private volatile int starts;

    public ExecutionEnvironment(FunctionDefinition function, Settings settings, String name) {
        this.function = function;
        this.settings = settings;
        this.name = name;
    }

    public FunctionDefinition function() {
        return function;
    }

    /** How many JVMs this environment has started (cold starts). */
    public int starts() {
        return starts;
    }

    /** Pid of the current function JVM, or -1. */
    public long pid() {
        Process current = process;
        return current != null && current.isAlive() ? current.pid() : -1;
    }

    /** Invokes the function with {@code event}; starts the JVM first when there is none (a cold start). */
    public synchronized Result invoke(String requestId, byte[] event) throws InterruptedException {
        if (closed) {
            throw new IllegalStateException(name + " is closed");
        }
        boolean cold = process == null || !process.isAlive() || !initialised;
        if (process == null || !process.isAlive()) {
            start();
        }
        long begin = System.nanoTime();
        String functionArn = function.functionArn(settings.region(), settings.account());
        RuntimeApiServer.Invocation invocation = new RuntimeApiServer.Invocation(requestId, event, function.timeout(),
                functionArn, traceId());
        settings.log().println("START RequestId: " + requestId + " Version: $LATEST");
        api.submit(invocation);

        Result result = awaitPickUp(invocation, cold, begin);
        if (result == null) {
            initialised = true;
            Duration initDuration = cold ? Duration.between(startedAt, invocation.pickedUp().join()) : null;
            result = awaitAnswer(invocation, requestId, initDuration);
        }
        passOnOutput();
        settings.log().println("END RequestId: " + requestId);
        settings.log().println(report(result));
        return result;
    }

    /** Null once the runtime has the event; otherwise the failed result (init error, exit, init timeout). */
    private Result awaitPickUp(RuntimeApiServer.Invocation invocation, boolean cold, long begin)
            throws InterruptedException {
        Duration limit = cold ? settings.initTimeout() : settings.initTimeout().plus(function.timeout());
        Process current = process;
        CompletableFuture<Object> first = CompletableFuture.anyOf(invocation.pickedUp(), api.initError(),
                current.onExit());
        try {
            first.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            kill("init did not finish within " + limit.toSeconds() + " s");
            return failure(invocation.requestId(), "Runtime.InitTimeout", "RequestId: " + invocation.requestId()
                    + " Error: the runtime did not ask for the event within " + limit.toSeconds() + " s", begin);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        if (invocation.pickedUp().isDone()) {
            return null;
        }
        if (api.initError().isDone()) {
            RuntimeApiServer.RuntimeAnswer init = api.initError().join();
            kill("init error");
            return new Result(invocation.requestId(), true, init.errorType(), init.body(),
                    Duration.ofNanos(System.nanoTime() - begin), null);
        }
        int code = exitCode(current);
        discard();
        return failure(invocation.requestId(), "Runtime.ExitError", "RequestId: " + invocation.requestId()
                + " Error: Runtime exited with error: exit status " + code, begin);
    }

    private Result awaitAnswer(RuntimeApiServer.Invocation invocation, String requestId, Duration initDuration)
            throws InterruptedException {
        long begin = System.nanoTime();
        Process current = process;
        Instant deadline = invocation.deadline();
        long waitMillis = Math.max(1, Duration.between(clock.instant(), deadline).toMillis());
        CompletableFuture<Object> first = CompletableFuture.anyOf(invocation.answer(), current.onExit());
        try {
            first.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            if (!invocation.answer().isDone()) {
                kill("task timed out");
                String message = clock.instant().toString() + " " + requestId + " Task timed out after "
                        + String.format(Locale.ROOT, "%.2f", function.timeout().toMillis() / 1000.0) + " seconds";
                // Lambda's timeout response carries only the message.
                return new Result(requestId, true, "Sandbox.Timedout",
                        ("{\"errorMessage\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8),
                        Duration.ofNanos(System.nanoTime() - begin), initDuration);
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        Duration duration = Duration.ofNanos(System.nanoTime() - begin);
        if (invocation.answer().isDone()) {
            RuntimeApiServer.RuntimeAnswer answer = invocation.answer().join();
            return new Result(requestId, answer.error(), answer.errorType(), answer.body(), duration, initDuration);
        }
        int code = exitCode(current);
        discard();
        return new Result(requestId, true, "Runtime.ExitError", RuntimeApiServer.error("Runtime.ExitError",
                "RequestId: " + requestId + " Error: Runtime exited with error: exit status " + code)
                .getBytes(StandardCharsets.UTF_8), duration, initDuration);
    }

    private Result failure(String requestId, String type, String message, long begin) {
        return new Result(requestId, true, type, RuntimeApiServer.error(type, message).getBytes(StandardCharsets.UTF_8),
                Duration.ofNanos(System.nanoTime() - begin), null);
    }

    private static int exitCode(Process process) {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private String report(Result result) {
        StringBuilder line = new StringBuilder("REPORT RequestId: ").append(result.requestId())
                .append("\tDuration: ").append(millis(result.duration())).append(" ms")
                .append("\tBilled Duration: ").append((long) Math.ceil(result.duration().toNanos() / 1e6)).append(" ms")
                .append("\tMemory Size: ").append(function.memoryMb()).append(" MB");
        long maxUsed = maxMemoryUsedMb();
        if (maxUsed > 0) {
            line.append("\tMax Memory Used: ").append(maxUsed).append(" MB");
        }
        if (result.initDuration() != null) {
            line.append("\tInit Duration: ").append(millis(result.initDuration())).append(" ms");
        }
        if (result.functionError()) {
            line.append("\tStatus: error\tError Type: ").append(result.errorType());
        }
        return line.toString();
    }

    private static String millis(Duration duration) {
        return String.format(Locale.ROOT, "%.2f", duration.toNanos() / 1e6);
    }

    /** Peak resident memory of the function JVM (Linux only), else 0. */
    private long maxMemoryUsedMb() {
        if (process == null) {
            return 0;
        }
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException notAvailable) {
            return 0;
        }
        return 0;
    }

    private static String traceId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        byte[] id = new byte[12];
        byte[] parent = new byte[8];
        random.nextBytes(id);
        random.nextBytes(parent);
        return "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-" + HexFormat.of().formatHex(id)
                + ";Parent=" + HexFormat.of().formatHex(parent) + ";Sampled=0";
    }

    // ------------------------------------------------------------------------------------------- process

    private void start() {
        discard();
        Path taskRoot = CodeBundle.unpack(function.codeZip(),
                settings.stateDirectory().resolve("functions").resolve(function.logicalId()));
        List<Path> classPath = LambdaRuntimeFiles.prepare(settings.stateDirectory().resolve("runtime"));
        api = RuntimeApiServer.start(name, clock);

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Lambda's Java runtime flags: heap from the memory size, serial GC, class data sharing.
        command.add("-XX:MaxHeapSize=" + Math.max(64, function.memoryMb() * 85 / 100) + "m");
        command.add("-XX:+UseSerialGC");
        command.add("-Xshare:auto");
        command.add("-Djava.net.preferIPv4Stack=true");
        command.add("-cp");
        command.add(String.join(java.io.File.pathSeparator, classPath.stream().map(Path::toString).toList()));
        command.add(LambdaBootstrap.class.getName());
        command.add(function.handler());

        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(taskRoot.toFile())
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(environment(taskRoot));
        try {
            startedAt = clock.instant();
            process = builder.start();
        } catch (IOException e) {
            api.close();
            throw new UncheckedIOException("cannot start the JVM of " + function.logicalId(), e);
        }
        starts++;
        initialised = false;
        Process started = process;
        shutdownHook = new Thread(() -> started.destroyForcibly(), "stop-" + name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        OutputLines lines = new OutputLines(started.getInputStream(), settings.log());
        output = lines;
        Thread pump = new Thread(() -> pump(started, lines), "log-" + name);
        pump.setDaemon(true);
        pump.start();
    }

    /** The function's environment variables, Lambda's reserved ones last so that they win. */
    Map<String, String> environment(Path taskRoot) {
        Map<String, String> env = new LinkedHashMap<>(function.environment());
        env.put("PATH", "/usr/local/bin:/usr/bin/:/bin:/opt/bin");
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.putAll(settings.awsEnvironment());
        env.put("AWS_REGION", settings.region());
        env.put("AWS_DEFAULT_REGION", settings.region());
        env.putIfAbsent("AWS_SESSION_TOKEN", "local");
        env.put("AWS_LAMBDA_FUNCTION_NAME", function.functionName());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.functionName());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", LOG_STREAM_DAY.format(clock.instant()) + "/[$LATEST]"
                + HexFormat.of().formatHex(ThreadLocalRandom.current().ints(16, 0, 256)
                .collect(java.io.ByteArrayOutputStream::new, java.io.ByteArrayOutputStream::write, (a, b) -> { })
                .toByteArray()));
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        env.put("AWS_LAMBDA_RUNTIME_API", api.address());
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("LAMBDA_RUNTIME_DIR", settings.stateDirectory().resolve("runtime").toString());
        env.put("_HANDLER", function.handler());
        if (function.logFormat() != null) {
            env.put("AWS_LAMBDA_LOG_FORMAT", function.logFormat());
        }
        if (function.logLevel() != null) {
            env.put("AWS_LAMBDA_LOG_LEVEL", function.logLevel());
        }
        return env;
    }

    /**
     * Passes the function's output on while the JVM runs. It reads only what is there (and otherwise waits for more or
     * for the exit), so that {@link #passOnOutput()} can take the same lock at any time without waiting for output
     * that may never come.
     */
    private void pump(Process source, OutputLines lines) {
        try {
            while (source.isAlive()) {
                boolean read;
                synchronized (outputLock) {
                    read = lines.passOnAvailable();
                }
                if (!read) {
                    source.waitFor(OUTPUT_POLL.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
            synchronized (outputLock) {
                lines.passOnToEnd();
            }
        } catch (IOException ignored) {
            // the JVM is gone, and its output with it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Passes on what the function has written so far: its lines of this invocation go before the END line. */
    private void passOnOutput() {
        OutputLines lines = output;
        if (lines == null) {
            return;
        }
        synchronized (outputLock) {
            try {
                lines.passOnAvailable();
            } catch (IOException gone) {
                // the JVM was stopped; the pump passes on the rest
            }
        }
    }

    /** Splits a function's output into lines for the log (UTF-8; a last line without newline at the end). */
    static final class OutputLines {
        private final InputStream in;
        private final PrintStream log;
        private final byte[] buffer = new byte[8192];
        private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

        OutputLines(InputStream in, PrintStream log) {
            this.in = in;
            this.log = log;
        }

        /** Reads and passes on what can be read without blocking; true if there was anything. */
        boolean passOnAvailable() throws IOException {
            boolean any = false;
            int available;
            while ((available = in.available()) > 0) {
                int n = in.read(buffer, 0, Math.min(available, buffer.length));
                if (n < 0) {
                    break;
                }
                split(n);
                any = true;
            }
            return any;
        }

        /** Reads to the end of the output (the JVM has exited). */
        void passOnToEnd() throws IOException {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                split(n);
            }
            if (line.size() > 0) {
                emit();
            }
        }

        private void split(int n) {
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (buffer[i] == '\n') {
                    line.write(buffer, start, i - start);
                    emit();
                    start = i + 1;
                }
            }
            line.write(buffer, start, n - start);
        }

        private void emit() {
            byte[] bytes = line.toByteArray();
            int length = bytes.length;
            if (length > 0 && bytes[length - 1] == '\r') {
                length--;
            }
            log.println(new String(bytes, 0, length, StandardCharsets.UTF_8));
            line.reset();
        }
    }

    private void kill(String why) {
        if (process != null && process.isAlive()) {
            settings.log().println("[local] " + function.logicalId() + ": stopping the execution environment ("
                    + why + ")");
        }
        discard();
    }

    /** Kills the JVM (if any) and drops its Runtime API; the next invocation starts afresh. */
    private void discard() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                if (shutdownHook != null) {
                    Runtime.getRuntime().removeShutdownHook(shutdownHook);
                }
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
            process = null;
            shutdownHook = null;
        }
        if (api != null) {
            api.close();
            api = null;
        }
        initialised = false;
    }

    /** Kills the JVM at once (an invocation in flight fails), then releases everything. */
    @Override
    public void close() {
        closed = true;
        Process current = process;
        if (current != null) {
            current.destroyForcibly();
        }
        synchronized (this) {
            discard();
        }
    }
}
