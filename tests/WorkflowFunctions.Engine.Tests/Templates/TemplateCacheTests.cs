using WorkflowFunctions.Engine.Templates;

namespace WorkflowFunctions.Engine.Tests.Templates;

public class TemplateCacheTests
{
    [Fact]
    public void TryGet_SameTextTwice_ReturnsTheSameParsedTemplate()
    {
        var text = "cache {{ input.same }} " + Guid.NewGuid();

        Assert.True(TemplateCache.TryGet(text, out var first, out _));
        Assert.True(TemplateCache.TryGet(text, out var second, out _));

        Assert.Same(first, second);
    }

    [Fact]
    public void TryGet_SyntaxError_FailsWithTheParserMessage()
    {
        var ok = TemplateCache.TryGet("{{ input..a }}", out _, out var error);

        Assert.False(ok);
        Assert.Contains("expected a name after '.'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_SyntaxError_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => TemplateCache.Get("{{ }}"));
    }
}
