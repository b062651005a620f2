package com.streamproc.emulators;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that shares one {@link EmulatorStack} per test run (JVM): started lazily by the first
 * test that asks for it, stopped when the run ends (it lives in the root context's store).
 *
 * <pre>
 * &#64;ExtendWith(EmulatorStackExtension.class)
 * class OrderProcessingIT {
 *     &#64;Test
 *     void writesOrders(EmulatorStack stack) { ... }
 * }
 * </pre>
 * {@code EmulatorStack} parameters are resolved in test methods, constructors and lifecycle methods
 * ({@code @BeforeAll static void setUp(EmulatorStack stack)}). A failed start is remembered, so the other
 * tests fail fast with the same cause.
 *
 * <p>The backend is chosen once per run by {@link BackendSelection}: the node emulators by default, a
 * LocalStack container with {@code -Dstreamproc.backend=localstack} (the {@code localstack} Maven profile).
 * When that backend cannot run here (no Docker engine, or no {@code LOCALSTACK_AUTH_TOKEN} for a LocalStack
 * image), every test class using this extension is skipped with the reason.
 */
public final class EmulatorStackExtension implements ExecutionCondition, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(EmulatorStackExtension.class);
    /** Image pulls are not part of it; LocalStack itself starts in a few seconds. */
    private static final Duration CONTAINER_STARTUP_TIMEOUT = Duration.ofMinutes(3);

    private final Supplier<Backend> selection;
    private final Function<Backend, EmulatorStack> starter;
    private final Consumer<String> console;

    /** The extension as {@code @ExtendWith} creates it: backend from system properties and environment. */
    public EmulatorStackExtension() {
        this(() -> BackendSelection.fromSystem().select(), EmulatorStackExtension::start, System.out::println);
    }

    /**
     * @param console where the skip reason is printed once per run: build tools show a skipped test's
     *                reason only in their reports, and a whole suite skipped for no visible reason is puzzling
     */
    EmulatorStackExtension(Supplier<Backend> selection, Function<Backend, EmulatorStack> starter,
            Consumer<String> console) {
        this.selection = Objects.requireNonNull(selection, "selection");
        this.starter = Objects.requireNonNull(starter, "starter");
        this.console = Objects.requireNonNull(console, "console");
    }

    /**
     * The shared stack, starting it if this is the first use in this run (on the backend the system
     * properties select). Aborts the calling test if that backend is unavailable here.
     */
    public static EmulatorStack stack(ExtensionContext context) {
        return new EmulatorStackExtension().sharedStack(context);
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (backend(context) instanceof Backend.Unavailable unavailable) {
            return ConditionEvaluationResult.disabled(unavailable.reason());
        }
        return ConditionEvaluationResult.enabled("integration-test backend available");
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == EmulatorStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Backend backend = backend(extensionContext);
        try {
            return sharedStack(extensionContext);
        } catch (RuntimeException e) {
            throw new ParameterResolutionException("Cannot start " + describe(backend) + ": " + e.getMessage(), e);
        }
    }

    private EmulatorStack sharedStack(ExtensionContext context) {
        Backend backend = backend(context);
        if (backend instanceof Backend.Unavailable unavailable) {
            Assumptions.abort(unavailable.reason());
        }
        SharedStack shared = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedStack.class, type -> SharedStack.start(backend, starter), SharedStack.class);
        return shared.get();
    }

    /** Decided once per run: the Docker probe is not free, and every test class must agree. */
    private Backend backend(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Backend.class, type -> announce(selection.get()), Backend.class);
    }

    private Backend announce(Backend backend) {
        if (backend instanceof Backend.Unavailable unavailable) {
            console.accept("[" + EmulatorStackExtension.class.getSimpleName() + "] SKIPPED: " + unavailable.reason());
        }
        return backend;
    }

    /** Starts {@code backend} (a selected, available one). */
    static EmulatorStack start(Backend backend) {
        if (backend instanceof Backend.Container container) {
            return LocalStackStack.start(container, ProjectRoot.locate(), CONTAINER_STARTUP_TIMEOUT);
        }
        return EmulatorStack.start();
    }

    private static String describe(Backend backend) {
        if (backend instanceof Backend.Container container) {
            return "the LocalStack container (" + container.image() + ")";
        }
        if (backend instanceof Backend.Unavailable) {
            return "the integration-test backend";
        }
        return "the local emulators (kinesis-mock, dynalite)";
    }

    /**
     * Holder stored in the root store; JUnit closes it at the end of the run. Implements both
     * {@link AutoCloseable} (how JUnit 5.13+ closes stored values) and the older
     * {@code CloseableResource}; JUnit calls close once either way, and it is idempotent anyway.
     */
    @SuppressWarnings("deprecation")
    static final class SharedStack implements AutoCloseable, ExtensionContext.Store.CloseableResource {
        private final EmulatorStack stack;
        private final RuntimeException failure;

        private SharedStack(EmulatorStack stack, RuntimeException failure) {
            this.stack = stack;
            this.failure = failure;
        }

        static SharedStack start(Backend backend, Function<Backend, EmulatorStack> starter) {
            try {
                return new SharedStack(starter.apply(backend), null);
            } catch (RuntimeException e) {
                return new SharedStack(null, e);
            }
        }

        EmulatorStack get() {
            if (failure != null) {
                throw new IllegalStateException(failure.getMessage(), failure);
            }
            return stack;
        }

        @Override
        public void close() {
            if (stack != null) {
                stack.close();
            }
        }
    }
}
