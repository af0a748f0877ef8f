using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Templates;

namespace WorkflowFunctions.Engine.Tests.Templates;

public class TemplateTests
{
    private const string NodeId = "58a35684-7d25-4dff-b012-609eab065751";

    private static TemplateScope Scope(string inputJson, params (string Id, string ResultJson)[] nodes) =>
        new(
            JsonNode.Parse(inputJson),
            nodes.ToDictionary(n => n.Id, n => (JsonNode?)TemplateScope.NodeRecord(JsonNode.Parse(n.ResultJson)), StringComparer.Ordinal));

    private static string Render(string template, TemplateScope scope) => Template.Parse(template).Render(scope);

    [Theory]
    [InlineData("{{ input.a.b }}", "deep")]
    [InlineData("{{input.a.b}}", "deep")]
    [InlineData("{{   input.a.b   }}", "deep")]
    [InlineData("{{ input.tags[0] }}", "x")]
    [InlineData("{{ input.tags.1 }}", "y")]
    [InlineData("{{ input.tags[ 1 ] }}", "y")]
    [InlineData("{{ input.__raw_input__ }}", "raw text")]
    [InlineData("{{ input.data[0].name }}", "Alice")]
    [InlineData("{{ input.data.0.name }}", "Alice")]
    public void Render_InputPaths_ResolveValues(string template, string expected)
    {
        var scope = Scope("""{"a":{"b":"deep"},"tags":["x","y"],"__raw_input__":"raw text","data":[{"name":"Alice"}]}""");

        Assert.Equal(expected, Render(template, scope));
    }

    [Fact]
    public void Render_InputRootArray_IndexesTheArray()
    {
        Assert.Equal("second", Render("{{ input[1] }}", Scope("""["first","second"]""")));
    }

    [Fact]
    public void Render_NodeResultContentAndField_ResolveFromNodeRecords()
    {
        var scope = Scope("{}", (NodeId, """{"content":"hello","usage":{"input_tokens":12}}"""));

        Assert.Equal("hello / 12", Render($"{{{{ {NodeId}.result.content }}}} / {{{{{NodeId}.result.usage.input_tokens}}}}", scope));
    }

    [Theory]
    [InlineData("{{ input.missing }}")]
    [InlineData("{{ input.a.b.c }}")]
    [InlineData("{{ input.tags[9] }}")]
    [InlineData("{{ 00000000-0000-0000-0000-000000000000.result.content }}")]
    [InlineData("{{ input.nothing }}")]
    public void Render_MissingPath_RendersEmpty(string template)
    {
        var scope = Scope("""{"a":{"b":"deep"},"tags":["x"],"nothing":null}""");

        Assert.Equal("[]", "[" + Render(template, scope) + "]");
    }

