using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Templates;

namespace WorkflowFunctions.Engine.Tests.Templates;

public class TemplateScopeSliceTests
{
    private static readonly TemplateScope Full = new(
        JsonNode.Parse("""{"csv":"a,b\n1,2","topic":"cats","deep":{"x":{"y":1},"z":[10,20,30]},"region":"EU","big":"xxxxxxxx"}"""),
        new Dictionary<string, JsonNode?>
        {
            ["t"] = TemplateScope.NodeRecord(JsonNode.Parse("""{"content":"...","rows":[{"n":1},{"n":2}],"row_count":2}""")),
            ["other"] = TemplateScope.NodeRecord(JsonNode.Parse("""{"content":"unused"}""")),
        })
    {
        Variables = new HashSet<string>(["region", "topic"]),
    };

    private static IReadOnlyList<TemplateReference> References(string text) => Template.Parse(text).References;

    [Theory]
    [InlineData("{{ input.topic }} {{ input.deep.z[2] }} {{ input.deep.x.y }}")]
    [InlineData("{{ t.result.row_count }} {{ t.result.rows[1].n }} {{ t.result.rows.0 }}")]
    [InlineData("{{ region }} {{ topic }} {{ input.missing.path }} {{ t.result.nothing }}")]
    [InlineData("{{ input }}")]
    [InlineData("{{ input.deep }} {{ input.deep.x.y }}")]
    public void Slice_RendersLikeTheFullScope(string text)
    {
        // Act
        var slice = Full.Slice(References(text));

        // Assert
        Assert.Equal(Template.Parse(text).Render(Full), Template.Parse(text).Render(slice));
    }

    [Fact]
    public void Slice_KeepsOnlyReferencedValues()
    {
        // Act
        var slice = Full.Slice(References("{{ input.topic }} {{ t.result.row_count }} {{ region }}"));

        // Assert
        Assert.Equal("""{"topic":"cats","region":"EU"}""", slice.Input!.ToJsonString());
        Assert.Equal(["t"], slice.Nodes.Keys);
        Assert.Equal("""{"result":{"row_count":2}}""", slice.Nodes["t"]!.ToJsonString());
        Assert.Equal(["region"], slice.Variables);
    }
}
