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

    [Fact]
    public void Parse_RepeatedPropertyName_KeepsTheLastLikeJsonLoads()
    {
        var value = ContentParser.Parse("""{"a": 1, "b": {"c": 1, "c": 2}, "a": 3}""");

        Assert.Equal("""{"a":3,"b":{"c":2}}""", value!.ToJsonString());
    }

    [Fact]
    public void Parse_BigNumber_KeepsItsJsonText()
    {
        Assert.Equal("12345678901234567890.50", ContentParser.Parse("12345678901234567890.50")!.ToJsonString());
    }

    [Fact]
    public void Parse_JsonNull_IsNull()
    {
        Assert.Null(ContentParser.Parse("null"));
    }

    [Fact]
    public void Parse_JsonStringLiteral_IsTheString()
    {
        Assert.Equal("quoted", ContentParser.Parse(" \"quoted\" ")!.GetValue<string>());
    }

    [Fact]
    public void Parse_TextAfterClosingFence_IsDropped()
    {
        Assert.Equal(2, ContentParser.Parse("```json\n{\"a\": 2}\n```\nHope this helps!")!["a"]!.GetValue<int>());
    }

    [Fact]
    public void Parse_UnclosedFence_ReturnsTheContentUnchanged()
    {
        Assert.Equal(" ```json\n{\"a\": 2}\n", ContentParser.Parse(" ```json\n{\"a\": 2}\n")!.GetValue<string>());
    }

    [Fact]
    public void Parse_FenceWithOtherLanguage_ReturnsInnerTextWithTheLanguageWord()
    {
        Assert.Equal("python\nx = 1", ContentParser.Parse("```python\nx = 1\n```")!.GetValue<string>());
    }

    [Fact]
    public void Parse_EmptyContent_IsEmptyText()
    {
        Assert.Equal(string.Empty, ContentParser.Parse(string.Empty)!.GetValue<string>());
    }

    [Fact]
    public void TryParseJson_FencedObject_IsTrueWithTheObject()
    {
        var ok = ContentParser.TryParseJson("```json\n{\"k\": [1]}\n```", out var json);

        Assert.True(ok);
        Assert.Equal("""{"k":[1]}""", json!.ToJsonString());
    }
}
