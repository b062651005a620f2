package com.streamproc.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SamTemplateReaderTest {
    private static final String TEMPLATE = """
            Parameters:
              EnvironmentName:
                Type: String
                Default: local
              ShardCount:
                Type: Number
                Default: 2
            Conditions:
              IsProd: !Equals [!Ref EnvironmentName, prod]
            Globals:
              Function:
                Timeout: 60
                Layers: [global-layer]
                Environment:
                  Variables:
                    SHARED: one
                    OVERRIDDEN: global
            Resources:
              Stream:
                Type: AWS::Kinesis::Stream
                Properties:
                  Name: !Sub ${EnvironmentName}-orders
                  ShardCount: !If [IsProd, !Ref ShardCount, !Ref AWS::NoValue]
              Table:
                Type: AWS::DynamoDB::Table
                Properties:
                  TableName: !Sub "${EnvironmentName}-orders"
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Timeout: 30
                  Layers: [own-layer]
                  Environment:
                    Variables:
                      OWN: !Ref Table
                      OVERRIDDEN: own
                  Events:
                    Records:
                      Type: Kinesis
                      Properties:
                        Stream: !GetAtt Stream.Arn
                  Policies:
                    - Statement:
                        - Resource:
                            - !Sub "${Table.Arn}/index/*"
                            - !Select [0, !Split [",", !Join [",", [!GetAtt Table.Arn]]]]
            """;

    private final SamTemplate template = SamTemplate.parse(TEMPLATE);

    @Test
    void shortFormIntrinsicsBecomeTheirLongForm() {
        Map<String, Object> stream = template.properties("Stream");

        assertThat(stream.get("Name")).isEqualTo(Map.of("Fn::Sub", "${EnvironmentName}-orders"));
        assertThat(stream.get("ShardCount")).isEqualTo(Map.of("Fn::If",
                List.of("IsProd", Map.of("Ref", "ShardCount"), Map.of("Ref", "AWS::NoValue"))));
        assertThat(template.root().get("Conditions")).isEqualTo(Map.of("IsProd",
                Map.of("Fn::Equals", List.of(Map.of("Ref", "EnvironmentName"), "prod"))));
    }

    @Test
    void getAttSplitsLogicalIdFromAttribute() {
        Object stream = SamTemplate.asMap(SamTemplate.asMap(SamTemplate.asMap(
                template.properties("Fn").get("Events")).get("Records")).get("Properties")).get("Stream");

        assertThat(SamTemplate.isGetAtt(stream, "Stream", "Arn")).isTrue();
        assertThat(SamTemplate.isGetAtt(stream, "Table", "Arn")).isFalse();
    }

    @Test
    void referencedNamesFollowRefGetAttAndSubVariablesAtAnyDepth() {
        Object policies = template.properties("Fn").get("Policies");

        assertThat(SamTemplate.referencedNames(policies)).containsExactly("Table");
        assertThat(SamTemplate.referencedNames(template.properties("Stream")))
                .containsExactlyInAnyOrder("EnvironmentName", "ShardCount", "AWS::NoValue");
    }

    @Test
    void functionPropertiesMergeOverGlobalsAsSamDoes() {
        assertThat(template.effectiveFunctionProperty("Fn", "Timeout")).isEqualTo(30);
        assertThat(template.effectiveFunctionProperty("Fn", "Layers")).isEqualTo(List.of("global-layer", "own-layer"));
        assertThat(template.effectiveEnvironment("Fn")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "SHARED", "one", "OVERRIDDEN", "own", "OWN", Map.of("Ref", "Table")));
    }

    @Test
    void parameterOnlyStringsResolve() {
        Map<String, String> parameters = Map.of("EnvironmentName", "local");

        assertThat(SamTemplate.resolveString(template.properties("Stream").get("Name"), parameters))
                .isEqualTo("local-orders");
        assertThat(SamTemplate.resolveString(Map.of("Ref", "EnvironmentName"), parameters)).isEqualTo("local");
        assertThat(SamTemplate.resolveString(Map.of("Fn::Sub", "${!Literal}-${EnvironmentName}"), parameters))
                .isEqualTo("${Literal}-local");
        assertThatThrownBy(() -> SamTemplate.resolveString(Map.of("Fn::Sub", "${Table.Arn}"), parameters))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Table.Arn");
    }

    @Test
    void parameterDefaultsAreStrings() {
        assertThat(template.parameterDefaults()).containsExactly(
                Map.entry("EnvironmentName", "local"), Map.entry("ShardCount", "2"));
    }

    @Test
    void duplicateKeysAreRejected() {
        assertThatThrownBy(() -> SamTemplate.parse("""
                Resources:
                  A: {Type: AWS::SQS::Queue}
                  A: {Type: AWS::SQS::Queue}
                """)).hasMessageContaining("duplicate key");
    }

    @Test
    void aDocumentWithoutResourcesIsNotATemplate() {
        assertThatThrownBy(() -> SamTemplate.parse("Parameters: {}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Resources");
    }
}
