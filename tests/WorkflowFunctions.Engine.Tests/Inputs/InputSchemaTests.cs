using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Engine.Inputs;
using WorkflowFunctions.Engine.Tests.Fixtures;

namespace WorkflowFunctions.Engine.Tests.Inputs;

public class InputSchemaTests
{
    private static IReadOnlyList<InputField> Fields(string json) =>
        InputFields.FromDefinition(WorkflowDefinition.Parse(
            $$$"""{"start_node":"t","nodes":[{"id":"t","type":"trigger-node","data":{"input_fields":{{{json}}}}}]}"""));

    [Fact]
    public void Derive_EveryFieldType_GivesDraft2020Schema()
    {
        // Arrange
        var fields = Fields("""
            [{"id":"q","title":"Question","type":"text","input_requirements":true,"tooltip":"Ask"},
             {"id":"n","type":"number","default_value":3},
             {"id":"s","type":"select","options":["a",{"title":"B","value":"b"}]},
             {"id":"b","type":"boolean"},{"id":"j","type":"json"}]
            """);

        // Act
        var schema = InputSchema.Derive(fields);

        // Assert
        var expected = JsonNode.Parse("""
            {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","properties":{
              "q":{"title":"Question","description":"Ask","type":"string"},
              "n":{"title":"n","type":"number","default":3},
              "s":{"title":"s","type":"string","enum":["a","b"]},
              "b":{"title":"b","type":"boolean"},
              "j":{"title":"j"}},
             "additionalProperties":true,"required":["q"]}
            """);
        Assert.True(JsonNode.DeepEquals(expected, schema), schema.ToJsonString());
    }

    [Fact]
    public void Derive_Reference003_RequiresCategory()
    {
        var schema = InputSchema.Derive(InputFields.FromDefinition(WorkflowDefinition.Parse(FixtureFiles.Reference003Data())));

        Assert.Equal("""["category"]""", schema["required"]!.ToJsonString());
    }

    [Fact]
    public void Derive_RequiredFieldWithDefault_IsNotRequired()
    {
        var schema = InputSchema.Derive(Fields("""[{"id":"n","type":"number","input_requirements":true,"default_value":1}]"""));

        Assert.Null(schema["required"]);
    }

    [Fact]
    public void Derive_NoFields_AllowsAnyObject()
    {
        var schema = InputSchema.Derive([]);

        Assert.Equal(
            """{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","properties":{},"additionalProperties":true}""",
            schema.ToJsonString());
    }
}
