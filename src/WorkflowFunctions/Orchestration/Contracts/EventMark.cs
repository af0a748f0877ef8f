using System.Text.Json;
using System.Text.Json.Serialization;

namespace WorkflowFunctions.Orchestration.Contracts;

/// <summary>
/// One event of a run's feed as the orchestrator recorded it: its sequence number and when it happened, in whole
/// milliseconds since the run started. Written as <c>[seq, ms]</c>: a run's progress carries one or two per node
/// within the custom-status budget.
/// </summary>
[JsonConverter(typeof(EventMarkConverter))]
public readonly record struct EventMark(int Seq, long AtMs)
{
    /// <summary>The mark's time: <paramref name="runStartedAt"/> plus <see cref="AtMs"/>.</summary>
    public DateTimeOffset At(DateTimeOffset runStartedAt) => runStartedAt.AddMilliseconds(AtMs);

    /// <summary>Milliseconds from <paramref name="runStartedAt"/> to <paramref name="at"/>, truncated, never negative.</summary>
    public static long Offset(DateTime runStartedAt, DateTime at) => Math.Max(0, (long)(at - runStartedAt).TotalMilliseconds);
}

/// <summary>Reads and writes an <see cref="EventMark"/> as <c>[seq, ms]</c>.</summary>
internal sealed class EventMarkConverter : JsonConverter<EventMark>
{
    public override EventMark Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray || !reader.Read())
        {
            throw new JsonException("Expected [seq, ms].");
        }

        var seq = reader.GetInt32();
        reader.Read();
        var at = reader.GetInt64();
        if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray)
        {
            throw new JsonException("Expected [seq, ms].");
        }

        return new EventMark(seq, at);
    }

    public override void Write(Utf8JsonWriter writer, EventMark value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartArray();
        writer.WriteNumberValue(value.Seq);
        writer.WriteNumberValue(value.AtMs);
        writer.WriteEndArray();
    }
}
