package com.streamproc.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The deployed shape of every function in sam-template.yaml: stream reliability settings, least-privilege policies,
 * the configuration its code needs, runtime settings, alarms and what a stack delete keeps. Checks that depend on
 * what the code does read the function sources (where each handler class is compiled from), so they follow the code.
 * These read the template as written ({@link ProjectFiles#template()}); {@code DeployedTemplateIT} checks what the
 * SAM transform makes of it.
 */
class SamTemplateTest {
    private static final Path ROOT = ProjectFiles.root();
    private static final SamTemplate TEMPLATE = ProjectFiles.template();
    private static final Set<String> STREAM_READ_ACTIONS = Set.of("kinesis:DescribeStream",
            "kinesis:DescribeStreamSummary", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards",
            "kinesis:SubscribeToShard", "kinesis:ListStreams");
    private static final Set<String> TABLE_ACTIONS = Set.of("dynamodb:GetItem", "dynamodb:BatchGetItem",
            "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem",
            "dynamodb:DeleteItem", "dynamodb:ConditionCheckItem");
    /** Read by the JVM or the Lambda runtime, not by our code. */
    private static final Set<String> RUNTIME_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");
    /** Set by Lambda itself; a function cannot declare them (Lambda's reserved environment variables). */
    private static final Set<String> LAMBDA_RESERVED_VARIABLES = Set.of("_HANDLER", "_X_AMZN_TRACE_ID",
            "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME",
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE",
            "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT",
            "LAMBDA_RUNTIME_DIR");
    /** A change of these renames, and so replaces, the function: a new function brings a new version anyway. */
    private static final Set<String> RENAMING_PARAMETERS = Set.of("EnvironmentName");
    private static final Path SHARED_SOURCES = ROOT.resolve("shared-model/src/main/java");
    /**
     * Operations that classes on a handler's path contain but that only analyst code calls (class-level
     * reachability cannot tell), reviewed by hand. The role must not grant them.
     */
    private static final Map<String, Set<String>> ANALYST_ONLY_OPERATIONS = Map.of(
            // DynamoDbActivityStore.get/query/countActiveDay serve ActivityQueries; the handler's writers use
            // batchGet, putAll and putIfUnchanged only.
            "ActivityTrackingFunction", Set.of("dynamodb:GetItem", "dynamodb:Query"));

    static Stream<DeployedFunction> functions() {
        return DeployedFunction.ALL.stream();
    }

    /** The functions whose mappings give up after finite retries, to their own failure queue. */
    static Stream<DeployedFunction> givingUpFunctions() {
        return DeployedFunction.ALL.stream().filter(f -> !f.neverGivesUp());
    }

    /** The functions whose mappings retry a batch until it succeeds or expires from the stream. */
    static Stream<DeployedFunction> neverGivingUpFunctions() {
        return DeployedFunction.ALL.stream().filter(DeployedFunction::neverGivesUp);
    }

    @Test
    void declaresExactlyTheBriefsFunctions() {
        assertThat(TEMPLATE.logicalIdsOfType(SamTemplate.FUNCTION_TYPE))
                .containsExactlyInAnyOrderElementsOf(DeployedFunction.ALL.stream().map(DeployedFunction::logicalId).toList());
    }

    @Nested
    class KinesisEventSource {
        @ParameterizedTest
        @MethodSource("com.streamproc.deployment.SamTemplateTest#functions")
        void consumesOnlyItsOwnStreamThroughOneMappingOnItsAlias(DeployedFunction function) {
            Map<String, Object> mapping = kinesisProperties(function);

            assertThat(mappingsOf(function)).as("event source mappings of %s", function).hasSize(1);
            // The alias: SnapStart applies to published versions only, and each deployment moves `live`.
            assertThat(mapping.get("FunctionName")).isEqualTo(Map.of("Ref", function.logicalId() + ".Alias"));
            assertThat(SamTemplate.isGetAtt(mapping.get("EventSourceArn"), function.stream(), "Arn"))
                    .as("EventSourceArn of %s", function).isTrue();
        }

        @ParameterizedTest
        @MethodSource("com.streamproc.deployment.SamTemplateTest#functions")
        void hasNoSamEventSoSamAttachesNoManagedPolicyThatReadsEveryStream(DeployedFunction function) {
            // For a Kinesis (or DynamoDB, SQS) event SAM adds an AWS managed policy on Resource "*".
            assertThat(TEMPLATE.effectiveFunctionProperty(function.logicalId(), "Events")).isNull();
        }

        @ParameterizedTest
        @MethodSource("com.streamproc.deployment.SamTemplateTest#functions")
        void hasEveryReliabilitySetting(DeployedFunction function) {
            Map<String, Object> source = kinesisProperties(function);

            assertThat(source.get("StartingPosition")).isEqualTo("TRIM_HORIZON");
            assertThat(source.get("FunctionResponseTypes")).isEqualTo(List.of("ReportBatchItemFailures"));
            assertThat(source.get("BisectBatchOnFunctionError")).isEqualTo(true);
            assertThat(integer(source, "BatchSize")).isBetween(1, 10_000);
            assertThat(integer(source, "MaximumBatchingWindowInSeconds")).isBetween(0, 300);
            if (function.neverGivesUp()) {
                // -1: retried until it succeeds or expires; only transient failures are ever reported failed.
                assertThat(integer(source, "MaximumRetryAttempts")).isEqualTo(-1);
                assertThat(integer(source, "MaximumRecordAgeInSeconds")).isEqualTo(-1);
            } else {
                // Finite: its replay from the failure queue is exact, so a give-up loses nothing.
                assertThat(integer(source, "MaximumRetryAttempts")).isBetween(0, 10_000);
                assertThat(integer(source, "MaximumRecordAgeInSeconds")).isBetween(60, 604_800);
            }
            assertThat(source.get("Enabled")).isNotEqualTo(false);
        }

        @ParameterizedTest
        @MethodSource("com.streamproc.deployment.SamTemplateTest#neverGivingUpFunctions")
        void retriesUntilSuccessOnAStreamKeptAWeekWithoutAFailureDestination(DeployedFunction function) {
            Map<String, Object> source = kinesisProperties(function);
            Object retention = TEMPLATE.properties(function.stream()).get("RetentionPeriodHours");
            String parameter = (String) SamTemplate.asMap(retention).get("Ref");
            Map<String, Object> declared = SamTemplate.asMap(SamTemplate.asMap(TEMPLATE.root().get("Parameters")).get(parameter));

            // With -1/-1 Lambda discards nothing, so a destination could never receive a record.
            assertThat(source).doesNotContainKey("DestinationConfig");
            assertThat(parameter).isNotEqualTo("StreamRetentionHours");
            assertThat(Integer.parseInt(TEMPLATE.parameterDefaults().get(parameter))).isGreaterThanOrEqualTo(7 * 24);
            assertThat(declared).containsEntry("MinValue", 24).containsEntry("MaxValue", 8760);
        }

        @ParameterizedTest
        @MethodSource("com.streamproc.deployment.SamTemplateTest#givingUpFunctions")
        void givesUpToTheFailureQueueBeforeTheStreamForgetsTheRecords(DeployedFunction function) {
            int retentionHours = Integer.parseInt(TEMPLATE.parameterDefaults().get("StreamRetentionHours"));
            Object retention = TEMPLATE.properties(function.stream()).get("RetentionPeriodHours");

            assertThat(retention).isEqualTo(Map.of("Ref", "StreamRetentionHours"));
            assertThat(integer(kinesisProperties(function), "MaximumRecordAgeInSeconds"))
                    .isLessThan(retentionHours * 3600 / 2);
        }

        @ParameterizedTest
        @MethodSource("com.streamproc.deployment.SamTemplateTest#functions")
        void parallelizationKeepsWhatTheFunctionNeeds(DeployedFunction function) {
            int factor = integer(kinesisProperties(function), "ParallelizationFactor");

            assertThat(factor).isBetween(1, 10);
            if (function.requiredParallelizationFactor() > 0) {
                assertThat(factor).as("ParallelizationFactor of %s", function)
                        .isEqualTo(function.requiredParallelizationFactor());
            }
        }

        @ParameterizedTest
        @MethodSource("com.streamproc.deployment.SamTemplateTest#givingUpFunctions")
        void sendsFailedBatchesToItsOwnEncryptedQueue(DeployedFunction function) {
            Map<String, Object> onFailure = onFailure(function);
            String queue = failureQueue(function);

            // AWS::Lambda::EventSourceMapping's OnFailure has only Destination; the ARN says it is a queue.
            assertThat(onFailure).containsOnlyKeys("Destination");
            assertThat(TEMPLATE.typeOf(queue)).isEqualTo("AWS::SQS::Queue");
            Map<String, Object> queueProperties = TEMPLATE.properties(queue);
            assertThat(queueProperties.get("SqsManagedSseEnabled") == Boolean.TRUE
                    || queueProperties.containsKey("KmsMasterKeyId")).as("%s encrypted", queue).isTrue();
            long otherUsers = givingUpFunctions().filter(f -> failureQueue(f).equals(queue)).count();
            assertThat(otherUsers).as("functions sharing %s", queue).isEqualTo(1);
        }
    }

    @Nested
    class Policies {
        @ParameterizedTest
        @MethodSource("com.streamproc.deployment.SamTemplateTest#functions")
        void areInlineStatementsOnlyAndNoRoleOverridesThem(DeployedFunction function) {
            Map<String, Object> properties = TEMPLATE.properties(function.logicalId());

            assertThat(properties).doesNotContainKey("Role");
            List<?> policies = (List<?>) properties.get("Policies");
            assertThat(policies).isNotEmpty();
            // A managed policy name or a SAM policy template would grant more than we can check here.
            assertThat(policies).allSatisfy(policy -> assertThat(SamTemplate.asMap(policy)).containsOnlyKeys("Statement"));
        }

        @ParameterizedTest
        @MethodSource("com.streamproc.deployment.SamTemplateTest#functions")
        void nameOnlyTheFunctionsOwnResources(DeployedFunction function) {
            Set<String> own = new HashSet<>(Set.of(function.stream(), function.table(), function.quarantineTable()));
            if (!function.neverGivesUp()) {
                own.add(failureQueue(function));
            }

            for (Map<String, Object> statement : statements(function)) {
                assertThat(statement.get("Effect")).isEqualTo("Allow");
                for (Object resource : list(statement.get("Resource"))) {
                    assertThat(resource).as("%s: literal resources ('*', ARNs) are not least privilege", function)
                            .isInstanceOf(Map.class);
                    assertThat(SamTemplate.referencedNames(resource)).as("%s statement %s", function, statement.get("Sid"))
                            .isNotEmpty().isSubsetOf(own);
                }
                for (Object action : list(statement.get("Action"))) {
                    assertThat((String) action).as("%s", function).doesNotContain("*");
                }
            }
        }

        @ParameterizedTest
        @MethodSource("com.streamproc.deployment.SamTemplateTest#functions")
        void grantEachServiceOnlyOnItsOwnKindOfResource(DeployedFunction function) {
            for (Map<String, Object> statement : statements(function)) {
                Set<String> services = new TreeSet<>();
                list(statement.get("Action")).forEach(a -> services.add(((String) a).split(":")[0]));
                Set<String> targets = new TreeSet<>();
                list(statement.get("Resource")).forEach(r -> targets.addAll(SamTemplate.referencedNames(r)));

                assertThat(services).as("%s statement %s mixes services", function, statement.get("Sid")).hasSize(1);
                String expectedType = switch (services.iterator().next()) {
                    case "kinesis" -> "AWS::Kinesis::Stream";
                    case "dynamodb" -> "AWS::DynamoDB::Table";
                    case "sqs" -> "AWS::SQS::Queue";
                    default -> throw new AssertionError(function + " grants an unexpected service: " + services);
                };
                assertThat(targets).allSatisfy(id -> assertThat(TEMPLATE.typeOf(id)).isEqualTo(expectedType));
            }
        }

        @ParameterizedTest
        @MethodSource("com.streamproc.deployment.SamTemplateTest#functions")
        void readTheStreamWithReadActionsOnly(DeployedFunction function) {
            Set<String> kinesisActions = actionsOn(function, function.stream());

            assertThat(kinesisActions).contains("kinesis:GetRecords", "kinesis:GetShardIterator",
                    "kinesis:DescribeStream", "kinesis:ListShards").isSubsetOf(STREAM_READ_ACTIONS);
        }

        @ParameterizedTest
        @MethodSource("com.streamproc.deployment.SamTemplateTest#functions")
        void decryptOnlyWithTheKeyOfTheirOwnStream(DeployedFunction function) {
            Map<String, Object> encryption = SamTemplate.asMap(TEMPLATE.properties(function.stream())
                    .get("StreamEncryption"));
            Object key = encryption.get("KeyId");
            Set<String> kmsActions = new TreeSet<>();
            List<Object> kmsResources = new ArrayList<>();
            for (Map<String, Object> statement : statements(function)) {
                boolean kms = list(statement.get("Action")).stream().anyMatch(a -> ((String) a).startsWith("kms:"));
                if (kms) {
                    list(statement.get("Action")).forEach(a -> kmsActions.add((String) a));
                    kmsResources.addAll(list(statement.get("Resource")));
                }
            }

            assertThat(encryption.get("EncryptionType")).isEqualTo("KMS");
            if ("alias/aws/kinesis".equals(key)) {
                // Kinesis's own AWS managed key needs no IAM permission: granting one would only widen the role.
                assertThat(kmsActions).as("KMS actions of %s", function).isEmpty();
            } else {
                // A customer managed key: kms:Decrypt on exactly that key, nothing else.
                assertThat(kmsActions).as("KMS actions of %s", function).containsExactly("kms:Decrypt");
                assertThat(kmsResources).as("KMS resources of %s", function).containsExactly(key);
            }
        }

        @ParameterizedTest
        @MethodSource("com.streamproc.deployment.SamTemplateTest#functions")
        void grantOnTheDataTableExactlyTheOperationsTheHandlerCalls(DeployedFunction function) {
            SourceFacts handlerPath = new SourceFacts(handlerModuleSources(function));
            Set<String> analystOnly = ANALYST_ONLY_OPERATIONS.getOrDefault(function.logicalId(), Set.of());
            Set<String> needed = new TreeSet<>(handlerPath.dynamoDbActions());
            needed.removeAll(analystOnly);
            Set<String> granted = actionsOn(function, function.table());

            assertThat(handlerPath.isEmpty()).as("sources of %s found", function.handlerClass()).isFalse();
            assertThat(granted).as("%s on %s", function, function.table()).isSubsetOf(TABLE_ACTIONS);
            assertThat(granted).as("operations the code of %s calls on %s but the template does not grant",
                    function, function.table()).containsAll(needed);
            assertThat(needed).as("operations granted to %s on %s that its handler never calls",
                    function, function.table()).containsAll(granted);
            assertThat(handlerPath.dynamoDbActions()).as("ANALYST_ONLY_OPERATIONS of %s is out of date", function)
                    .containsAll(analystOnly);
        }

        @ParameterizedTest
        @MethodSource("com.streamproc.deployment.SamTemplateTest#functions")
        void grantIndexAccessOnlyWhenTheHandlerQueriesAnIndex(DeployedFunction function) {
            boolean queriesIndex = new SourceFacts(handlerModuleSources(function)).usesIndexes()
                    && !ANALYST_ONLY_OPERATIONS.getOrDefault(function.logicalId(), Set.of()).contains("dynamodb:Query");
            boolean indexGranted = statements(function).stream()
                    .flatMap(s -> list(s.get("Resource")).stream())
                    .anyMatch(r -> r.equals(Map.of("Fn::Sub", "${" + function.table() + ".Arn}/index/*")));

            assertThat(indexGranted).as("%s: index access granted vs an index queried on the handler's path", function)
                    .isEqualTo(queriesIndex);
        }

        @ParameterizedTest
        @MethodSource("com.streamproc.deployment.SamTemplateTest#functions")
        void letTheQuarantineBeWrittenTheWayTheSharedCoreWritesIt(DeployedFunction function) {
            // The quarantine writer sends its items through the shared DynamoBatchWriter.
            SourceFacts core = new SourceFacts(List.of(
                    ProjectFiles.read(SHARED_SOURCES.resolve("com/streamproc/shared/dynamo/DynamoDbQuarantineWriter.java")),
                    ProjectFiles.read(SHARED_SOURCES.resolve("com/streamproc/shared/dynamo/DynamoBatchWriter.java"))));

            assertThat(actionsOn(function, function.quarantineTable())).containsExactlyElementsOf(core.dynamoDbActions());
        }

        @ParameterizedTest
        @MethodSource("com.streamproc.deployment.SamTemplateTest#givingUpFunctions")
        void sendOnlyToTheOwnFailureQueue(DeployedFunction function) {
            assertThat(actionsOn(function, failureQueue(function))).containsExactly("sqs:SendMessage");
        }

        @ParameterizedTest
        @MethodSource("com.streamproc.deployment.SamTemplateTest#neverGivingUpFunctions")
        void sendToNoQueueWhenTheMappingNeverGivesUp(DeployedFunction function) {
            assertThat(statements(function)).flatMap(statement -> list(statement.get("Action")))
                    .noneMatch(action -> String.valueOf(action).startsWith("sqs:"));
        }

        @Test
        void noFunctionCanWriteToAnyStream() {
            // Writing a stream that this or another consumer reads is the recursive-trigger anti-pattern.
            assertThat(allActions(TEMPLATE.root())).filteredOn(a -> a.startsWith("kinesis:"))
                    .isSubsetOf(STREAM_READ_ACTIONS);
            for (DeployedFunction function : DeployedFunction.ALL) {
                for (DeployedFunction other : DeployedFunction.ALL) {
                    assertThat(actionsOn(function, other.stream())).isSubsetOf(STREAM_READ_ACTIONS);
                }
            }
        }

        @Test
        void noFunctionMayScanOrUseTransactions() {
            assertThat(allActions(TEMPLATE.root())).filteredOn(a -> a.startsWith("dynamodb:"))
                    .isSubsetOf(TABLE_ACTIONS);
        }

        /** Every value of an {@code Action} key anywhere in the template. */
        private Set<String> allActions(Object node) {
            Set<String> actions = new TreeSet<>();
            if (node instanceof Map<?, ?> map) {
                map.forEach((key, value) -> {
                    if ("Action".equals(key)) {
                        list(value).forEach(a -> actions.add(String.valueOf(a)));
                    } else {
                        actions.addAll(allActions(value));
                    }
                });
            } else if (node instanceof List<?> items) {
                items.forEach(item -> actions.addAll(allActions(item)));
            }
            return actions;
        }
    }

    @Nested
    class Configuration {
        @ParameterizedTest
        @MethodSource("com.streamproc.deployment.SamTemplateTest#functions")
        void setsTheBriefsVariablesToItsOwnTables(DeployedFunction function) {
            Map<String, Object> environment = TEMPLATE.effectiveEnvironment(function.logicalId());

            assertThat(SamTemplate.isRef(environment.get(function.tableVariable()), function.table()))
                    .as("%s=%s", function.tableVariable(), environment.get(function.tableVariable())).isTrue();
            assertThat(SamTemplate.isRef(environment.get("QUARANTINE_TABLE"), function.quarantineTable()))
                    .as("QUARANTINE_TABLE=%s", environment.get("QUARANTINE_TABLE")).isTrue();
            assertThat(environment).containsKeys("QUARANTINE_TTL_DAYS", "MAX_CONCURRENT_KEYS");
        }

        @ParameterizedTest
        @MethodSource("com.streamproc.deployment.SamTemplateTest#functions")
        void setsEveryVariableTheCodeRequires(DeployedFunction function) {
            assertThat(TEMPLATE.effectiveEnvironment(function.logicalId())).as("environment of %s", function)
                    .containsKeys(function.requiredVariables().toArray(String[]::new));
        }

        @ParameterizedTest
        @MethodSource("com.streamproc.deployment.SamTemplateTest#functions")
        void setsNoVariableTheCodeNeverReads(DeployedFunction function) {
            // A misspelt name (ORDER_TABLE) would be set, never read, and the function would fail at start.
            Set<String> own = SamTemplate.asMap(SamTemplate.asMap(
                    TEMPLATE.properties(function.logicalId()).get("Environment")).get("Variables")).keySet();

            assertThat(own).as("variables of %s its descriptor and the core do not declare", function)
                    .isSubsetOf(function.variables().keySet());
        }

        @ParameterizedTest
        @MethodSource("com.streamproc.deployment.SamTemplateTest#functions")
        void declaresEveryVariableTheCodeReadsSoSamLocalInvokeCanSetIt(DeployedFunction function) {
            // sam local invoke --env-vars overrides only variables the template declares. The wiring refuses to
            // read a variable the descriptor does not declare, so the declaration is what the code reads.
            Set<String> read = new TreeSet<>(function.variables().keySet());
            read.removeAll(LAMBDA_RESERVED_VARIABLES);

            assertThat(read).as("variables the code of %s reads", function).isNotEmpty();
            assertThat(TEMPLATE.effectiveEnvironment(function.logicalId())).as("environment of %s", function)
                    .containsKeys(read.toArray(String[]::new));
        }

        @Test
        void variablesDeclaredOnlyForSamLocalInvokeAreEmptySoTheCodesDefaultsApplyOnAws() {
            Map<String, Object> globals = SamTemplate.asMap(SamTemplate.asMap(
                    TEMPLATE.functionGlobals().get("Environment")).get("Variables"));

            assertThat(globals).containsEntry("DYNAMODB_ENDPOINT_URL", "").containsEntry("RETRY_MAX_ATTEMPTS", "")
                    .containsEntry("RETRY_BASE_DELAY_MS", "").containsEntry("RETRY_MAX_DELAY_MS", "");
            // The SDK's own variable cannot be declared: it rejects an empty endpoint, and Lambda would pass "".
            assertThat(globals).doesNotContainKeys("AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL");
        }

        @Test
        void globalVariablesAreReadBySomeCode() {
            Set<String> declared = new LinkedHashSet<>();
            DeployedFunction.ALL.forEach(f -> declared.addAll(f.variables().keySet()));
            Map<String, Object> globals = SamTemplate.asMap(SamTemplate.asMap(
                    TEMPLATE.functionGlobals().get("Environment")).get("Variables"));

            assertThat(globals.keySet()).filteredOn(name -> !RUNTIME_VARIABLES.contains(name))
                    .isSubsetOf(declared);
        }

        @ParameterizedTest
        @MethodSource("com.streamproc.deployment.SamTemplateTest#functions")
        void deploysTheZipTheFunctionModuleBuilds(DeployedFunction function) {
            Object codeUri = TEMPLATE.properties(function.logicalId()).get("CodeUri");
            Path module = ROOT.resolve("functions").resolve(function.name());

            assertThat(codeUri).isEqualTo("functions/" + function.name() + "/target/" + function.name() + "-lambda.zip");
            // The module the handler class comes from is the one building that zip (and the one whose sources the
            // policy checks read).
            assertThat(function.moduleDirectory()).as("module holding %s", function.handlerClass())
                    .isEqualTo(realPath(ROOT).resolve("functions").resolve(function.name()));
            assertThat(module.resolve("pom.xml")).exists();
            assertThat(ProjectFiles.read(module.resolve("pom.xml")))
                    .contains("<artifactId>" + function.name() + "</artifactId>");
            // The functions' parent names the zip ${project.artifactId}-lambda.
            assertThat(ProjectFiles.read(ROOT.resolve("functions/pom.xml")))
                    .contains("<lambda.zip.name>${project.artifactId}-lambda</lambda.zip.name>");
        }

        @ParameterizedTest
        @MethodSource("com.streamproc.deployment.SamTemplateTest#functions")
        void namesItsStreamAndTablesWithTheSuffixesItsDescriptorDeclares(DeployedFunction function) {
            // Tools that know only the environment name find the resources by these suffixes.
            var suffixes = function.descriptor().resourceSuffixes();

            assertThat(TEMPLATE.properties(function.stream()).get("Name"))
                    .isEqualTo(Map.of("Fn::Sub", "${EnvironmentName}-" + suffixes.stream()));
            assertThat(TEMPLATE.properties(function.table()).get("TableName"))
                    .isEqualTo(Map.of("Fn::Sub", "${EnvironmentName}-" + suffixes.table()));
            assertThat(TEMPLATE.properties(function.quarantineTable()).get("TableName"))
                    .isEqualTo(Map.of("Fn::Sub", "${EnvironmentName}-" + suffixes.quarantineTable()));
            assertThat(suffixes.function()).isEqualTo(function.name());
        }

        @ParameterizedTest
        @MethodSource("com.streamproc.deployment.SamTemplateTest#functions")
        void namesTheHandlerAndTheFunctionAsTheBriefSays(DeployedFunction function) {
            Map<String, Object> properties = TEMPLATE.properties(function.logicalId());

            assertThat(properties.get("Handler")).isEqualTo(function.handler());
            assertThat(properties.get("FunctionName")).isEqualTo(Map.of("Fn::Sub", "${EnvironmentName}-" + function.name()));
        }

    }

    @Nested
    class Runtime {
        @ParameterizedTest
        @MethodSource("com.streamproc.deployment.SamTemplateTest#functions")
        void runsJava21OnArmWithTracingAndJsonLogs(DeployedFunction function) {
            String id = function.logicalId();

            assertThat(TEMPLATE.effectiveFunctionProperty(id, "Runtime")).isEqualTo("java21");
            assertThat(TEMPLATE.effectiveFunctionProperty(id, "Architectures")).isEqualTo(List.of("arm64"));
            assertThat(TEMPLATE.effectiveFunctionProperty(id, "Tracing")).isEqualTo("Active");
            Map<String, Object> logging = SamTemplate.asMap(TEMPLATE.effectiveFunctionProperty(id, "LoggingConfig"));
            assertThat(logging.get("LogFormat")).isEqualTo("JSON");
            assertThat(logging.get("ApplicationLogLevel")).isNotNull();
        }

        @ParameterizedTest
        @MethodSource("com.streamproc.deployment.SamTemplateTest#functions")
        void startsFromASnapStartSnapshotOfAPublishedVersion(DeployedFunction function) {
            String id = function.logicalId();

            assertThat(TEMPLATE.effectiveFunctionProperty(id, "AutoPublishAlias")).isEqualTo("live");
            assertThat(TEMPLATE.effectiveFunctionProperty(id, "SnapStart")).isEqualTo(Map.of("ApplyOn", "PublishedVersions"));
        }

        @ParameterizedTest
        @MethodSource("com.streamproc.deployment.SamTemplateTest#functions")
        void publishesANewVersionForAnyChangeOfItsProperties(DeployedFunction function) {
            // Without it SAM publishes only for code, environment, memory or SnapStart changes, and a new Timeout or
            // log level would never reach the alias the event source mapping invokes.
            assertThat(TEMPLATE.effectiveFunctionProperty(function.logicalId(), "AutoPublishAliasAllProperties"))
                    .isEqualTo(true);
        }

        @ParameterizedTest
        @MethodSource("com.streamproc.deployment.SamTemplateTest#functions")
        void publishesANewVersionWhenAParameterItsPropertiesUseChanges(DeployedFunction function) {
            // SAM hashes `!Ref Parameter`, not its value; the version's description carries the values, and a new
            // description replaces the version.
            Set<String> parameters = SamTemplate.asMap(TEMPLATE.root().get("Parameters")).keySet();
            Set<String> used = new TreeSet<>();
            Set<String> names = new TreeSet<>(TEMPLATE.functionGlobals().keySet());
            names.addAll(TEMPLATE.properties(function.logicalId()).keySet());
            names.remove("VersionDescription");
            for (String name : names) {
                used.addAll(SamTemplate.referencedNames(TEMPLATE.effectiveFunctionProperty(function.logicalId(), name)));
            }
            used.retainAll(parameters);
            used.removeAll(RENAMING_PARAMETERS);
            Object description = TEMPLATE.properties(function.logicalId()).get("VersionDescription");

            assertThat(used).as("parameters the properties of %s use", function).isNotEmpty();
            assertThat(description).as("VersionDescription of %s", function).isInstanceOf(Map.class);
            assertThat(SamTemplate.asMap(description)).containsOnlyKeys("Fn::Sub");
            assertThat(SamTemplate.referencedNames(description)).as("parameters in the VersionDescription of %s",
                    function).containsAll(used);
        }

        @ParameterizedTest
        @MethodSource("com.streamproc.deployment.SamTemplateTest#functions")
        void leavesTimeForTheDeadlineMargin(DeployedFunction function) {
            String id = function.logicalId();
            int timeoutSeconds = (Integer) TEMPLATE.effectiveFunctionProperty(id, "Timeout");
            Object margin = TEMPLATE.effectiveEnvironment(id).get("DEADLINE_MARGIN_MS");
            long marginMillis = margin == null ? 3000 : Long.parseLong((String) margin);

            assertThat(TEMPLATE.effectiveFunctionProperty(id, "MemorySize")).isInstanceOf(Integer.class);
            assertThat((Integer) TEMPLATE.effectiveFunctionProperty(id, "MemorySize")).isBetween(512, 10_240);
            assertThat(timeoutSeconds).isBetween(10, 900);
            assertThat(timeoutSeconds * 1000L).isGreaterThanOrEqualTo(10 * marginMillis);
        }

        @Test
        void logLevelCannotDropTheMetricLines() {
            // EMF lines carry no level, so Lambda files them as INFO; WARN or stricter would drop every metric.
            Map<String, Object> parameter = SamTemplate.asMap(
                    SamTemplate.asMap(TEMPLATE.root().get("Parameters")).get("ApplicationLogLevel"));

            assertThat(TEMPLATE.functionGlobals().get("LoggingConfig"))
                    .isEqualTo(Map.of("LogFormat", "JSON", "ApplicationLogLevel", Map.of("Ref", "ApplicationLogLevel"),
                            "SystemLogLevel", "INFO"));
            assertThat(list(parameter.get("AllowedValues")).stream().map(String::valueOf).toList())
                    .doesNotContain("WARN", "ERROR", "FATAL");
        }

        @ParameterizedTest
        @MethodSource("com.streamproc.deployment.SamTemplateTest#functions")
        void logsToItsOwnLogGroupWithRetention(DeployedFunction function) {
            Object logGroup = SamTemplate.asMap(TEMPLATE.effectiveFunctionProperty(function.logicalId(), "LoggingConfig"))
                    .get("LogGroup");
            String logGroupId = (String) SamTemplate.asMap(logGroup).get("Ref");

            assertThat(TEMPLATE.typeOf(logGroupId)).isEqualTo("AWS::Logs::LogGroup");
            assertThat(TEMPLATE.properties(logGroupId)).containsKey("RetentionInDays");
        }
    }

    @Nested
    class Alarms {
        @ParameterizedTest
        @MethodSource("com.streamproc.deployment.SamTemplateTest#functions")
        void watchIteratorAgeAndErrors(DeployedFunction function) {
            assertThat(alarmsOn("AWS/Lambda", "IteratorAge", Map.of("FunctionName", Map.of("Ref", function.logicalId()))))
                    .as("IteratorAge alarm of %s", function).isNotEmpty();
            assertThat(alarmsOn("AWS/Lambda", "Errors", Map.of("FunctionName", Map.of("Ref", function.logicalId()))))
                    .as("Errors alarm of %s", function).isNotEmpty();
        }

        @ParameterizedTest
        @MethodSource("com.streamproc.deployment.SamTemplateTest#functions")
        void iteratorAgeAlarmFiresWhenRecordsArriveButTheFunctionIsNotInvoked(DeployedFunction function) {
            // IteratorAge exists only for invocations: a mapping that stops invoking reports no data at all.
            Map<String, Object> alarm = single(alarmsOn("AWS/Lambda", "IteratorAge",
                    Map.of("FunctionName", Map.of("Ref", function.logicalId()))).stream()
                    .filter(a -> queriesById(a).containsKey("incoming")).toList());
            Map<String, Map<String, Object>> queries = queriesById(alarm);

            assertThat(stat(queries.get("age"))).isEqualTo("Maximum");
            assertThat(metric(queries.get("incoming"))).containsEntry("Namespace", "AWS/Kinesis")
                    .containsEntry("MetricName", "IncomingRecords")
                    .containsEntry("Dimensions", List.of(Map.of("Name", "StreamName", "Value", Map.of("Ref", function.stream()))));
            assertThat(metric(queries.get("invocations"))).containsEntry("Namespace", "AWS/Lambda")
                    .containsEntry("MetricName", "Invocations")
                    .containsEntry("Dimensions", List.of(Map.of("Name", "FunctionName", "Value", Map.of("Ref", function.logicalId()))));
            Map<String, Object> returned = queries.values().stream().filter(q -> Boolean.TRUE.equals(q.get("ReturnData")))
                    .findFirst().orElseThrow();
            assertThat((String) returned.get("Expression")).contains("FILL(incoming, 0) > 0", "FILL(invocations, 0) == 0",
                    "FILL(age, 0)");
            assertThat(alarm.get("Threshold")).isEqualTo(300000);
            assertThat(alarm.get("TreatMissingData")).isEqualTo("notBreaching");
        }

        @ParameterizedTest
        @MethodSource("com.streamproc.deployment.SamTemplateTest#neverGivingUpFunctions")
        void pageWhenTheOldestRecordHasWaitedHalfTheStreamsRetention(DeployedFunction function) {
            Object retention = TEMPLATE.properties(function.stream()).get("RetentionPeriodHours");
            String parameter = (String) SamTemplate.asMap(retention).get("Ref");
            Map<String, Object> alarm = single(alarmsOn("AWS/Lambda", "IteratorAge",
                    Map.of("FunctionName", Map.of("Ref", function.logicalId()))).stream()
                    .filter(a -> queriesById(a).containsKey("retentionUsed")).toList());
            Map<String, Map<String, Object>> queries = queriesById(alarm);

            assertThat(stat(queries.get("age"))).isEqualTo("Maximum");
            // Milliseconds of age over the parameter's hours, in percent: the threshold follows the parameter.
            assertThat(queries.get("retentionUsed").get("Expression")).isEqualTo(Map.of("Fn::Sub",
                    "100 * FILL(age, 0) / (${" + parameter + "} * 3600000)"));
            assertThat(alarm.get("Threshold")).isEqualTo(50);
            assertThat(alarm.get("ComparisonOperator")).isEqualTo("GreaterThanOrEqualToThreshold");
            assertThat(alarm).containsKey("AlarmActions");
        }

        @ParameterizedTest
        @MethodSource("com.streamproc.deployment.SamTemplateTest#functions")
        void watchForAShardStuckRetryingPerFunctionAndEnvironment(DeployedFunction function) {
            Map<String, Object> alarm = single(alarmsOn("StreamProcessing", "RecordsFailed",
                    Map.of("Function", function.name(), "FunctionName", Map.of("Ref", function.logicalId()))));

            assertThat(alarm.get("Statistic")).isEqualTo("Sum");
            assertThat(alarm.get("Period")).isEqualTo(60);
            assertThat(alarm.get("ComparisonOperator")).isEqualTo("GreaterThanThreshold");
            assertThat(alarm.get("Threshold")).isEqualTo(0);
            // Several minutes: a single failed batch that the next attempt applies is no alarm.
            assertThat((Integer) alarm.get("DatapointsToAlarm")).isGreaterThanOrEqualTo(5);
            assertThat((Integer) alarm.get("EvaluationPeriods")).isGreaterThanOrEqualTo((Integer) alarm.get("DatapointsToAlarm"));
        }

        @ParameterizedTest
        @MethodSource("com.streamproc.deployment.SamTemplateTest#givingUpFunctions")
        void watchTheFailureQueue(DeployedFunction function) {
            assertThat(alarmsOn("AWS/SQS", "ApproximateNumberOfMessagesVisible",
                    Map.of("QueueName", Map.of("Fn::GetAtt", List.of(failureQueue(function), "QueueName")))))
                    .as("failure-queue alarm of %s", function).isNotEmpty();
        }

        @ParameterizedTest
        @MethodSource("com.streamproc.deployment.SamTemplateTest#functions")
        void watchTheQuarantineRateUnderTheNameTheCodeReports(DeployedFunction function) {
            assertThat(function.metricsName()).isEqualTo(function.name());

            Map<String, Object> alarm = single(alarmsOn("StreamProcessing", "RecordsQuarantined",
                    Map.of("Function", function.name(), "FunctionName", Map.of("Ref", function.logicalId()))));
            assertThat(alarmsOn("StreamProcessing", "RecordsProcessed",
                    Map.of("Function", function.name(), "FunctionName", Map.of("Ref", function.logicalId()))))
                    .as("quarantine alarm of %s divides by the records of the same function", function)
                    .containsExactly(alarm);
        }

        @Test
        void customMetricsAreScopedToTheDeployedFunctionSoEnvironmentsDoNotMix() {
            // Two stacks in one account and region: only the deployed name (it starts with EnvironmentName) differs.
            String observer = ProjectFiles.read(SHARED_SOURCES.resolve(
                    "com/streamproc/shared/observe/JsonLinesBatchObserver.java"));
            assertThat(observer).contains("\"FunctionName\"", "AWS_LAMBDA_FUNCTION_NAME");
            for (String id : TEMPLATE.logicalIdsOfType("AWS::CloudWatch::Alarm")) {
                for (Map<String, Object> metric : metricsOf(TEMPLATE.properties(id))) {
                    if ("StreamProcessing".equals(metric.get("Namespace"))) {
                        Set<Object> functions = new LinkedHashSet<>();
                        list(metric.get("Dimensions")).stream().map(SamTemplate::asMap)
                                .filter(d -> "FunctionName".equals(d.get("Name"))).forEach(d -> functions.add(d.get("Value")));
                        assertThat(functions).as("FunctionName dimension of %s", id).hasSize(1)
                                .allSatisfy(value -> assertThat(DeployedFunction.ALL.stream()
                                        .anyMatch(f -> SamTemplate.isRef(value, f.logicalId()))).isTrue());
                    }
                }
            }
        }

        @Test
        void notifyTheTopicWhenOneIsGiven() {
            Object actions = Map.of("Fn::If", List.of("HasAlarmTopic", List.of(Map.of("Ref", "AlarmTopicArn")),
                    Map.of("Ref", "AWS::NoValue")));

            assertThat(TEMPLATE.logicalIdsOfType("AWS::CloudWatch::Alarm")).hasSize(5 * DeployedFunction.ALL.size())
                    .allSatisfy(id -> assertThat(TEMPLATE.properties(id).get("AlarmActions")).isEqualTo(actions));
        }

        private static Map<String, Object> single(List<Map<String, Object>> alarms) {
            assertThat(alarms).hasSize(1);
            return alarms.get(0);
        }

        private static Map<String, Map<String, Object>> queriesById(Map<String, Object> alarm) {
            Map<String, Map<String, Object>> queries = new HashMap<>();
            for (Object query : list(alarm.get("Metrics"))) {
                queries.put((String) SamTemplate.asMap(query).get("Id"), SamTemplate.asMap(query));
            }
            return queries;
        }

        private static Map<String, Object> metric(Map<String, Object> query) {
            return SamTemplate.asMap(SamTemplate.asMap(query.get("MetricStat")).get("Metric"));
        }

        private static Object stat(Map<String, Object> query) {
            return SamTemplate.asMap(query.get("MetricStat")).get("Stat");
        }

        /** The alarm's own metric and the metrics inside its metric-math Metrics. */
        private static List<Map<String, Object>> metricsOf(Map<String, Object> alarm) {
            List<Map<String, Object>> metrics = new ArrayList<>();
            metrics.add(alarm);
            for (Object query : list(alarm.get("Metrics"))) {
                Object stat = SamTemplate.asMap(query).get("MetricStat");
                if (stat != null) {
                    metrics.add(SamTemplate.asMap(SamTemplate.asMap(stat).get("Metric")));
                }
            }
            return metrics;
        }

        /**
         * Alarms on the metric with (at least) these dimensions, whether as the alarm's own metric or inside its
         * metric-math Metrics.
         */
        private List<Map<String, Object>> alarmsOn(String namespace, String metric, Map<String, Object> dimensions) {
            List<Map<String, Object>> wanted = new ArrayList<>();
            dimensions.forEach((name, value) -> wanted.add(Map.of("Name", name, "Value", value)));
            List<Map<String, Object>> alarms = new ArrayList<>();
            for (String id : TEMPLATE.logicalIdsOfType("AWS::CloudWatch::Alarm")) {
                Map<String, Object> alarm = TEMPLATE.properties(id);
                List<Map<String, Object>> metrics = new ArrayList<>();
                metrics.add(alarm);
                for (Object query : list(alarm.get("Metrics"))) {
                    Object stat = SamTemplate.asMap(query).get("MetricStat");
                    if (stat != null) {
                        metrics.add(SamTemplate.asMap(SamTemplate.asMap(stat).get("Metric")));
                    }
                }
                boolean matches = metrics.stream().anyMatch(m -> namespace.equals(m.get("Namespace"))
                        && metric.equals(m.get("MetricName")) && list(m.get("Dimensions")).containsAll(wanted));
                if (matches) {
                    alarms.add(alarm);
                }
            }
            return alarms;
        }
    }

    @Nested
    class StatefulResources {
        @Test
        void aStackDeleteOrAReplacingChangeKeepsEveryTableAndStream() {
            List<String> stateful = new ArrayList<>(TEMPLATE.logicalIdsOfType("AWS::DynamoDB::Table"));
            stateful.addAll(TEMPLATE.logicalIdsOfType("AWS::Kinesis::Stream"));

            assertThat(stateful).hasSize(3 * DeployedFunction.ALL.size());
            for (String id : stateful) {
                assertThat(TEMPLATE.resource(id)).as(id).containsEntry("DeletionPolicy", "Retain")
                        .containsEntry("UpdateReplacePolicy", "Retain");
            }
            for (DeployedFunction function : DeployedFunction.ALL) {
                assertThat(stateful).contains(function.stream(), function.table(), function.quarantineTable());
            }
        }

        @Test
        void tablesHaveDeletionProtectionByDefaultOutsideTheThrowawayLocalEnvironment() {
            for (String id : TEMPLATE.logicalIdsOfType("AWS::DynamoDB::Table")) {
                assertThat(TEMPLATE.properties(id).get("DeletionProtectionEnabled")).as(id)
                        .isEqualTo(Map.of("Fn::If", List.of("ProtectTables", true, false)));
            }
            assertThat(TEMPLATE.parameterDefaults()).containsEntry("TableDeletionProtection", "auto");

            assertThat(protectTables(Map.of())).as("defaults (EnvironmentName local)").isFalse();
            assertThat(protectTables(Map.of("EnvironmentName", "prod"))).isTrue();
            assertThat(protectTables(Map.of("EnvironmentName", "staging"))).isTrue();
            assertThat(protectTables(Map.of("EnvironmentName", "prod", "TableDeletionProtection", "false"))).isFalse();
            assertThat(protectTables(Map.of("EnvironmentName", "local", "TableDeletionProtection", "true"))).isTrue();
        }

        /** The ProtectTables condition with these parameter values over the defaults. */
        private boolean protectTables(Map<String, String> overrides) {
            Map<String, String> parameters = new HashMap<>(TEMPLATE.parameterDefaults());
            parameters.putAll(overrides);
            Object condition = SamTemplate.asMap(TEMPLATE.root().get("Conditions")).get("ProtectTables");
            return (Boolean) evaluate(condition, parameters);
        }

        private Object evaluate(Object value, Map<String, String> parameters) {
            if (!(value instanceof Map<?, ?> map)) {
                return value instanceof String || value instanceof Boolean ? value : String.valueOf(value);
            }
            Map<String, Object> intrinsic = SamTemplate.asMap(map);
            assertThat(intrinsic).hasSize(1);
            String function = intrinsic.keySet().iterator().next();
            List<?> args = list(intrinsic.get(function));
            return switch (function) {
                case "Ref" -> {
                    assertThat(parameters).containsKey((String) args.get(0));
                    yield parameters.get((String) args.get(0));
                }
                case "Fn::Equals" -> evaluate(args.get(0), parameters).equals(evaluate(args.get(1), parameters));
                case "Fn::Not" -> !(Boolean) evaluate(args.get(0), parameters);
                case "Fn::And" -> args.stream().allMatch(a -> (Boolean) evaluate(a, parameters));
                case "Fn::Or" -> args.stream().anyMatch(a -> (Boolean) evaluate(a, parameters));
                default -> throw new AssertionError("unexpected " + function + " in ProtectTables");
            };
        }
    }

    @Test
    void outputsNameEveryStreamTableQueueAndFunction() {
        Set<Object> outputs = new LinkedHashSet<>();
        SamTemplate.asMap(TEMPLATE.root().get("Outputs")).values()
                .forEach(output -> outputs.add(SamTemplate.asMap(output).get("Value")));

        for (DeployedFunction function : DeployedFunction.ALL) {
            assertThat(outputs).contains(Map.of("Ref", function.stream()), Map.of("Ref", function.table()),
                    Map.of("Ref", function.quarantineTable()), Map.of("Fn::GetAtt", List.of(function.logicalId(), "Arn")));
        }
        givingUpFunctions().forEach(function -> assertThat(outputs).contains(Map.of("Ref", failureQueue(function))));
    }

    /** The source files the handler can reach, in its module and in shared-model. */
    static Set<Path> handlerSources(DeployedFunction function) {
        return new ReachableSources(List.of(function.sourceDirectory(), SHARED_SOURCES)).from(function.handlerClass());
    }

    /**
     * The reachable sources of the function's own module, plus the shared DynamoDB helpers that module names itself
     * (it hands them its own table: {@code DynamoBatchReader}, {@code DynamoBatchWriter}). The rest of shared-model's
     * requests go to the quarantine, checked on their own.
     */
    static List<String> handlerModuleSources(DeployedFunction function) {
        List<String> own = handlerSources(function).stream().filter(p -> p.startsWith(function.sourceDirectory()))
                .map(ProjectFiles::read).toList();
        List<String> sources = new ArrayList<>(own);
        for (String helper : List.of("DynamoBatchReader", "DynamoBatchWriter")) {
            Pattern named = Pattern.compile("\\b" + helper + "\\b");
            if (own.stream().anyMatch(text -> named.matcher(text).find())) {
                sources.add(ProjectFiles.read(SHARED_SOURCES.resolve("com/streamproc/shared/dynamo/" + helper + ".java")));
            }
        }
        return sources;
    }

    /** The AWS::Lambda::EventSourceMapping resources that invoke the function (or its alias or version). */
    static List<String> mappingsOf(DeployedFunction function) {
        return TEMPLATE.logicalIdsOfType(SamTemplate.EVENT_SOURCE_MAPPING_TYPE).stream()
                .filter(id -> SamTemplate.namesFunction(TEMPLATE.properties(id).get("FunctionName"), function.logicalId()))
                .toList();
    }

    /** The properties of the function's (one) Kinesis event source mapping. */
    static Map<String, Object> kinesisProperties(DeployedFunction function) {
        List<String> mappings = mappingsOf(function);
        if (mappings.isEmpty()) {
            throw new AssertionError(function + " has no AWS::Lambda::EventSourceMapping");
        }
        return TEMPLATE.properties(mappings.get(0));
    }

    static Map<String, Object> onFailure(DeployedFunction function) {
        return SamTemplate.asMap(SamTemplate.asMap(kinesisProperties(function).get("DestinationConfig")).get("OnFailure"));
    }

    /** The logical id of the queue the function's OnFailure destination names with {@code !GetAtt Queue.Arn}. */
    static String failureQueue(DeployedFunction function) {
        Object destination = onFailure(function).get("Destination");
        Set<String> names = SamTemplate.referencedNames(destination);
        assertThat(names).as("OnFailure destination of %s", function).hasSize(1);
        String queue = names.iterator().next();
        assertThat(SamTemplate.isGetAtt(destination, queue, "Arn")).isTrue();
        return queue;
    }

    static List<Map<String, Object>> statements(DeployedFunction function) {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object policy : list(TEMPLATE.properties(function.logicalId()).get("Policies"))) {
            for (Object statement : list(SamTemplate.asMap(policy).get("Statement"))) {
                statements.add(SamTemplate.asMap(statement));
            }
        }
        return statements;
    }

    /** The actions the function's statements allow on the resource {@code logicalId} (or its indexes). */
    static Set<String> actionsOn(DeployedFunction function, String logicalId) {
        Set<String> actions = new TreeSet<>();
        for (Map<String, Object> statement : statements(function)) {
            boolean names = list(statement.get("Resource")).stream()
                    .anyMatch(r -> SamTemplate.referencedNames(r).contains(logicalId));
            if (names) {
                list(statement.get("Action")).forEach(a -> actions.add((String) a));
            }
        }
        return actions;
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int integer(Map<String, Object> properties, String name) {
        assertThat(properties.get(name)).as(name).isInstanceOf(Integer.class);
        return (Integer) properties.get(name);
    }

    static List<?> list(Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> list ? list : List.of(value);
    }
}
