using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Catalog;
using WorkflowFunctions.Engine.Definition;

namespace WorkflowFunctions.Engine.Tests.Catalog;

public class NodeCatalogTests
{
    public static TheoryData<string> AllTypes() =>
        [.. typeof(NodeTypes).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!)];

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void Default_EveryNodeType_HasDescriptorWithObjectSchema(string type)
    {
        Assert.True(NodeCatalog.Default.TryGet(type, out var descriptor));
        Assert.False(string.IsNullOrWhiteSpace(descriptor.Title));
        Assert.Equal("object", descriptor.ConfigSchema["type"]!.GetValue<string>());
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", descriptor.ConfigSchema["$schema"]!.GetValue<string>());
    }

    [Fact]
    public void Default_PureTypes_AreTriggerIfElseOutputAndFilterRows()
    {
        Assert.Equal(
            [NodeTypes.Trigger, NodeTypes.IfElse, NodeTypes.Output, NodeTypes.FilterRows],
            NodeCatalog.Default.All.Where(d => d.IsPure).Select(d => d.Type));
    }

    [Fact]
    public void SchemaChecker_ValidLlmConfig_HasNoViolations()
    {
        NodeCatalog.Default.TryGet(NodeTypes.Llm, out var llm);
        var data = JsonNode.Parse(
            """{"messages":[{"role":"system","message":"hi"}],"settings":{"model_name":"gpt-4o","temperature":0.7,"max_tokens":10},"label":"visual"}""");

        Assert.Empty(SchemaChecker.Check(llm.ConfigSchema, data, "$"));
    }

    [Fact]
    public void SchemaChecker_HttpConfigWithObjectBodyAsInReference003_HasNoViolations()
    {
        // Arrange
        NodeCatalog.Default.TryGet(NodeTypes.Http, out var http);
        var data = JsonNode.Parse(
            """{"url":"https://api.example.com/users","method":"POST","headers":{"Content-Type":"application/json"},"body":"""
                + """{"name":"{{ input.user_name }}"}}""");

        // Act
        var violations = SchemaChecker.Check(http.ConfigSchema, data, "$");

        // Assert
        Assert.Empty(violations);
    }

    [Fact]
    public void SchemaChecker_ReportsEveryViolation()
    {
        NodeCatalog.Default.TryGet(NodeTypes.Http, out var http);
        var data = JsonNode.Parse("""{"method":"FETCH","headers":{"a":1},"accepted_statuses":[700],"retry":{"max_attempts":0}}""");

        var violations = SchemaChecker.Check(http.ConfigSchema, data, "$");

        Assert.Equal(
            ["$.url", "$.method", "$.headers.a", "$.accepted_statuses[0]", "$.retry.max_attempts"],
            violations.Select(v => v.Path));
        Assert.True(violations[0].IsMissing);
    }

    [Fact]
    public void TryGet_UnknownType_IsFalse()
    {
        Assert.False(NodeCatalog.Default.TryGet("magic-node", out _));
    }

    [Theory]
    [InlineData(NodeTypes.Http, 300, true)]
    [InlineData(NodeTypes.Http, 301, false)]
    [InlineData(NodeTypes.Approval, 86400, true)]
    [InlineData(NodeTypes.Llm, 0, false)]
    public void SchemaChecker_TimeoutSeconds_FollowsTheTypeLimit(string type, int seconds, bool valid)
    {
        // Arrange
        NodeCatalog.Default.TryGet(type, out var descriptor);
        var data = new JsonObject
        {
            ["url"] = "https://x",
            ["messages"] = JsonNode.Parse("""[{"role":"user","message":"m"}]"""),
            ["timeout_seconds"] = seconds,
        };

        // Act
        var violations = SchemaChecker.Check(descriptor.ConfigSchema, data, "$");

        // Assert
        Assert.Equal(valid, violations.Count == 0);
    }

    [Fact]
    public void SchemaChecker_CommonSettingsOnAnyNode_AreChecked()
    {
        NodeCatalog.Default.TryGet(NodeTypes.Output, out var output);
        var data = JsonNode.Parse("""{"continue_on_error":"yes","retry":{"max_attempts":3,"backoff_seconds":-1,"backoff_coefficient":2}}""");

        var violations = SchemaChecker.Check(output.ConfigSchema, data, "$");

        Assert.Equal(["$.continue_on_error", "$.retry.backoff_seconds"], violations.Select(v => v.Path));
    }

    [Fact]
    public void SchemaChecker_ExplicitNullForOptionalSetting_ReadsAsAbsent()
    {
        NodeCatalog.Default.TryGet(NodeTypes.Llm, out var llm);
        var data = JsonNode.Parse("""{"messages":[{"role":"user","message":"m"}],"settings":null}""");

        Assert.Empty(SchemaChecker.Check(llm.ConfigSchema, data, "$"));
    }

    [Theory]
    [InlineData("\"wf-1\"", true)]
    [InlineData("42", true)]
    [InlineData("\"\"", false)]
    [InlineData("4.5", false)]
    [InlineData("true", false)]
    public void SchemaChecker_WorkflowId_IsStringOrInteger(string workflowId, bool valid)
    {
        NodeCatalog.Default.TryGet(NodeTypes.Workflow, out var workflow);
        var data = JsonNode.Parse($$"""{"workflow_id":{{workflowId}}}""");

        Assert.Equal(valid, SchemaChecker.Check(workflow.ConfigSchema, data, "$").Count == 0);
    }
}
