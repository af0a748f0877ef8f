using System.Text.Json;
using System.Text.Json.Serialization;
using WorkflowFunctions.Orchestration.Contracts;

namespace WorkflowFunctions.Orchestration.Replay;

/// <summary>Writes a <see cref="DeferredProgress"/> as its <see cref="WorkflowRunProgress"/>; readers read that type.</summary>
internal sealed class DeferredProgressConverter : JsonConverter<DeferredProgress>
{
    public override DeferredProgress Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Read the custom status as a WorkflowRunProgress.");

    public override void Write(Utf8JsonWriter writer, DeferredProgress value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(value);
        JsonSerializer.Serialize(writer, value.Build(), options);
    }
}
