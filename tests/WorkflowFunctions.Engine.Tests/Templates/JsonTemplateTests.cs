using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using WorkflowFunctions.Engine.Templates;

namespace WorkflowFunctions.Engine.Tests.Templates;

public class JsonTemplateTests
{
    private static JsonTemplate Parse(string text) =>
        JsonTemplate.TryParse(text, out var template, out var error) ? template : throw new InvalidOperationException(error);

    [Fact]
    public void Render_SolePlaceholderString_KeepsNativeJsonType()
    {
        var scope = new TemplateScope(JsonNode.Parse("""{"user":{"name":"a","age":3},"n":5}"""));

        var rendered = Parse("""{"user":"{{ input.user }}","n":"{{input.n}}","missing":"{{ input.nope }}"}""").Render(scope);

        Assert.Equal("""{"user":{"name":"a","age":3},"n":5,"missing":null}""", rendered);
    }

    [Fact]
    public void Render_MixedString_RendersAsJsonString()
    {
        var scope = new TemplateScope(JsonNode.Parse("""{"name":"He said \"hi\"\nbye"}"""));

        var rendered = Parse("""{"text":"Name: {{ input.name }}"}""").RenderNode(scope);

        Assert.Equal("Name: He said \"hi\"\nbye", rendered!["text"]!.GetValue<string>());
    }

    [Fact]
    public void Render_BarePlaceholderInValuePosition_PlacesJsonValue()
    {
        var scope = new TemplateScope(JsonNode.Parse("""{"count":7,"tags":["a"]}"""));

        var rendered = Parse("""{"n": {{ input.count }}, "list": [ {{input.tags}} ]}""").Render(scope);

        Assert.Equal("""{"n":7,"list":[["a"]]}""", rendered);
    }

    [Fact]
    public void TryParse_InvalidJson_FailsWithMessage()
    {
        var ok = JsonTemplate.TryParse("""{"a": }""", out _, out var error);

        Assert.False(ok);
        Assert.Contains("not valid JSON", error, StringComparison.Ordinal);
    }

    [Fact]
    public void References_IncludeQuotedAndBarePlaceholders()
    {
        var template = Parse("""{"a":"{{ input.x }}","b": {{ input.y }} }""");

        Assert.Equal(["x", "y"], template.References.Select(r => r.Path[0]));
    }

    [Property(MaxTest = 200)]
    public Property Render_AnyStringValue_ProducesValidJsonThatRoundTrips()
    {
        var anyText = ArbMap.Default.GeneratorFor<string>().Where(s => s is not null).ToArbitrary();
        return Prop.ForAll(anyText, text =>
        {
            var scope = new TemplateScope(new JsonObject { ["v"] = text });
            var rendered = Parse("""{"whole":"{{ input.v }}","mixed":"<{{ input.v }}>","bare": {{ input.v }} }""").Render(scope);
            var parsed = JsonNode.Parse(rendered)!;
            return parsed["whole"]!.GetValue<string>() == text
                && parsed["mixed"]!.GetValue<string>() == "<" + text + ">"
                && parsed["bare"]!.GetValue<string>() == text;
        });
    }
}
