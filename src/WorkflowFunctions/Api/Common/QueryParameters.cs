using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using WorkflowFunctions.Outcomes;

namespace WorkflowFunctions.Api.Common;

/// <summary>Reads query parameters strictly: a malformed or out-of-range value is a failure that names the parameter and its limits.</summary>
public sealed class QueryParameters(HttpRequest request)
{
    /// <summary>The first problem found, or null.</summary>
    public Failure? Failure { get; private set; }

    public string? Text(string name, int maxLength = 200)
    {
        var value = request.Query[name].ToString();
        if (value.Length == 0)
        {
            return null;
        }

        if (value.Length > maxLength)
        {
            Fail($"Query parameter '{name}' is longer than {maxLength} characters.");
        }

        return value;
    }

    public int? Number(string name, int min, int max)
    {
        var value = Text(name);
        if (value is null)
        {
            return null;
        }

        if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) || number < min || number > max)
        {
            Fail($"Query parameter '{name}' must be an integer from {min} to {max}; got '{value}'.");
            return null;
        }

        return number;
    }

    public DateTimeOffset? Time(string name)
    {
        var value = Text(name);
        if (value is null)
        {
            return null;
        }

        if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            Fail($"Query parameter '{name}' must be an ISO 8601 time (e.g. 2026-01-31T12:00:00Z); got '{value}'.");
            return null;
        }

        return time;
    }

    public string? OneOf(string name, IReadOnlyList<string> allowed)
    {
        var value = Text(name);
        if (value is not null && !allowed.Contains(value))
        {
            Fail($"Query parameter '{name}' must be one of {string.Join(", ", allowed)}; got '{value}'.");
            return null;
        }

        return value;
    }

    /// <summary>An opaque cursor from a previous page (base64url of a row key).</summary>
    public string? Cursor(string name = "cursor")
    {
        var value = Text(name, 1000);
        if (value is null)
        {
            return null;
        }

        if (TryDecodeCursor(value) is { } position)
        {
            return position;
        }

        Fail($"Query parameter '{name}' is not a cursor returned by this API.");
        return null;
    }

    /// <summary>The position a cursor of <see cref="EncodeCursor"/> stands for, or null when the text is not one.</summary>
    public static string? TryDecodeCursor(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        try
        {
            var decoded = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(value));

            // Positions are row keys, which this API writes in printable ASCII only: anything else is forged.
            return !decoded.StartsWith("c1:", StringComparison.Ordinal) || decoded.Length == 3 || decoded.Any(c => c is < ' ' or > '~') ? null : decoded[3..];
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>The cursor a page returns for its continuation position.</summary>
    public static string? EncodeCursor(string? position) =>
        position is null ? null : Base64Url.EncodeToString(Encoding.UTF8.GetBytes("c1:" + position));

    private void Fail(string message) => Failure ??= Failure.BadRequest(message);
}
