using System.Text;

namespace WorkflowFunctions.Nodes.Http;

/// <summary>
/// A response body read up to a size cap, so one huge download cannot exhaust a worker's memory or bloat the
/// run's history: at most <c>maxBytes</c> are kept, decoded with the declared charset (UTF-8 otherwise).
/// </summary>
/// <param name="Text">The (possibly cut) body as text.</param>
/// <param name="Truncated">Whether the body was longer than the cap.</param>
public sealed record ResponseBody(string Text, bool Truncated)
{
    public static async Task<ResponseBody> ReadAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[Math.Min(maxBytes, 81920) + 1];
        using var kept = new MemoryStream();
        var truncated = false;
        while (true)
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                break;
            }

            var room = maxBytes - (int)kept.Length;
            if (read > room)
            {
                kept.Write(buffer, 0, room);
                truncated = true;
                break;
            }

            kept.Write(buffer, 0, read);
        }

        kept.Position = 0;
        using var reader = new StreamReader(kept, Encoding(content), detectEncodingFromByteOrderMarks: true);
        return new ResponseBody(await reader.ReadToEndAsync(cancellationToken), truncated);
    }

    private static Encoding Encoding(HttpContent content)
    {
        var charset = content.Headers.ContentType?.CharSet?.Trim('"', ' ');
        if (!string.IsNullOrEmpty(charset))
        {
            try
            {
                return System.Text.Encoding.GetEncoding(charset);
            }
            catch (ArgumentException)
            {
                // An unknown charset: UTF-8 is the best guess for text on the web.
            }
        }

        return System.Text.Encoding.UTF8;
    }
}
