package com.streamproc.e2e.fourth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.streamproc.deployment.SamTemplate;
import com.streamproc.shared.function.FunctionDescriptor;
import com.streamproc.shared.function.FunctionDescriptors;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * {@code deployment}'s template checks take up page-count from its block alone: run on the project's template plus
 * {@code page-count-template.yaml} (this package's test resource; page-count is never deployed), with
 * {@link PageCountDescriptor} on the class path, they check its block with every check they run for a deployed
 * function that gives up, read its handler's sources where its classes come from (this module's test sources), and
 * fail naming it when its block is missing or wrong. The one check its block cannot pass is the deployment zip's:
 * no function module builds page-count.
 *
 * <p>The checks read the template once per class (a static field), so each run loads the deployment jars afresh
 * in a class loader of its own; everything else, the descriptors included, comes from this class path.
 */
class TemplateChecksTakeUpAFourthFunctionTest {
    private static final List<String> CHECKS = List.of("com.streamproc.deployment.SamTemplateTest",
            "com.streamproc.deployment.HandlerClassesTest");
    /** The property deployment's {@code ProjectFiles.template()} reads instead of the project's template. */
    private static final String TEMPLATE_PROPERTY = "deployment.template";
    private static final String ZIP_CHECK = "deploysTheZipTheFunctionModuleBuilds";
    private static final String PAGE_COUNT = new PageCountDescriptor().templateIds().function();
    /** Deployed and giving up to a failure queue, as page-count does: the checks run for it must run for page-count. */
    private static final String ORDER_PROCESSING = FunctionDescriptors.named("order-processing").templateIds().function();

    @TempDir
    Path dir;

    @Test
    void checkItsBlockAsADeployedFunctionsAndRefuseOnlyTheZipNoModuleBuilds() throws Exception {
        List<Outcome> outcomes = runChecks(composed(resources -> { }));

        assertThat(checksRunFor(outcomes, PAGE_COUNT)).as("checks run for page-count")
                .isEqualTo(checksRunFor(outcomes, ORDER_PROCESSING))
                // Among them: the role against the calls on the handler's path, found in this module's sources.
                .contains("grantOnTheDataTableExactlyTheOperationsTheHandlerCalls",
                        "setsEveryVariableTheCodeRequires", "namesItsStreamAndTablesWithTheSuffixesItsDescriptorDeclares",
                        "sendsFailedBatchesToItsOwnEncryptedQueue", "handlerIsAKinesisRequestHandlerLambdaCanConstruct");
        assertThat(outcomes).filteredOn(Outcome::passed).extracting(Outcome::check)
                .contains("declaresExactlyTheBriefsFunctions", "outputsNameEveryStreamTableQueueAndFunction",
                        "notifyTheTopicWhenOneIsGiven", "aStackDeleteOrAReplacingChangeKeepsEveryTableAndStream");
        assertThat(outcomes).filteredOn(o -> !o.passed()).singleElement().satisfies(refused -> {
            assertThat(refused.check()).isEqualTo(ZIP_CHECK);
            assertThat(refused.displayName()).contains(PAGE_COUNT);
            assertThat(refused.message()).contains("module holding " + PageCountHandler.class.getName(),
                    Path.of("functions", PageCountDescriptor.NAME).toString());
        });
    }

