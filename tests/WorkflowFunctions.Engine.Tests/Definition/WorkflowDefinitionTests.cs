using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Engine.Tests.Fixtures;
using WorkflowFunctions.Engine.Validation;

namespace WorkflowFunctions.Engine.Tests.Definition;

public class WorkflowDefinitionTests
{
    [Fact]
    public void Parse_Reference003Example_ReadsNodesEdgesAndStart()
    {
        var definition = WorkflowDefinition.Parse(FixtureFiles.Reference003Data());

        Assert.Equal("052af1cb-86fd-443a-bc25-626c365025db", definition.StartNode);
        Assert.Equal(4, definition.Nodes.Count);
        Assert.Equal(3, definition.Edges.Count);
        Assert.Equal(
            [NodeTypes.Trigger, NodeTypes.IfElse, NodeTypes.Llm, NodeTypes.Llm],
            definition.Nodes.Select(n => n.Type));
        Assert.Empty(definition.ShapeFindings);
    }

    [Fact]
    public void ToJson_Reference003Example_RoundTripsJsonEqual()
    {
        var original = FixtureFiles.Reference003Data();

        var written = WorkflowDefinition.Parse(original).ToJson();

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(original), JsonNode.Parse(written)), written);
    }

    [Fact]
    public void ToJson_UnknownAndVisualFields_SurviveUnchanged()
    {
        const string json = """
            {"nodes":[{"id":"a","type":"trigger-node","position":{"x":1.5,"y":-2},"measured":{"width":300,"height":80},
              "selected":true,"dragging":false,"data":{"custom":{"deep":[1,{"x":null}]},"input_fields":[]}}],
             "edges":[],"viewport":{"x":434,"y":557,"zoom":1.0},"start_node":"a","editor_version":"7.2","extra":null}
            """;

        var written = WorkflowDefinition.Parse(json).ToJson();

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(written)), written);
    }

    [Fact]
    public void FromJson_LaterChangesToSource_DoNotAffectDefinition()
    {
        var source = new JsonObject { ["start_node"] = "a", ["nodes"] = new JsonArray() };

        var definition = WorkflowDefinition.FromJson(source);
        source["start_node"] = "b";

        Assert.Equal("a", definition.StartNode);
        Assert.Equal("a", JsonNode.Parse(definition.ToJson())!["start_node"]!.GetValue<string>());
    }

    [Fact]
    public void Parse_EmptyDraft_ParsesWithoutShapeFindings()
    {
        var definition = WorkflowDefinition.Parse("{}");

        Assert.Empty(definition.Nodes);
        Assert.Null(definition.StartNode);
        Assert.Empty(definition.ShapeFindings);
        Assert.Equal("{}", definition.ToJson());
    }

    [Fact]
    public void Parse_BadShapes_ReportsEveryProblemWithPath()
    {
        var definition = WorkflowDefinition.Parse("""{"nodes":[1,{"type":"basic-node"},{"id":"ok","type":"output-node"}],"edges":"nope"}""");

        Assert.Single(definition.Nodes);
        Assert.Collection(
            definition.ShapeFindings,
            f => Assert.Equal((FindingCodes.NodeNotObject, "$.nodes[0]"), (f.Code, f.Path)),
            f => Assert.Equal((FindingCodes.NodeMissingId, "$.nodes[1].id"), (f.Code, f.Path)),
            f => Assert.Equal((FindingCodes.EdgesNotArray, "$.edges"), (f.Code, f.Path)));
        Assert.All(definition.ShapeFindings, f => Assert.Equal(FindingSeverity.Error, f.Severity));
    }

    [Fact]
    public void FromJson_NotAnObject_IsEmptyWithFinding()
    {
        var definition = WorkflowDefinition.FromJson(new JsonArray());

        Assert.Empty(definition.Nodes);
        Assert.Equal(FindingCodes.DefinitionNotObject, Assert.Single(definition.ShapeFindings).Code);
    }
}
