using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WorkflowFunctions.Serialization;

/// <summary>
/// Writes a string-keyed map of enum values with snake_case names (<c>{"id": "running"}</c>). An attribute on a
/// dictionary property applies to the dictionary, not its values, so the map needs its own converter.
/// </summary>
public sealed class SnakeCaseEnumMapConverter<TEnum> : JsonConverter<IReadOnlyDictionary<string, TEnum>>
    where TEnum : struct, Enum
{
    private static readonly JsonStringEnumConverter<TEnum> ValueFactory = new SnakeCaseEnumConverter<TEnum>();

    // Creating an enum converter resolves every name of the enum; doing that on each write made the custom
    // status (written once per orchestrator episode) one of the costliest parts of an episode. One converter
    // per options instance, released with the options.
    private static readonly ConditionalWeakTable<JsonSerializerOptions, JsonConverter<TEnum>> ValueConverters = [];

    public override IReadOnlyDictionary<string, TEnum> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var valueConverter = ValueConverter(options);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("Expected an object of node states.");
        }

        var map = new Dictionary<string, TEnum>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.GetString() ?? throw new JsonException("Expected a property name.");
            reader.Read();
            map[key] = valueConverter.Read(ref reader, typeof(TEnum), options);
        }

        return map;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, TEnum> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        var valueConverter = ValueConverter(options);
        writer.WriteStartObject();
        foreach (var (key, state) in value)
        {
            writer.WritePropertyName(key);
            valueConverter.Write(writer, state, options);
        }

        writer.WriteEndObject();
    }

    private static JsonConverter<TEnum> ValueConverter(JsonSerializerOptions options) =>
        ValueConverters.GetValue(options, o => (JsonConverter<TEnum>)ValueFactory.CreateConverter(typeof(TEnum), o)!);
}
