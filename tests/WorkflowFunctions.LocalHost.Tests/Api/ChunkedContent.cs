using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace WorkflowFunctions.LocalHost.Tests.Api;

/// <summary>A body sent without <c>Content-Length</c> (chunked), so the server only learns its size by reading it.</summary>
internal sealed class ChunkedContent : HttpContent
{
    private readonly byte[] _body;

    public ChunkedContent(string body, string mediaType)
    {
        _body = Encoding.UTF8.GetBytes(body);
        Headers.ContentType = new MediaTypeHeaderValue(mediaType);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(_body).AsTask();

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
