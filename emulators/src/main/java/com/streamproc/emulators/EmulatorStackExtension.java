package com.streamproc.emulators;

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
 */
public final class EmulatorStackExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(EmulatorStackExtension.class);

    /** The shared stack, starting it if this is the first use in this run. */
    public static EmulatorStack stack(ExtensionContext context) {
        SharedStack shared = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedStack.class, type -> SharedStack.start(), SharedStack.class);
        return shared.get();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == EmulatorStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        try {
            return stack(extensionContext);
        } catch (RuntimeException e) {
            throw new ParameterResolutionException("Cannot start the local emulators (kinesis-mock, dynalite): "
                    + e.getMessage(), e);
        }
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

        static SharedStack start() {
            try {
                return new SharedStack(EmulatorStack.start(), null);
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
