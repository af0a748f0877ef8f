using System.Text.Json.Nodes;
using WorkflowFunctions.Workflows;

namespace WorkflowFunctions.Tests.Workflows;

/// <summary>The trigger's <c>input_fields</c> as written, for APIs that show them verbatim.</summary>
public class PreparedWorkflowRawInputFieldsTests
{
    [Fact]
    public void RawInputFields_Reference003Fields_AreTheTriggersArrayExactlyAsWritten()
    {
        // Arrange: every member reference 003 shows, options as objects, and a field of a type the engine does not know.
        var fields = JsonNode.Parse("""
            [{"id":"user_name","title":"User Name","type":"text","input_requirements":true,"placeholder":"Enter your name","tooltip":"Full name of the user",
              "default_value":"","options":[]},
             {"id":"language","title":"Language","type":"select","input_requirements":false,"placeholder":"","tooltip":"Output language","default_value":"en",
              "options":[{"title":"English","value":"en","is_default":true},{"title":"Russian","value":"ru","is_default":false}]},
             {"id":"when","type":"date"}]
            """)!;
        var definition = new JsonObject
        {
            ["start_node"] = "t",
            ["nodes"] = new JsonArray(new JsonObject
                {
                    ["id"] = "t",
                    ["type"] = "trigger-node",
                    ["data"] = new JsonObject { ["input_fields"] = fields.DeepClone() },
                }),
            ["edges"] = new JsonArray(),
        };

        // Act
        var raw = PreparedWorkflow.Prepare(definition.ToJsonString()).RawInputFields();

        // Assert
        Assert.True(JsonNode.DeepEquals(fields, raw), raw.ToJsonString());
    }

    [Fact]
    public void RawInputFields_DraftWithoutTrigger_IsEmpty()
    {
        var raw = PreparedWorkflow.Prepare("{}").RawInputFields();

        Assert.Empty(raw);
    }

    [Fact]
    public void RawInputFields_Copy_ChangingItLeavesTheSharedDefinitionAlone()
    {
        var prepared = PreparedWorkflow.Prepare(
            """{"start_node":"t","nodes":[{"id":"t","type":"trigger-node","data":{"input_fields":[{"id":"a","type":"text"}]}}],"edges":[]}""");

        prepared.RawInputFields().Clear();

        Assert.Single(prepared.RawInputFields());
    }
}
