package com.streamproc.deployment;

import com.streamproc.shared.function.FunctionDescriptor;
import com.streamproc.shared.function.FunctionDescriptors;
import com.streamproc.shared.function.FunctionWiring;
import com.streamproc.shared.function.VariableKind;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A function as its descriptor declares it ({@link FunctionDescriptor}, found on the test class path): its logical
 * ids, handler, table variable, the variables it reads and the name it uses in logs, metrics and events/ (also its
 * module directory under functions/), and where its handler's sources are. The template checks compare the template
 * against these declarations.
 */
record DeployedFunction(FunctionDescriptor<?> descriptor) {

    static final List<DeployedFunction> ALL = load();

    private static List<DeployedFunction> load() {
        List<FunctionDescriptor<?>> descriptors = FunctionDescriptors.all();
        if (descriptors.isEmpty()) {
            throw new IllegalStateException("no FunctionDescriptor on the test class path: the handler-check profile"
                    + " puts the function modules there (-DskipHandlerCheck leaves them out)");
        }
        return descriptors.stream().map(DeployedFunction::new).toList();
    }

    String logicalId() {
        return descriptor.templateIds().function();
    }

    String name() {
        return descriptor.name();
    }

    String handler() {
        return descriptor.handler();
    }

    String stream() {
        return descriptor.templateIds().stream();
    }

    String table() {
        return descriptor.templateIds().table();
    }

    String tableVariable() {
        return descriptor.tableVariable();
    }

    String quarantineTable() {
        return descriptor.templateIds().quarantineTable();
    }

    /** The required parallelization factor, or 0 when any valid factor will do. */
    int requiredParallelizationFactor() {
        return descriptor.requiredParallelizationFactor();
    }

    /** Whether its mapping must retry a batch until it succeeds or expires: no give-up, no failure queue. */
    boolean neverGivesUp() {
        return descriptor.neverGivesUp();
    }

    String handlerClass() {
        return descriptor.handlerClass().getName();
    }

    String handlerMethod() {
        return handler().substring(handler().indexOf("::") + 2);
    }

    /** Every variable the function and the shared core read. */
    Map<String, VariableKind> variables() {
        return FunctionWiring.variablesOf(descriptor);
    }

    /** The variables it cannot start without. */
    Set<String> requiredVariables() {
        Set<String> required = new TreeSet<>();
        variables().forEach((name, kind) -> {
            if (kind == VariableKind.REQUIRED) {
                required.add(name);
            }
        });
        return required;
    }

    /** The name the core reports metrics and quarantine items under. */
    String metricsName() {
        return descriptor.config().functionName();
    }

    /**
     * The Maven module whose build holds the handler class: the nearest directory with a pom.xml above where the
     * class was loaded from (the module's target/classes or its jar in target/). The checks hold it to
     * functions/&lt;name&gt; for a deployed function; finding it from the class lets them read the sources of a
     * function that lives elsewhere (a test source set) without a list of locations.
     */
    Path moduleDirectory() {
        Path location = classLocation();
        for (Path dir = location; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException(handlerClass() + " comes from " + location
                + ", which is in no Maven module: the template checks run in the reactor (-am)");
    }

    /**
     * The source tree the handler class is compiled from: the module's src/main/java, or its src/test/java when
     * the class comes from the module's test classes.
     */
    Path sourceDirectory() {
        String loadedFrom = classLocation().getFileName().toString();
        boolean testClasses = loadedFrom.equals("test-classes") || loadedFrom.endsWith("-tests.jar");
        return moduleDirectory().resolve(testClasses ? "src/test/java" : "src/main/java");
    }

    private Path classLocation() {
        CodeSource source = descriptor.handlerClass().getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new IllegalStateException("no code source for " + handlerClass());
        }
        try {
            return Path.of(source.getLocation().toURI()).toRealPath();
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot locate " + handlerClass() + " at " + source.getLocation(), e);
        }
    }

    Set<String> dataTables() {
        return Set.of(table(), quarantineTable());
    }

    @Override
    public String toString() {
        return logicalId();
    }
}
