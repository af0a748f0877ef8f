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
    public void Default_PureTypes_AreTriggerIfElseAndOutput()
    {
        Assert.Equal(
            [NodeTypes.Trigger, NodeTypes.IfElse, NodeTypes.Output],
            NodeCatalog.Default.All.Where(d => d.IsPure).Select(d => d.Type));
    }

    [Fact]
    public void SchemaChecker_ValidLlmConfig_HasNoViolations()
    {
        NodeCatalog.Default.TryGet(NodeTypes.Llm, out var llm);
        var data = JsonNode.Parse("""{"messages":[{"role":"system","message":"hi"}],"settings":{"model_name":"gpt-4o","temperature":0.7,"max_tokens":10},"label":"visual"}""");

        Assert.Empty(SchemaChecker.Check(llm.ConfigSchema, data, "$"));
    }

    [Fact]
    public void SchemaChecker_HttpConfigWithObjectBodyAsInReference003_HasNoViolations()
    {
        // Arrange
        NodeCatalog.Default.TryGet(NodeTypes.Http, out var http);
        var data = JsonNode.Parse("""{"url":"https://api.example.com/users","method":"POST","headers":{"Content-Type":"application/json"},"body":{"name":"{{ input.user_name }}"}}""");

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
}
