package com.streamproc.emulators;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * A Node.js emulator running as a child process of this JVM, started through {@code watchdog.js} so that
 * it cannot outlive the JVM.
 *
 * <p>Three layers stop the server: {@link #close()} (closes the watchdog's stdin, then kills the whole
 * process tree), a JVM shutdown hook (kills the tree), and the watchdog itself, which kills the server when
 * its stdin reaches EOF or its parent process disappears — that covers a JVM killed with SIGKILL.
 *
 * <p>Output of the watchdog and the server goes to {@link #logFile()}.
 */
public final class EmulatorProcess implements AutoCloseable {

    /** System property naming the node executable; default {@code node} from the PATH. */
    public static final String NODE_PROPERTY = "streamproc.node";

    private static final System.Logger LOG = System.getLogger(EmulatorProcess.class.getName());
    private static final String WATCHDOG_RESOURCE = "watchdog.js";
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final Map<String, Path> EXTRACTED = new java.util.concurrent.ConcurrentHashMap<>();

    private final String name;
    private final Process process;
    private final Path logFile;
    private final Thread shutdownHook;
    private volatile boolean closed;

    private EmulatorProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.shutdownHook = new Thread(this::killTree, "stop-" + name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts {@code node watchdog.js <script> <args...>} and waits until {@code healthCheck} succeeds.
     *
     * @param name           short name used in thread names, log file name and errors
     * @param script         the server's JavaScript entry point
     * @param args           arguments for the server
     * @param environment    extra environment variables for the server
     * @param workingDir     working directory of the server
     * @param logFile        file that receives the server's stdout and stderr (appended)
     * @param startupTimeout how long to wait for the health check to pass
     * @param healthCheck    returns normally once the server answers; any exception means "not yet"
     */
    public static EmulatorProcess start(String name, Path script, List<String> args, Map<String, String> environment,
            Path workingDir, Path logFile, Duration startupTimeout, Callable<?> healthCheck) {
        Objects.requireNonNull(healthCheck, "healthCheck");
        List<String> command = new ArrayList<>();
        command.add(nodeExecutable());
        command.add(watchdogScript().toString());
        command.add(script.toString());
        command.addAll(args);

        Process process;
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            Files.createDirectories(workingDir);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workingDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start " + name + " with " + String.join(" ", command)
                    + " (is Node.js 20+ on the PATH? set -D" + NODE_PROPERTY + "=<path to node> otherwise): "
                    + e.getMessage(), e);
        }
        EmulatorProcess emulator = new EmulatorProcess(name, process, logFile);
        LOG.log(Level.DEBUG, () -> "Started " + name + " (watchdog pid " + process.pid() + "): "
                + String.join(" ", command) + "; log: " + logFile);
        try {
            emulator.awaitHealthy(startupTimeout, healthCheck);
        } catch (RuntimeException | Error e) {
            emulator.close();
            throw e;
        }
        return emulator;
    }

    static String nodeExecutable() {
        String node = System.getProperty(NODE_PROPERTY);
        return node == null || node.isBlank() ? "node" : node;
    }

    private void awaitHealthy(Duration timeout, Callable<?> healthCheck) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue()
                        + " before it became healthy. Last output (" + logFile + "):\n" + tail());
            }
            try {
                healthCheck.call();
                return;
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                IllegalStateException failure = new IllegalStateException(name + " did not become healthy within "
                        + timeout.toMillis() + " ms (last error: " + last + "). Last output (" + logFile + "):\n"
                        + tail());
                failure.addSuppressed(last);
                throw failure;
            }
            sleep(POLL_INTERVAL);
        }
    }

    /** Name given at start. */
    public String name() {
        return name;
    }

    /** Pid of the watchdog process (the direct child of this JVM). */
    public long pid() {
        return process.pid();
    }

    /** The watchdog process handle; the emulator itself is its child. */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** Pids of the watchdog and every process below it, as of now. */
    public List<Long> processTreePids() {
        List<Long> pids = new ArrayList<>();
        pids.add(process.pid());
        process.descendants().forEach(p -> pids.add(p.pid()));
        return pids;
    }

    /** Whether the watchdog is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** File with the server's output. */
    public Path logFile() {
        return logFile;
    }

    /** The last lines of the server's output, for error messages. */
    public String tail() {
        return tail(logFile, 40);
    }

    /**
     * Stops the server: closes the watchdog's stdin (it then stops the server gracefully), and kills
     * whatever of the process tree is still alive after a grace period. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<ProcessHandle> tree = snapshotTree();
        try {
            OutputStream stdin = process.getOutputStream();
            stdin.close();
        } catch (IOException ignored) {
            // the watchdog is gone already
        }
        if (!awaitGone(tree, STOP_GRACE)) {
            for (ProcessHandle p : tree) {
                if (isRunning(p)) {
                    LOG.log(Level.WARNING, "{0}: pid {1} still running {2} ms after stop, killing it",
                            name, p.pid(), STOP_GRACE.toMillis());
                    p.destroyForcibly();
                }
            }
            if (!awaitGone(tree, STOP_GRACE)) {
                LOG.log(Level.WARNING, "{0}: processes still running after SIGKILL: {1}", name, tree);
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or will run; it is harmless after close
        }
    }

    private static boolean awaitGone(List<ProcessHandle> processes, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (processes.stream().anyMatch(EmulatorProcess::isRunning)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            sleep(Duration.ofMillis(20));
        }
        return true;
    }

    /**
     * Whether a process is running. Unlike {@link ProcessHandle#isAlive()} this treats a zombie (exited, not
     * yet reaped by its parent) as gone: an orphaned zombie waits for pid 1, which in a container may never
     * reap it.
     */
    public static boolean isRunning(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
        try {
            String content = Files.readString(stat, StandardCharsets.US_ASCII);
            int afterName = content.lastIndexOf(')');
            return afterName < 0 || afterName + 2 >= content.length() || content.charAt(afterName + 2) != 'Z';
        } catch (IOException | UncheckedIOException e) {
            // no /proc at all (not Linux): trust isAlive(); otherwise the process has just gone away
            return !Files.isDirectory(Path.of("/proc", "self")) && process.isAlive();
        }
    }

    private List<ProcessHandle> snapshotTree() {
        List<ProcessHandle> tree = new ArrayList<>();
        process.descendants().forEach(tree::add);
        tree.add(process.toHandle());
        return tree;
    }

    /** Shutdown hook: no grace period, the JVM is going away. */
    private void killTree() {
        if (closed) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    @Override
    public String toString() {
        return name + "[pid " + process.pid() + (process.isAlive() ? "" : ", exited") + ", log " + logFile + "]";
    }

    // ---------------------------------------------------------------- helpers

    /** A free TCP port on the loopback interface (bind port 0 and release it). */
    public static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free loopback port", e);
        }
    }

    /**
     * Directory for emulator logs and working directories: {@code target/emulators} of the current
     * (Maven module) directory when {@code target} exists, else a directory under the system temp dir.
     */
    public static Path defaultLogDirectory() {
        Path target = Path.of("target").toAbsolutePath();
        if (Files.isDirectory(target)) {
            return target.resolve("emulators");
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "streamproc-emulators");
    }

    /** Extracts the watchdog script once per JVM to a temp file (it must be a real file for node). */
    static Path watchdogScript() {
        return extractedScript(WATCHDOG_RESOURCE);
    }

    /** Extracts a script of this package's resources once per JVM to a temp file (it must be a real file for node). */
    static Path extractedScript(String resource) {
        Path path = EXTRACTED.get(resource);
        if (path != null && Files.isRegularFile(path)) {
            return path;
        }
        synchronized (EmulatorProcess.class) {
            path = EXTRACTED.get(resource);
            if (path != null && Files.isRegularFile(path)) {
                return path;
            }
            try (InputStream in = EmulatorProcess.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("Resource " + resource + " missing next to "
                            + EmulatorProcess.class.getName());
                }
                Path dir = Files.createTempDirectory("streamproc-script");
                Path file = dir.resolve(resource);
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                file.toFile().deleteOnExit();
                dir.toFile().deleteOnExit();
                EXTRACTED.put(resource, file);
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot extract " + resource, e);
            }
        }
    }

    static String tail(Path file, int maxLines) {
        if (!Files.isRegularFile(file)) {
            return "(no output: " + file + " does not exist)";
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            int chunk = (int) Math.min(length, 16 * 1024);
            byte[] bytes = new byte[chunk];
            raf.seek(length - chunk);
            raf.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            String[] lines = text.split("\r?\n");
            int from = Math.max(0, lines.length - maxLines);
            StringBuilder out = new StringBuilder();
            for (int i = from; i < lines.length; i++) {
                out.append("  | ").append(lines[i]).append('\n');
            }
            return out.length() == 0 ? "(no output)" : out.toString();
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    static Map<String, String> env(String... keyValues) {
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            env.put(keyValues[i], keyValues[i + 1]);
        }
        return env;
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
