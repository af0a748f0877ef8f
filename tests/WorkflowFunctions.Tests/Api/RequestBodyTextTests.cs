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

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ReadTextAsync_LongerThanOneReadBuffer_ReturnsTheWholeText(bool declaresLength)
    {
        // 100,000 characters of 1 to 4 UTF-8 bytes: read in several chunks, with characters split across chunk edges.
        string[] pieces = ["a", "é", "€", "😀"];
        var body = string.Concat(Enumerable.Range(0, 100_000).Select(i => pieces[i % 4]));
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = Request("text/plain", bytes);
        request.ContentLength = declaresLength ? bytes.Length : null;

        var text = await RequestBody.ReadTextAsync(request, bytes.Length);

        Assert.Equal(body, text.Value);
    }

    [Fact]
    public async Task ReadTextAsync_DeclaredLengthOverTheLimit_IsTooLargeBeforeReading()
    {
        var request = Request("text/plain", new byte[5]);
        request.ContentLength = 11;

        var text = await RequestBody.ReadTextAsync(request, 10);

        Assert.Equal(FailureKind.TooLarge, text.Failure?.Kind);
        Assert.Equal(0, request.Body.Position);
    }

    [Fact]
    public async Task ReadTextAsync_DeclaredLengthNotSent_ReadsWhatCameWithoutReservingTheDeclaredBytes()
    {
        // A declared length is not data: a client declaring 4 MB and sending 5 bytes must not make the service hold 4 MB.
        var request = Request("text/plain", "hello"u8.ToArray());
        request.ContentLength = 4_000_000;
        _ = await RequestBody.ReadTextAsync(Request("text/plain", "warm"u8.ToArray()), 4_000_000);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var text = await RequestBody.ReadTextAsync(request, 4_000_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal("hello", text.Value);
        Assert.True(allocated < 1_000_000, $"Reading a 5-byte body that declared 4 MB allocated {allocated} bytes.");
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
