using System.Globalization;
using WorkflowFunctions.Outcomes;

namespace WorkflowFunctions.Api.Dialects.Scale;

/// <summary>The result endpoint's <c>timeout</c>: milliseconds, default 600,000 (the document's), longer waits capped at the service's longest.</summary>
public static class ScaleQuery
{
    public const int DefaultTimeoutMs = 600_000;

    /// <summary>
    /// The wait in milliseconds: <paramref name="value"/> when it is a whole number from 0, at most
    /// <paramref name="maxMs"/> (the document gives no maximum, so a longer wait is shortened rather than refused).
    /// </summary>
    public static Outcome<int> TimeoutMs(string? value, int maxMs)
    {
        if (value is null)
        {
            return Math.Min(DefaultTimeoutMs, maxMs);
        }

        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
        {
            return Failure.BadRequest($"Query parameter 'timeout' must be a whole number of milliseconds from 0; got '{value}'.");
        }

        return (int)Math.Min(ms, maxMs);
    }
}