    [Fact]
    public void Render_ValueKinds_UseCompactJsonInvariantNumbersAndLowercaseBooleans()
    {
        var scope = Scope("""{"obj":{"k":[1, 2]},"n":1.5,"big":12345678901234567890,"t":true,"f":false}""");
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            Assert.Equal(
                """{"k":[1,2]}|1.5|12345678901234567890|true|false""",
                Render("{{input.obj}}|{{input.n}}|{{input.big}}|{{input.t}}|{{input.f}}", scope));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Render_EscapedBraces_WriteLiteralBraces()
    {
        Assert.Equal("use {{ input.x }} for 1", Render("use \\{{ input.x }} for {{ input.x }}", Scope("""{"x":1}""")));
    }

    [Fact]
    public void Render_ValueContainingBraces_IsNotReinterpreted()
    {
        Assert.Equal("{{ input.secret }}", Render("{{ input.text }}", Scope("""{"text":"{{ input.secret }}","secret":"s"}""")));
    }

    [Theory]
    [InlineData("hello {{ input.x", "Unclosed")]
    [InlineData("{{ }}", "Empty placeholder")]
    [InlineData("{{ input..a }}", "expected a name")]
    [InlineData("{{ input[x] }}", "index")]
    [InlineData("{{ input a }}", "unexpected")]
    [InlineData("{{ .a }}", "must start with")]
    public void TryParse_SyntaxErrors_FailWithMessageNamingTheProblem(string text, string expected)
    {
        var ok = Template.TryParse(text, out _, out var error);

        Assert.False(ok);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Contains("offset", error, StringComparison.Ordinal);
    }

    [Fact]
    public void References_ListPlaceholdersInOrderWithEquivalentIndexForms()
    {
        var template = Template.Parse($"{{{{ input.tags[0] }}}} {{{{ {NodeId}.result.content }}}} {{{{ input.tags.0 }}}}");

        Assert.Equal(
            [
                new TemplateReference("input", ["tags", "0"]),
                new TemplateReference(NodeId, ["result", "content"]),
                new TemplateReference("input", ["tags", "0"]),
            ],
            template.References);
        Assert.False(template.References[1].IsInput);
    }

    [Fact]
    public void Render_SameTemplateManyScopes_RendersEachIndependently()
    {
        var template = Template.Parse("Hi {{ input.name }}!");

        var results = Enumerable.Range(0, 3).Select(i => template.Render(Scope($$"""{"name":"n{{i}}"}"""))).ToList();

        Assert.Equal(["Hi n0!", "Hi n1!", "Hi n2!"], results);
    }

    [Fact]
    public void IsLiteral_TextWithoutPlaceholders_IsTrueAndRendersAsIs()
    {
        var template = Template.Parse("plain {text}");

        Assert.True(template.IsLiteral);
        Assert.Equal("plain {text}", template.Render(Scope("{}")));
    }

    [Theory]
    [InlineData("1.50", "1.50")]
    [InlineData("1e3", "1e3")]
    [InlineData("-0", "-0")]
    [InlineData("12345678901234567890", "12345678901234567890")]
    public void Render_Number_KeepsItsJsonText(string number, string expected)
    {
        Assert.Equal(expected, Render("{{ input.n }}", Scope($$"""{"n":{{number}}}""")));
    }

    [Fact]
    public void Render_ObjectWithNonAsciiText_IsCompactJsonWithoutEscapes()
    {
        Assert.Equal("""{"k":"grüße ☃","q":"a\"b"}""", Render("{{ input.o }}", Scope("""{"o": {"k": "grüße ☃", "q": "a\"b"}}""")));
    }

    [Fact]
    public void Render_NullInput_RendersEveryInputPathEmpty()
    {
        Assert.Equal("[|]", Template.Parse("[{{ input }}|{{ input.a }}]").Render(new TemplateScope(null)));
    }

    [Fact]
    public void Render_StringKindValueBuiltInCode_RendersItsText()
    {
        var scope = new TemplateScope(new JsonObject { ["id"] = JsonValue.Create(Guid.Empty) });

        Assert.Equal("00000000-0000-0000-0000-000000000000", Render("{{ input.id }}", scope));
    }

    [Fact]
    public void Render_BackslashNotBeforeBraces_IsLiteral()
    {
        Assert.Equal(@"C:\dir\ 1 \n", Render(@"C:\dir\ {{ input.x }} \n", Scope("""{"x":1}""")));
    }

    [Fact]
    public void Render_DoubleBackslashBeforeBraces_KeepsOneBackslashAndEscapesTheBraces()
    {
        Assert.Equal(@"\{{ input.x }}", Render(@"\\{{ input.x }}", Scope("""{"x":1}""")));
    }

    [Theory]
    [InlineData("ab {{ input..a }}", "offset 3")]
    [InlineData("abc {{", "offset 4")]
    [InlineData("{{ input.a }} {{ }}", "offset 14")]
    public void TryParse_SyntaxError_ReportsThePlaceholderOffset(string text, string expected)
    {
        var ok = Template.TryParse(text, out _, out var error);

        Assert.False(ok);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void SoleReference_TextAroundThePlaceholder_IsNull()
    {
        Assert.Null(Template.Parse(" {{ input.x }}").SoleReference);
    }

    [Fact]
    public void SoleReference_OnlyAPlaceholder_IsItsReference()
    {
        Assert.Equal(new TemplateReference("input", ["x"]), Template.Parse("{{input.x}}").SoleReference);
    }
}
