package com.streamproc.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What AWS deploys: the template after the real SAM transform, as {@code ../shared/tools/check-sam-deploy} makes it
 * (it also runs cfn-lint and fails on any role with Kinesis, DynamoDB or SQS access on {@code *}). The tests before
 * the transform ({@link SamTemplateTest}) cannot see what SAM adds: a managed policy per event, the version and
 * alias it generates and when it publishes a new version.
 *
 * <p>Skipped, with the reason, where the tool is not next to the project (developers may not have
 * {@code ../shared}) or cannot run (its Debian Python packages are missing: {@code check-sam-deploy --install}).
 * With {@code -Dsam.deploy.check=required} (what {@code .ci/run} passes) a tool that cannot run fails the test.
 */
class DeployedTemplateIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = ProjectFiles.root();
    private static final Path TOOL = ROOT.toAbsolutePath().getParent().resolve("shared/tools/check-sam-deploy");
    private static final Path WORK = ROOT.resolve("deployment/target/sam-deploy-check");
    /** The AWS managed policies a function's role may have: logs and X-Ray writes, nothing on data. */
    private static final Set<String> ALLOWED_MANAGED_POLICIES = Set.of(
            "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
            "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess");

    private static Transform deployed;

    @BeforeAll
    static void transformTheProjectTemplate() throws Exception {
        if (!Files.isExecutable(TOOL) && !required()) {
            skip("no " + TOOL + ": the template after the SAM transform is checked where ../shared/tools is "
                    + "present (CI)");
        }
        deployed = transform("project", Files.readString(ROOT.resolve("sam-template.yaml"), StandardCharsets.UTF_8));
    }

    @Test
    void checkSamDeployPassesTransformLintAndTheIamCheck() {
        String last = deployed.output().strip().lines().reduce((a, b) -> b).orElse("");
        System.out.println(last);

        assertThat(last).startsWith("check-sam-deploy: OK (");
        assertThat(deployed.output()).contains("0 error(s), 0 warning(s)").doesNotContain("FLAGGED");
    }

    @Test
    void noRoleHasAManagedPolicyThatReadsEveryStream() {
        for (String role : deployed.idsOfType("AWS::IAM::Role")) {
            List<String> managed = list(deployed.properties(role).get("ManagedPolicyArns")).stream()
                    .map(String::valueOf).toList();

            assertThat(managed).as("managed policies of %s", role).isSubsetOf(ALLOWED_MANAGED_POLICIES)
                    .noneMatch(arn -> arn.contains("AWSLambdaKinesisExecutionRole"));
        }
    }

    @Test
    void noStatementAllowsKinesisDynamoDbOrSqsOnEveryResource() {
        int statements = 0;
        for (String role : deployed.idsOfType("AWS::IAM::Role")) {
            for (Map<String, Object> statement : statementsOf(role)) {
                statements++;
                List<?> resources = list(statement.get("Resource"));
                boolean dataService = list(statement.get("Action")).stream().map(String::valueOf)
                        .anyMatch(a -> a.startsWith("kinesis:") || a.startsWith("dynamodb:") || a.startsWith("sqs:"));
                assertThat(statement).as("%s: %s", role, statement).doesNotContainKeys("NotResource", "NotAction");
                if (dataService) {
                    assertThat(resources).as("%s statement %s", role, statement.get("Sid"))
                            .isNotEmpty().noneMatch(r -> String.valueOf(r).contains("*"));
                }
            }
        }
        // Stream, table, quarantine, and the failure queue of a mapping that gives up.
        long expected = DeployedFunction.ALL.stream().mapToLong(f -> f.neverGivesUp() ? 3 : 4).sum();
        assertThat(statements).isGreaterThanOrEqualTo((int) expected);
    }

    @ParameterizedTest
    @MethodSource("com.streamproc.deployment.SamTemplateTest#functions")
    void eachFunctionIsInvokedThroughItsLiveAliasByOneMappingOnItsOwnStream(DeployedFunction function) {
        List<String> mappings = mappingsOf(function);
        assertThat(mappings).as("event source mappings of %s", function).hasSize(1);
        Map<String, Object> mapping = deployed.properties(mappings.get(0));
        String alias = (String) SamTemplate.asMap(mapping.get("FunctionName")).get("Ref");

        assertThat(deployed.typeOf(alias)).isEqualTo("AWS::Lambda::Alias");
        assertThat(deployed.properties(alias)).containsEntry("Name", "live")
                .containsEntry("FunctionName", Map.of("Ref", function.logicalId()));
        assertThat(mapping.get("EventSourceArn")).isEqualTo(Map.of("Fn::GetAtt", List.of(function.stream(), "Arn")));
        // Every reliability setting of the template reaches the deployed mapping unchanged.
        Map<String, Object> written = new TreeMap<>(SamTemplateTest.kinesisProperties(function));
        written.remove("FunctionName");
        Map<String, Object> transformed = new TreeMap<>(mapping);
        transformed.remove("FunctionName");
        assertThat(JSON.convertValue(transformed, Map.class)).isEqualTo(JSON.convertValue(written, Map.class));
    }

    @ParameterizedTest
    @MethodSource("com.streamproc.deployment.SamTemplateTest#functions")
    void eachRoleReadsOnlyItsOwnStreamAndSendsAtMostToItsOwnFailureQueue(DeployedFunction function) {
        Object role = deployed.properties(function.logicalId()).get("Role");
        String roleId = (String) list(SamTemplate.asMap(role).get("Fn::GetAtt")).get(0);
        Map<String, Set<Object>> resourcesByService = new TreeMap<>();
        for (Map<String, Object> statement : statementsOf(roleId)) {
            for (Object action : list(statement.get("Action"))) {
                String service = String.valueOf(action).split(":")[0];
                resourcesByService.computeIfAbsent(service, s -> new java.util.LinkedHashSet<>())
                        .addAll(list(statement.get("Resource")));
            }
        }
        assertThat(resourcesByService.get("kinesis")).as("%s: Kinesis", roleId)
                .containsExactly(Map.of("Fn::GetAtt", List.of(function.stream(), "Arn")));
        assertThat(resourcesByService.get("dynamodb")).as("%s: DynamoDB", roleId).containsExactlyInAnyOrder(
                Map.of("Fn::GetAtt", List.of(function.table(), "Arn")),
                Map.of("Fn::GetAtt", List.of(function.quarantineTable(), "Arn")));
        if (function.neverGivesUp()) {
            // No on-failure destination, so nothing to send to.
            assertThat(resourcesByService.keySet()).as("%s: services", roleId)
                    .containsExactlyInAnyOrder("kinesis", "dynamodb");
        } else {
            assertThat(resourcesByService.get("sqs")).as("%s: SQS", roleId)
                    .containsExactly(Map.of("Fn::GetAtt", List.of(SamTemplateTest.failureQueue(function), "Arn")));
            assertThat(resourcesByService.keySet()).as("%s: services", roleId)
                    .containsExactlyInAnyOrder("kinesis", "sqs", "dynamodb");
        }
    }

    @ParameterizedTest
    @MethodSource("com.streamproc.deployment.SamTemplateTest#functions")
    void versionsAreKeptAndTheirDescriptionCarriesTheParameterValues(DeployedFunction function) {
        String version = versionOf(deployed, function);
        Object description = deployed.properties(version).get("Description");

        assertThat(deployed.resource(version)).containsEntry("DeletionPolicy", "Retain");
        assertThat(SamTemplate.referencedNames(description)).contains("ApplicationLogLevel", "QuarantineTtlDays");
    }

    @Test
    void aConfigurationOnlyChangePublishesANewVersionOfEveryFunction() throws Exception {
        String template = Files.readString(ROOT.resolve("sam-template.yaml"), StandardCharsets.UTF_8);
        String longerTimeout = template.replaceFirst("(?m)^    Timeout: 60$", "    Timeout: 61");
        assertThat(longerTimeout).as("Globals.Function.Timeout is 60").isNotEqualTo(template);

        Transform changed = transform("timeout", longerTimeout);

        for (DeployedFunction function : DeployedFunction.ALL) {
            String before = versionOf(deployed, function);
            String after = versionOf(changed, function);
            assertThat(after).as("version of %s after a Timeout change", function).isNotEqualTo(before);
            assertThat(changed.properties(function.logicalId() + "Aliaslive").get("FunctionVersion"))
                    .isEqualTo(Map.of("Fn::GetAtt", List.of(after, "Version")));
        }
    }

    @Test
    void tablesAndStreamsAreRetainedInWhatIsDeployed() {
        List<String> stateful = new ArrayList<>(deployed.idsOfType("AWS::DynamoDB::Table"));
        stateful.addAll(deployed.idsOfType("AWS::Kinesis::Stream"));

        assertThat(stateful).hasSize(3 * DeployedFunction.ALL.size());
        for (String id : stateful) {
            assertThat(deployed.resource(id)).as(id).containsEntry("DeletionPolicy", "Retain")
                    .containsEntry("UpdateReplacePolicy", "Retain");
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static List<String> mappingsOf(DeployedFunction function) {
        String alias = function.logicalId() + "Aliaslive";
        return deployed.idsOfType("AWS::Lambda::EventSourceMapping").stream()
                .filter(id -> Map.of("Ref", alias).equals(deployed.properties(id).get("FunctionName"))
                        || Map.of("Ref", function.logicalId()).equals(deployed.properties(id).get("FunctionName")))
                .toList();
    }

    private static String versionOf(Transform transform, DeployedFunction function) {
        List<String> versions = transform.idsOfType("AWS::Lambda::Version").stream()
                .filter(id -> Map.of("Ref", function.logicalId()).equals(transform.properties(id).get("FunctionName")))
                .toList();
        assertThat(versions).as("versions of %s", function).hasSize(1);
        return versions.get(0);
    }

    private static List<Map<String, Object>> statementsOf(String role) {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object policy : list(deployed.properties(role).get("Policies"))) {
            Object document = SamTemplate.asMap(policy).get("PolicyDocument");
            for (Object statement : list(SamTemplate.asMap(document).get("Statement"))) {
                statements.add(SamTemplate.asMap(statement));
            }
        }
        return statements;
    }

    private static List<?> list(Object value) {
        return SamTemplateTest.list(value);
    }

    /** Skips, saying why where the build log shows it. */
    private static void skip(String reason) {
        System.out.println("DeployedTemplateIT skipped: " + reason);
        Assumptions.abort(reason);
    }

    private static boolean required() {
        return "required".equals(System.getProperty("sam.deploy.check"));
    }

    /**
     * Runs the tool on the template text, from its own folder (the tool writes {@code target/sam-transformed.json}
     * into the current folder). CodeUri becomes absolute so the zips are found from there.
     */
    private static Transform transform(String name, String template) throws Exception {
        Path folder = WORK.resolve(name);
        Files.createDirectories(folder.resolve("target"));
        Path transformed = folder.resolve("target/sam-transformed.json");
        Files.deleteIfExists(transformed);
        Path copy = folder.resolve("sam-template.yaml");
        String functions = ROOT.toAbsolutePath().resolve("functions").toString().replace('\\', '/');
        Files.writeString(copy, template.replaceAll("(?m)^(\\s+CodeUri: )functions/", "$1" + functions + "/"),
                StandardCharsets.UTF_8);

        Path log = folder.resolve("check-sam-deploy.log");
        Process process = new ProcessBuilder(TOOL.toString(), copy.toString())
                .directory(folder.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(TOOL + " did not finish within 5 minutes");
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        int exit = process.exitValue();
        if (exit == 2 && !required()) {
            skip(TOOL.getFileName() + " cannot run here (`" + TOOL + " --install` as root installs what it needs; "
                    + "it needs the function zips of `mvn package`): " + output.strip().lines()
                    .reduce((a, b) -> b).orElse(""));
        }
        assertThat(exit).as("%s on the %s template:%n%s", TOOL.getFileName(), name, output).isZero();
        return new Transform(output, read(transformed));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), Map.class);
    }

    /** The tool's output and the transformed template. */
    private record Transform(String output, Map<String, Object> template) {
        Map<String, Object> resources() {
            return SamTemplate.asMap(template.get("Resources"));
        }

        Map<String, Object> resource(String id) {
            assertThat(resources()).containsKey(id);
            return SamTemplate.asMap(resources().get(id));
        }

        String typeOf(String id) {
            return (String) resource(id).get("Type");
        }

        Map<String, Object> properties(String id) {
            return SamTemplate.asMap(resource(id).get("Properties"));
        }

        List<String> idsOfType(String type) {
            Set<String> ids = new TreeSet<>();
            resources().forEach((id, value) -> {
                if (type.equals(SamTemplate.asMap(value).get("Type"))) {
                    ids.add(id);
                }
            });
            return List.copyOf(ids);
        }
    }
}
