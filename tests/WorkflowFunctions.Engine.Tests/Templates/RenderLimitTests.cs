using System.Text;
using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Templates;

namespace WorkflowFunctions.Engine.Tests.Templates;

/// <summary>
/// Every rendering stops at <see cref="TemplateScope.MaxRenderedBytes"/> as it renders: the template repeats a
/// 100,000-character value 1,000 times (100 MB of text, 2 GB of process memory before); measured on this thread, a
/// rendering allocates a small multiple of the limit at most before it stops (buffers grow by doubling, and a text
/// piece exists as a string before it is counted), whatever the whole text would have been.
/// </summary>
public class RenderLimitTests
{
    private const int Limit = 1024 * 1024;
    private const long AllocationBound = 16L * Limit;
    private static readonly string Big = new('n', 100_000);

    [Fact]
    public void Render_TemplateRepeatingALargeValue_StopsAtTheLimitWithoutBuildingTheText()
    {
        // Arrange
        var template = Template.Parse(string.Concat(Enumerable.Repeat("{{ input.name }} ", 1_000)));
        var scope = new TemplateScope(new JsonObject { ["name"] = Big }) { MaxRenderedBytes = Limit };
        var before = GC.GetAllocatedBytesForCurrentThread();

        // Act
        var error = Assert.Throws<TemplateOutputTooLargeException>(() => template.Render(scope));

        // Assert
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(Limit, error.MaxBytes);
        Assert.True(allocated < AllocationBound, $"Rendering allocated {allocated:N0} bytes.");
    }

    [Fact]
    public void Render_TemplateRepeatingALargeObject_StopsAtTheLimit()
    {
        // Arrange
        var template = Template.Parse(string.Concat(Enumerable.Repeat("{{ input }}", 1_000)));
        var scope = new TemplateScope(new JsonObject { ["name"] = Big, ["list"] = new JsonArray(1, 2, 3) }) { MaxRenderedBytes = Limit };
        var before = GC.GetAllocatedBytesForCurrentThread();

        // Act
        var error = Assert.Throws<TemplateOutputTooLargeException>(() => template.Render(scope));

        // Assert
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(Limit, error.MaxBytes);
        Assert.True(allocated < AllocationBound, $"Rendering allocated {allocated:N0} bytes.");
    }

    [Fact]
    public void Render_JsonBodyRepeatingALargeValue_StopsAtTheLimitWithoutBuildingTheDocument()
    {
        // Arrange
        var body = "[" + string.Join(",", Enumerable.Repeat("""{"a": "{{ input.name }}", "b": "x {{ input.name }}"}""", 1_000)) + "]";
        Assert.True(JsonTemplate.TryParse(body, out var template, out var parseError), parseError);
        var scope = new TemplateScope(new JsonObject { ["name"] = Big }) { MaxRenderedBytes = Limit };
        var before = GC.GetAllocatedBytesForCurrentThread();

        // Act
        var error = Assert.Throws<TemplateOutputTooLargeException>(() => template.Render(scope));

        // Assert
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(Limit, error.MaxBytes);
        Assert.True(allocated < AllocationBound, $"Rendering allocated {allocated:N0} bytes.");
    }

    [Fact]
    public void RenderNode_JsonBodyOverTheLimit_Throws()
    {
        // Arrange
        Assert.True(JsonTemplate.TryParse("""{"a": "{{ input.name }}", "b": "{{ input.name }}"}""", out var template, out _));
        var scope = new TemplateScope(new JsonObject { ["name"] = Big }) { MaxRenderedBytes = 150_000 };

        // Act
        var error = Assert.Throws<TemplateOutputTooLargeException>(() => template.RenderNode(scope));

        // Assert
        Assert.Equal(150_000, error.MaxBytes);
    }

    [Theory]
    [InlineData("{{ input.text }}", 10, true)]
    [InlineData("{{ input.text }}", 9, false)]
    [InlineData("<{{ input.text }}>", 12, true)]
    [InlineData("<{{ input.text }}>", 11, false)]
    [InlineData("0123456789", 10, true)]
    [InlineData("0123456789x", 10, false)]
    public void Render_AtAndPastTheLimit_CountsUtf8Bytes(string text, int limit, bool fits)
    {
        // Arrange: "жжжжж" is 5 characters, 10 bytes of UTF-8.
        var template = Template.Parse(text);
        var scope = new TemplateScope(new JsonObject { ["text"] = "жжжжж" }) { MaxRenderedBytes = limit };

        // Act
        var rendered = Record.Exception(() => template.Render(scope));

        // Assert
        Assert.Equal(fits, rendered is null);
    }

    [Fact]
    public void Render_WithinTheLimit_RendersAsBefore()
    {
        // Arrange
        var template = Template.Parse("{{ input.name }} and {{ input.obj }}, {{ input.n }}");
        var scope = new TemplateScope(JsonNode.Parse("""{"name": "Ada", "obj": {"k": "é\"x"}, "n": 1.50}"""));

        // Act
        var rendered = template.Render(scope);

        // Assert
        Assert.Equal("""Ada and {"k":"é\"x"}, 1.50""", rendered);
    }

    [Fact]
    public void Describe_NamesWhatAndTheLimit()
    {
        Assert.Equal("url renders more than 1,048,576 bytes, the limit of one template rendering", TemplateOutputTooLargeException.Describe("url", Limit));
        Assert.Equal(TemplateScope.DefaultMaxRenderedBytes, new TemplateScope(null).MaxRenderedBytes);
        Assert.Equal(Limit, Encoding.UTF8.GetByteCount(new string('x', Limit)));
    }
}
