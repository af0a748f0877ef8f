using System.Text.Json;
using System.Text.Json.Serialization;

namespace WorkflowFunctions.Orchestration.Replay;

/// <summary>Writes a <see cref="ScheduledInput"/> as its value, or as <c>null</c> while the engine replays it.</summary>
internal sealed class ScheduledInputConverter : JsonConverter<ScheduledInput>
{
    public override ScheduledInput Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Read the input as the type it was built as.");

    public override void Write(Utf8JsonWriter writer, ScheduledInput value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (value.IsReplayed)
        {
            writer.WriteNullValue();
            return;
        }

        var input = value.Value;
        JsonSerializer.Serialize(writer, input, input.GetType(), options);
    }
}
