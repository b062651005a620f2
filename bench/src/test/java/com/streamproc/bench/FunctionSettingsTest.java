package com.streamproc.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.streamproc.emulators.CloudFormationYaml;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class FunctionSettingsTest {
    @Test
    void readsAnExplicitEventSourceMappingAndTheFunctionsOwnVariable() {
        String template = """
                Globals:
                  Function:
                    MemorySize: 1024
                    Architectures: [arm64]
                    Environment:
                      Variables:
                        MAX_CONCURRENT_KEYS: "8"
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Environment:
                        Variables:
                          MAX_CONCURRENT_KEYS: "32"
                  FnMapping:
                    Type: AWS::Lambda::EventSourceMapping
                    Properties:
                      FunctionName: !Ref Fn.Alias
                      BatchSize: 250
                      MaximumBatchingWindowInSeconds: 3
                      ParallelizationFactor: 6
                """;

        FunctionSettings settings = FunctionSettings.of(CloudFormationYaml.load(new StringReader(template), "t"), "Fn");

        assertThat(settings).isEqualTo(new FunctionSettings(250, 3, 6, 32, 1024, "arm64"));
    }

    @Test
    void readsTheFunctionsKinesisEventAndTheGlobals() {
        String template = """
                Globals:
                  Function:
                    Environment:
                      Variables:
                        MAX_CONCURRENT_KEYS: "8"
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      MemorySize: 512
                      Events:
                        Records:
                          Type: Kinesis
                          Properties:
                            BatchSize: 100
                            ParallelizationFactor: 4
                """;

        FunctionSettings settings = FunctionSettings.of(CloudFormationYaml.load(new StringReader(template), "t"), "Fn");

        assertThat(settings).isEqualTo(new FunctionSettings(100, 0, 4, 8, 512, "x86_64"));
    }
}
