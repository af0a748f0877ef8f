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

    [Fact]
    public void TryParse_DuplicatePropertyName_FailsWithMessage()
    {
        var ok = JsonTemplate.TryParse("""{"a":1,"a":"{{ input.x }}"}""", out _, out var error);

        Assert.False(ok);
        Assert.Contains("Duplicate property 'a'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_BarePlaceholderAsPropertyName_FailsWithMessage()
    {
        var ok = JsonTemplate.TryParse("""{ {{ input.k }}: 1 }""", out _, out var error);

        Assert.False(ok);
        Assert.Contains("cannot be a property name", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_PlaceholderSyntaxError_NamesTheJsonPath()
    {
        var ok = JsonTemplate.TryParse("""{"a":[1,{"b":"x {{ input..y }}"}]}""", out _, out var error);

        Assert.False(ok);
        Assert.StartsWith("At $.a[1].b: Placeholder 'input..y' at offset 2", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_UnclosedBarePlaceholder_FailsWithOffset()
    {
        var ok = JsonTemplate.TryParse("""{"a": {{ input.x }""", out _, out var error);

        Assert.False(ok);
        Assert.Contains("Unclosed '{{' at offset 6", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_EscapedBracesInJsonString_WriteLiteralBraces()
    {
        var rendered = Parse("""{"a":"\\{{ input.x }}"}""").Render(new TemplateScope(JsonNode.Parse("""{"x":1}""")));

        Assert.Equal("""{"a":"{{ input.x }}"}""", rendered);
    }

    [Fact]
    public void Render_PlaceholderInPropertyName_IsSentAsWritten()
    {
        var rendered = Parse("""{"{{ input.k }}":1}""").Render(new TemplateScope(JsonNode.Parse("""{"k":"K"}""")));

        Assert.Equal("""{"{{ input.k }}":1}""", rendered);
    }

    [Fact]
    public void Render_PlaceholderWithTextAround_RendersAsString()
    {
        var rendered = Parse("""{"a":" {{ input.n }}"}""").Render(new TemplateScope(JsonNode.Parse("""{"n":5}""")));

        Assert.Equal("""{"a":" 5"}""", rendered);
    }

    [Fact]
    public void Render_SolePlaceholderNumber_KeepsItsJsonText()
    {
        var rendered = Parse("""{"a":"{{ input.n }}"}""").Render(new TemplateScope(JsonNode.Parse("""{"n":1.50}""")));

        Assert.Equal("""{"a":1.50}""", rendered);
    }

    [Fact]
    public void Render_WholeBodyIsBarePlaceholder_IsTheValue()
    {
        var rendered = Parse("{{ input.payload }}").Render(new TemplateScope(JsonNode.Parse("""{"payload":{"q":[true,null]}}""")));

        Assert.Equal("""{"q":[true,null]}""", rendered);
    }

    [Fact]
    public void Render_LiteralValues_AreUnchanged()
    {
        var rendered = Parse("""{ "n" : 1e2, "t": true, "z": null, "s": "plain", "a": [] }""").Render(new TemplateScope(null));

        Assert.Equal("""{"n":1e2,"t":true,"z":null,"s":"plain","a":[]}""", rendered);
    }

    [Fact]
    public void Render_LoneSurrogateInValue_StillProducesValidJson()
    {
        var scope = new TemplateScope(new JsonObject { ["v"] = "a\uD800b" });

        var rendered = Parse("""{"s":"<{{ input.v }}>"}""").Render(scope);

        Assert.Equal("<a\uFFFDb>", JsonNode.Parse(rendered)!["s"]!.GetValue<string>());
    }

    [Property(MaxTest = 300)]
    public Property Render_StringsOfJsonSpecialCharacters_ProduceValidJsonThatRoundTrips()
    {
        string[] pieces =
            ["\"", "\\", "\n", "\r", "\t", "\0", "\u001f", "\u007f", "\u2028", "é", "😀", "{{", "}}", "{{ input.v }}", "\\u0041", "<&>", "'", " ", "a"];
        var tricky = Gen.ArrayOf(Gen.Elements(pieces)).Select(string.Concat).ToArbitrary();
        return Prop.ForAll(tricky, text =>
        {
            var scope = new TemplateScope(new JsonObject { ["v"] = text, ["o"] = new JsonObject { ["s"] = text } });
            var rendered = Parse(
                """{"whole":"{{ input.v }}","mixed":"{{ input.v }}\n{{ input.v }}","obj":"{{ input.o }}","bare":[{{ input.v }}]}""").Render(scope);
            var parsed = JsonNode.Parse(rendered)!;
            return parsed["whole"]!.GetValue<string>() == text
                && parsed["mixed"]!.GetValue<string>() == text + "\n" + text
                && parsed["obj"]!["s"]!.GetValue<string>() == text
                && parsed["bare"]![0]!.GetValue<string>() == text;
        });
    }

    [Fact]
    public void Render_DocumentedExample_MatchesTheDocs()
    {
        var scope = new TemplateScope(JsonNode.Parse("""{"user": {"id": 7}, "name": "Ann \"A\"", "count": 3}"""));

        var rendered = Parse(
            """{"user": "{{ input.user }}", "greeting": "Hi {{ input.name }}", "n": {{ input.count }}, "tags": [ {{ input.tag }} ]}""")
                .Render(scope);

        Assert.Equal("""{"user":{"id":7},"greeting":"Hi Ann \"A\"","n":3,"tags":[null]}""", rendered);
    }
}
