using System.Globalization;
using System.Net.Http.Headers;

namespace WorkflowFunctions.Nodes;

/// <summary>
/// How long a server asked us to wait before trying again: <c>Retry-After</c> (seconds or an HTTP date) or
/// OpenAI's <c>retry-after-ms</c>. Both executors honour it, so a throttled server is not hammered.
/// </summary>
public static class RetryAfterHeader
{
    /// <summary>The requested wait, or null when the response names none.</summary>
    public static TimeSpan? Read(HttpResponseHeaders headers, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (headers.TryGetValues("retry-after-ms", out var milliseconds)
            && TryParseNumber(milliseconds.FirstOrDefault(), out var ms))
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        return headers.TryGetValues("Retry-After", out var values) ? Parse(values.FirstOrDefault(), now) : null;
    }

    /// <summary>Parses one <c>Retry-After</c> value: delta-seconds or an HTTP date (a past date means no wait).</summary>
    public static TimeSpan? Parse(string? value, DateTimeOffset now)
    {
        if (TryParseNumber(value, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        if (value is not null
            && DateTimeOffset.TryParseExact(value.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            var wait = date - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    private static bool TryParseNumber(string? value, out double number) =>
        double.TryParse(value?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out number)
        && number >= 0
        && number < TimeSpan.MaxValue.TotalSeconds / 1000;
}
