using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Inputs;

namespace WorkflowFunctions.Engine.Tests.Inputs;

public class RunInputTests
{
    [Fact]
    public void FromJson_NoInput_IsEmptyObject()
    {
        Assert.Equal("{}", RunInput.FromJson(null).ToJsonString());
    }

    [Fact]
    public void FromJson_Array_IsKeptAsIs()
    {
        // Arrange
        var input = JsonNode.Parse("""[{"a":1},"b"]""");

        // Act
        var result = RunInput.FromJson(input);

        // Assert
        Assert.True(JsonNode.DeepEquals(input, result));
        Assert.NotSame(input, result);
    }

    [Fact]
    public void FromText_WrapsAsRawInput()
    {
        Assert.Equal("""{"__raw_input__":"hello\nworld"}""", RunInput.FromText("hello\nworld").ToJsonString());
    }

    [Theory]
    [InlineData("""{"user":{"name":"Ann"}}""", """{"user":{"name":"Ann"}}""")]
    [InlineData("[1,2]", "[1,2]")]
    [InlineData("Hello, process this text", """{"__raw_input__":"Hello, process this text"}""")]
    [InlineData("{not json", """{"__raw_input__":"{not json"}""")]
    [InlineData("  ", "{}")]
    [InlineData("null", "{}")]
    public void FromBody_ParsesJsonElseWrapsText(string body, string expected)
    {
        Assert.Equal(expected, RunInput.FromBody(body).ToJsonString());
    }
}
