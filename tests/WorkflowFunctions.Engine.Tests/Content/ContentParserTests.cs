using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Content;

namespace WorkflowFunctions.Engine.Tests.Content;

public class ContentParserTests
{
    [Fact]
    public void Parse_PlainText_ReturnsTheText()
    {
        Assert.Equal("Hello, world!", ContentParser.Parse("Hello, world!")!.GetValue<string>());
    }

    [Fact]
    public void Parse_JsonString_ReturnsParsedObject()
    {
        var value = ContentParser.Parse("""{"key": "value"}""");

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"key":"value"}"""), value));
    }

    [Theory]
    [InlineData("```json\n{\"key\": \"value\"}\n```")]
    [InlineData("  ```\n{\"key\": \"value\"}\n```  ")]
    [InlineData("```json{\"key\":\"value\"}```")]
    public void Parse_FencedJson_StripsFenceThenParses(string content)
    {
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"key":"value"}"""), ContentParser.Parse(content)));
    }

    [Fact]
    public void Parse_FenceWithInvalidJson_ReturnsInnerText()
    {
        Assert.Equal("not json", ContentParser.Parse("```json\nnot json\n```")!.GetValue<string>());
    }

    [Theory]
    [InlineData("42", "42")]
    [InlineData("true", "true")]
    [InlineData("[1,2]", "[1,2]")]
    public void Parse_JsonScalarsAndArrays_ParseLikeJsonLoads(string content, string expectedJson)
    {
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expectedJson), ContentParser.Parse(content)));
    }

    [Fact]
    public void TryParseJson_PlainText_IsFalse()
    {
        Assert.False(ContentParser.TryParseJson("just words", out _));
    }
}
