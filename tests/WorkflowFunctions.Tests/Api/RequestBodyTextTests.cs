using System.Text;
using Microsoft.AspNetCore.Http;
using WorkflowFunctions.Api.Common;
using WorkflowFunctions.Outcomes;

namespace WorkflowFunctions.Tests.Api;

/// <summary>A body read as text whatever its content type (reference 003 decides itself whether a run body is JSON).</summary>
public class RequestBodyTextTests
{
    [Theory]
    [InlineData("application/json", "{\"a\": 1")]
    [InlineData("application/x-www-form-urlencoded", "Hello, process this text")]
    [InlineData(null, "plain")]
    public async Task ReadTextAsync_AnyContentType_ReturnsTheTextAsSent(string? contentType, string body)
    {
        var text = await RequestBody.ReadTextAsync(Request(contentType, Encoding.UTF8.GetBytes(body)), 1000);

        Assert.Equal(body, text.Value);
    }

    [Fact]
    public async Task ReadTextAsync_Empty_IsNull()
    {
        var text = await RequestBody.ReadTextAsync(Request("text/plain", []), 1000);

        Assert.Null(text.Value);
    }

    [Fact]
    public async Task ReadTextAsync_ByteOrderMark_IsNotPartOfTheText()
    {
        var text = await RequestBody.ReadTextAsync(Request("text/plain", [0xEF, 0xBB, 0xBF, (byte)'h', (byte)'i']), 1000);

        Assert.Equal("hi", text.Value);
    }

    [Fact]
    public async Task ReadTextAsync_OverTheLimit_IsTooLarge()
    {
        var text = await RequestBody.ReadTextAsync(Request("text/plain", new byte[11]), 10);

        Assert.Equal(FailureKind.TooLarge, text.Failure?.Kind);
    }

    [Fact]
    public async Task ReadTextAsync_NotUtf8_IsABadRequest()
    {
        var text = await RequestBody.ReadTextAsync(Request("text/plain", [0xC3, 0x28]), 1000);

        Assert.Equal(FailureKind.BadRequest, text.Failure?.Kind);
    }

    [Fact]
    public async Task ReadTextAsync_AnotherDeclaredCharset_IsUnsupported()
    {
        var text = await RequestBody.ReadTextAsync(Request("text/plain; charset=iso-8859-1", [0x41]), 1000);

        Assert.Equal(FailureKind.UnsupportedMediaType, text.Failure?.Kind);
    }

    private static HttpRequest Request(string? contentType, byte[] body)
    {
        var context = new DefaultHttpContext();
        context.Request.ContentType = contentType;
        context.Request.Body = new MemoryStream(body);
        return context.Request;
    }
}
