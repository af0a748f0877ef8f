using System.Text.Json;
using System.Text.Json.Serialization;

namespace WorkflowFunctions.Orchestration.Contracts;

/// <summary>
/// A failed attempt of a node that is retried: the event's sequence number, when the attempt failed and when the
/// next one is due (milliseconds since the run started), and why it failed (cut to <see cref="MaxErrorLength"/>
/// characters). Written as <c>[seq, ms, next_ms, error]</c>.
/// </summary>
[JsonConverter(typeof(RetryMarkConverter))]
public sealed record RetryMark(int Seq, long AtMs, long NextAtMs, string Error)
{
    /// <summary>The longest error a retry keeps: the progress carries it within the custom-status budget.</summary>
    public const int MaxErrorLength = 300;

    public static string Shorten(string? error) =>
        error is null ? string.Empty : error.Length <= MaxErrorLength ? error : error[..(MaxErrorLength - 1)] + "…";
}

/// <summary>Reads and writes a <see cref="RetryMark"/> as <c>[seq, ms, next_ms, error]</c>.</summary>
internal sealed class RetryMarkConverter : JsonConverter<RetryMark>
{
    public override RetryMark Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("Expected [seq, ms, next_ms, error].");
        }

        reader.Read();
        var seq = reader.GetInt32();
        reader.Read();
        var at = reader.GetInt64();
        reader.Read();
        var next = reader.GetInt64();
        reader.Read();
        var error = reader.GetString() ?? string.Empty;
        if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray)
        {
            throw new JsonException("Expected [seq, ms, next_ms, error].");
        }

        return new RetryMark(seq, at, next, error);
    }

    public override void Write(Utf8JsonWriter writer, RetryMark value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartArray();
        writer.WriteNumberValue(value.Seq);
        writer.WriteNumberValue(value.AtMs);
        writer.WriteNumberValue(value.NextAtMs);
        writer.WriteStringValue(value.Error);
        writer.WriteEndArray();
    }
}
