using System.Text.Json;
using System.Text.Json.Serialization;

namespace WorkflowFunctions.Serialization;

/// <summary>
/// Writes an enum as its snake_case name (<c>succeeded</c>, <c>cancelled</c>). Applied by attribute so the
/// wire shape of run records does not depend on which serializer options the Durable data converter uses.
/// </summary>
public sealed class SnakeCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false)
    where TEnum : struct, Enum;
