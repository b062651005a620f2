package com.streamproc.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;

class TemplateResourcesTest {

    static Path fixture() {
        try {
            return Path.of(TemplateResourcesTest.class.getResource("fixture-template.yaml").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shortFormTagsBecomeLongFormFunctions() {
        Map<String, Object> template = CloudFormationYaml.load(fixture());

        Map<?, ?> resources = (Map<?, ?>) template.get("Resources");
        Map<?, ?> ordersStream = (Map<?, ?>) ((Map<?, ?>) resources.get("OrdersStream")).get("Properties");
        assertThat(ordersStream.get("ShardCount")).isEqualTo(Map.of("Ref", "OrdersShardCount"));
        assertThat(ordersStream.get("Name")).isEqualTo(Map.of("Fn::Sub", "${EnvironmentName}-orders"));
        assertThat(((Map<?, ?>) ordersStream.get("StreamEncryption")).get("KeyId"))
                .isEqualTo(Map.of("Fn::GetAtt", List.of("EncryptionKey", "Arn")));
        assertThat(ordersStream.get("RetentionPeriodHours")).isEqualTo(Map.of("Fn::If", List.of("IsProd", 168, 24)));

        Map<?, ?> conditions = (Map<?, ?>) template.get("Conditions");
        assertThat(conditions.get("NotProd")).isEqualTo(Map.of("Fn::Not", List.of(Map.of("Condition", "IsProd"))));

        Map<?, ?> outputs = (Map<?, ?>) template.get("Outputs");
        assertThat(((Map<?, ?>) outputs.get("FirstZone")).get("Value"))
                .isEqualTo(Map.of("Fn::Select", List.of(0, Map.of("Fn::GetAZs", ""))));
        assertThat(((Map<?, ?>) outputs.get("EncodedName")).get("Value")).isEqualTo(Map.of("Fn::Base64", "streamproc"));
        assertThat(((Map<?, ?>) outputs.get("ImportedThing")).get("Value")).isEqualTo(Map.of("Fn::ImportValue", "shared-thing"));
    }

    @Test
    void namesUseTheLocalEnvironmentByDefault() {
        TemplateResources resources = TemplateResources.read(fixture());

        assertThat(resources.parameters()).containsEntry("EnvironmentName", "local").containsEntry("OrdersShardCount", "2");
        assertThat(resources.physicalNames()).containsExactly(
                Map.entry("OrdersStream", "local-orders"),
                Map.entry("ActivityStream", "local-activity"),
                Map.entry("OrdersTable", "local-orders"),
                Map.entry("DedupTable", "local-dedup-v1"),
                Map.entry("AuditTable", "streamproc-local-AuditTable"));
        assertThat(resources.physicalName("DedupTable")).isEqualTo("local-dedup-v1");
        assertThatThrownBy(() -> resources.physicalName("Nope")).hasMessageContaining("OrdersTable");
    }

    @Test
    void parameterOverridesWin() {
        TemplateResources resources = TemplateResources.read(fixture(),
                Map.of("EnvironmentName", "prod", "OrdersShardCount", "3"));

        assertThat(resources.physicalNames())
                .containsEntry("OrdersTable", "prod-orders")
                .containsEntry("ProdOnlyTable", "prod-only");
        assertThat(resources.streams()).filteredOn(s -> s.logicalId().equals("OrdersStream"))
                .singleElement().satisfies(s -> assertThat(s.shardCount()).isEqualTo(3));
    }

    @Test
    void tableWithGlobalSecondaryIndexes() {
        TemplateResources.Table orders = table(TemplateResources.read(fixture()), "OrdersTable");
        CreateTableRequest request = orders.createRequest();

        assertThat(request.tableName()).isEqualTo("local-orders");
        assertThat(request.billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(request.provisionedThroughput()).isNull();
        assertThat(request.keySchema()).singleElement().satisfies(k -> {
            assertThat(k.attributeName()).isEqualTo("orderId");
            assertThat(k.keyType()).isEqualTo(KeyType.HASH);
        });
        assertThat(request.attributeDefinitions()).extracting(a -> a.attributeName() + ":" + a.attributeTypeAsString())
                .containsExactly("orderId:S", "customerId:S", "createdAt:S", "status:S");

        assertThat(request.globalSecondaryIndexes()).extracting(GlobalSecondaryIndex::indexName)
                .containsExactly("byCustomer", "byStatus");
        GlobalSecondaryIndex byCustomer = request.globalSecondaryIndexes().get(0);
        assertThat(byCustomer.keySchema()).extracting(k -> k.attributeName() + ":" + k.keyTypeAsString())
                .containsExactly("customerId:HASH", "createdAt:RANGE");
        assertThat(byCustomer.projection().projectionType()).isEqualTo(ProjectionType.ALL);
        assertThat(byCustomer.provisionedThroughput()).isNull();
        GlobalSecondaryIndex byStatus = request.globalSecondaryIndexes().get(1);
        assertThat(byStatus.projection().projectionType()).isEqualTo(ProjectionType.INCLUDE);
        assertThat(byStatus.projection().nonKeyAttributes()).containsExactly("customerId", "total");

        assertThat(orders.ttlAttribute()).isEqualTo("expiresAt");
        assertThat(orders.skippedProperties()).containsExactlyInAnyOrder("TimeToLiveSpecification", "SSESpecification",
                "PointInTimeRecoverySpecification", "StreamSpecification", "Tags");
    }

    @Test
    void provisionedTableWithCompositeKey() {
        TemplateResources.Table dedup = table(TemplateResources.read(fixture()), "DedupTable");
        CreateTableRequest request = dedup.createRequest();

        assertThat(request.billingMode()).isEqualTo(BillingMode.PROVISIONED);
        assertThat(request.provisionedThroughput().readCapacityUnits()).isEqualTo(3L);
        assertThat(request.provisionedThroughput().writeCapacityUnits()).isEqualTo(4L);
        assertThat(request.keySchema()).extracting(k -> k.attributeName() + ":" + k.keyTypeAsString())
                .containsExactly("pk:HASH", "sk:RANGE");
        assertThat(request.hasGlobalSecondaryIndexes()).isFalse();
        assertThat(dedup.ttlAttribute()).as("TTL disabled in the template").isNull();
    }

    @Test
    void conditionalResourceIsLeftOutWhenItsConditionIsFalse() {
        assertThat(TemplateResources.read(fixture()).tables()).extracting(TemplateResources.Table::logicalId)
                .containsExactly("OrdersTable", "DedupTable", "AuditTable");
    }

    @Test
    void streamsTakeShardCountFromTheParameterDefaultAndFourShardsOnDemand() {
        TemplateResources resources = TemplateResources.read(fixture());

        TemplateResources.Stream orders = stream(resources, "OrdersStream");
        assertThat(orders.streamName()).isEqualTo("local-orders");
        assertThat(orders.shardCount()).isEqualTo(2);
        assertThat(orders.onDemand()).isFalse();
        assertThat(orders.createRequest().streamName()).isEqualTo("local-orders");
        assertThat(orders.createRequest().shardCount()).isEqualTo(2);
        assertThat(orders.skippedProperties()).containsExactly("RetentionPeriodHours", "StreamEncryption", "Tags");

        TemplateResources.Stream activity = stream(resources, "ActivityStream");
        assertThat(activity.streamName()).isEqualTo("local-activity");
        assertThat(activity.onDemand()).isTrue();
        assertThat(activity.shardCount()).isEqualTo(TemplateResources.ON_DEMAND_LOCAL_SHARDS);
        assertThat(activity.createRequest().shardCount()).isEqualTo(4);
    }

    @Test
    void unresolvableNameIsAClearError() {
        String yaml = """
                Resources:
                  Broken:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      TableName: !GetAtt Other.Name
                      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
                      KeySchema: [{AttributeName: id, KeyType: HASH}]
                """;
        Map<String, Object> template = CloudFormationYaml.load(new StringReader(yaml), "inline");

        assertThatThrownBy(() -> TemplateResources.parse(template, "inline", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Broken")
                .hasMessageContaining("TableName");
    }

    @Test
    void subSupportsPseudoParametersAndEscapes() {
        String yaml = """
                Parameters:
                  EnvironmentName: {Type: String}
                Resources:
                  Stream:
                    Type: AWS::Kinesis::Stream
                    Properties:
                      Name: !Sub '${AWS::StackName}-${AWS::Region}-${EnvironmentName}-${!Literal}'
                      ShardCount: 1
                """;
        TemplateResources resources = TemplateResources.parse(
                CloudFormationYaml.load(new StringReader(yaml), "inline"), "inline", Map.of());

        assertThat(resources.physicalName("Stream")).isEqualTo("streamproc-local-us-east-1-local-${Literal}");
    }

    private static TemplateResources.Table table(TemplateResources resources, String logicalId) {
        return resources.tables().stream().filter(t -> t.logicalId().equals(logicalId)).findFirst().orElseThrow();
    }

    private static TemplateResources.Stream stream(TemplateResources resources, String logicalId) {
        return resources.streams().stream().filter(s -> s.logicalId().equals(logicalId)).findFirst().orElseThrow();
    }
}