    @Test
    void failNamingItWhenItsBlockIsLeftOut() throws Exception {
        // The project's own template, as the checks read it by default.
        List<Outcome> outcomes = runChecks(null);

        assertThat(outcomes).filteredOn(o -> o.check().equals("declaresExactlyTheBriefsFunctions")).singleElement()
                .satisfies(o -> assertThat(o.message()).contains(PAGE_COUNT));
        assertThat(checksRunFor(outcomes, PAGE_COUNT)).isEqualTo(checksRunFor(outcomes, ORDER_PROCESSING))
                .allSatisfy(check -> assertThat(outcome(outcomes, check, PAGE_COUNT).passed()).as(check).isFalse());
        // A deployed function's check may fail too (its queue is compared with every giving-up function's), but
        // then it says that page-count's block is what is missing.
        assertThat(outcomes).filteredOn(o -> !o.passed() && o.isPerFunction())
                .allSatisfy(o -> assertThat(o.displayName() + " " + o.message()).contains(PAGE_COUNT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void failNamingItWhenItsBlockIsWrong(Fault fault) throws Exception {
        List<Outcome> outcomes = runChecks(composed(fault.edit()));

        for (String check : fault.failing()) {
            Outcome outcome = outcome(outcomes, check, PAGE_COUNT);
            assertThat(outcome.passed()).as("%s for %s", check, PAGE_COUNT).isFalse();
        }
        // Only page-count's own checks fail: the fault is in its block alone.
        assertThat(outcomes).filteredOn(o -> !o.passed()).allSatisfy(o -> assertThat(o.displayName()).contains(PAGE_COUNT));
        for (FunctionDescriptor<?> descriptor : FunctionDescriptors.all()) {
            assertThat(checksRunFor(outcomes, descriptor.templateIds().function())).as(descriptor.name()).isNotEmpty();
        }
    }

    /** A fault in page-count's block and the checks that must then fail for it. */
    record Fault(String description, Consumer<Map<String, Object>> edit, Set<String> failing) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<Fault> faults() {
        return Stream.of(
                new Fault("its Handler names a method Lambda cannot call",
                        resources -> properties(resources, PAGE_COUNT).put("Handler",
                                PageCountHandler.class.getName() + "::handle"),
                        Set.of("namesTheHandlerAndTheFunctionAsTheBriefSays",
                                "handlerIsAKinesisRequestHandlerLambdaCanConstruct")),
                new Fault("its table variable is misspelt", resources -> {
                    Map<String, Object> variables = asMap(asMap(properties(resources, PAGE_COUNT)
                            .get("Environment")).get("Variables"));
                    variables.put("PAGE_TABLE", variables.remove("PAGES_TABLE"));
                }, Set.of("setsTheBriefsVariablesToItsOwnTables", "setsEveryVariableTheCodeRequires",
                        "setsNoVariableTheCodeNeverReads", "declaresEveryVariableTheCodeReadsSoSamLocalInvokeCanSetIt")),
                new Fault("its mapping reads another function's stream",
                        resources -> properties(resources, "PageCountEventSourceMapping").put("EventSourceArn",
                                Map.of("Fn::GetAtt", List.of("OrdersStream", "Arn"))),
                        Set.of("consumesOnlyItsOwnStreamThroughOneMappingOnItsAlias")),
                new Fault("its mapping never gives up though its descriptor gives up",
                        resources -> properties(resources, "PageCountEventSourceMapping").put("MaximumRetryAttempts", -1),
                        Set.of("hasEveryReliabilitySetting")),
                new Fault("its stream is named with another suffix",
                        resources -> properties(resources, new PageCountDescriptor().templateIds().stream())
                                .put("Name", Map.of("Fn::Sub", "${EnvironmentName}-page-views")),
                        Set.of("namesItsStreamAndTablesWithTheSuffixesItsDescriptorDeclares")),
                // Its applier counts in memory: nothing on its handler's path calls its table.
                new Fault("its role grants a write on its table its code never makes", resources -> {
                    List<Object> statements = list(asMap(list(properties(resources, PAGE_COUNT).get("Policies"))
                            .get(0)).get("Statement"));
                    statements.add(Map.of("Sid", "WriteOwnTable", "Effect", "Allow",
                            "Action", List.of("dynamodb:PutItem"),
                            "Resource", Map.of("Fn::GetAtt", List.of("PagesTable", "Arn"))));
                }, Set.of("grantOnTheDataTableExactlyTheOperationsTheHandlerCalls")));
    }

    /** The project's template with page-count's block added, after {@code fault} edited the block's resources. */
    private Path composed(Consumer<Map<String, Object>> fault) throws IOException {
        return PageCountTemplate.write(PageCountTemplate.composed(fault), dir.resolve("template-with-page-count.json"));
    }

    /**
     * Runs the checks on {@code template} (the project's own when null) and returns what each test and each
     * failing container came to.
     */
    private static List<Outcome> runChecks(Path template) throws Exception {
        String before = System.getProperty(TEMPLATE_PROPERTY);
        Thread thread = Thread.currentThread();
        ClassLoader context = thread.getContextClassLoader();
        List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        try (URLClassLoader checks = new DeploymentFirst(context)) {
            if (template == null) {
                System.clearProperty(TEMPLATE_PROPERTY);
            } else {
                System.setProperty(TEMPLATE_PROPERTY, template.toString());
            }
            thread.setContextClassLoader(checks);
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(CHECKS.stream().map(name -> selectClass(checks, name)).toList())
                    .filters(EngineFilter.includeEngines("junit-jupiter"))
                    .build();
            LauncherFactory.create().execute(request, new TestExecutionListener() {
                @Override
                public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                    if (id.isTest() || result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                        outcomes.add(Outcome.of(id, result));
                    }
                }

                @Override
                public void executionSkipped(TestIdentifier id, String reason) {
                    outcomes.add(new Outcome(checkOf(id.getSource().orElse(null)), id.getDisplayName(), false,
                            "skipped: " + reason));
                }
            });
        } finally {
            thread.setContextClassLoader(context);
            if (before == null) {
                System.clearProperty(TEMPLATE_PROPERTY);
            } else {
                System.setProperty(TEMPLATE_PROPERTY, before);
            }
        }
        assertThat(outcomes).as("checks run").isNotEmpty();
        return List.copyOf(outcomes);
    }

    /** The checks (test methods) that ran at least once for the function with logical id {@code id}. */
    private static Set<String> checksRunFor(List<Outcome> outcomes, String id) {
        Set<String> checks = new TreeSet<>();
        outcomes.stream().filter(o -> o.displayName().contains(id)).forEach(o -> checks.add(o.check()));
        return checks;
    }

    private static Outcome outcome(List<Outcome> outcomes, String check, String id) {
        List<Outcome> found = outcomes.stream().filter(o -> o.check().equals(check) && o.displayName().contains(id))
                .toList();
        assertThat(found).as("%s for %s", check, id).hasSize(1);
        return found.get(0);
    }

    /** One test (or failing container) of a run: its method (or class), display name, result. */
    record Outcome(String check, String displayName, boolean passed, String message) {
        /** An invocation of a check run once per function (JUnit names it "[index] function=LogicalId"). */
        boolean isPerFunction() {
            return displayName.startsWith("[");
        }

        static Outcome of(TestIdentifier id, TestExecutionResult result) {
            String message = result.getThrowable().map(String::valueOf).orElse("");
            return new Outcome(checkOf(id.getSource().orElse(null)), id.getDisplayName(),
                    result.getStatus() == TestExecutionResult.Status.SUCCESSFUL, message);
        }
    }

    private static String checkOf(TestSource source) {
        if (source instanceof org.junit.platform.engine.support.descriptor.MethodSource method) {
            return method.getMethodName();
        }
        return source instanceof ClassSource type ? type.getClassName() : String.valueOf(source);
    }

    /**
     * Loads {@code com.streamproc.deployment} (the template checks and the template reader, whose package-private
     * members the checks use) from the deployment jars itself, so that their static state starts afresh; every
     * other class comes from the parent.
     */
    private static final class DeploymentFirst extends URLClassLoader {
        private static final String PACKAGE = "com.streamproc.deployment.";

        DeploymentFirst(ClassLoader parent) throws ClassNotFoundException, URISyntaxException, IOException {
            super(new URL[] {locationOf(SamTemplate.class), locationOf(Class.forName(CHECKS.get(0), false, parent))},
                    parent);
        }

        private static URL locationOf(Class<?> type) {
            return type.getProtectionDomain().getCodeSource().getLocation();
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(PACKAGE)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    loaded = findClass(name);
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }
    }

    private static Map<String, Object> properties(Map<String, Object> resources, String id) {
        return PageCountTemplate.properties(resources, id);
    }

    private static Map<String, Object> asMap(Object value) {
        return PageCountTemplate.asMap(value);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return (List<Object>) value;
    }
}
