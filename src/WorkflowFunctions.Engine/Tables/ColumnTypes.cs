namespace WorkflowFunctions.Engine.Tables;

/// <summary>The type names a table column may have: what its cells hold as JSON.</summary>
public static class ColumnTypes
{
    /// <summary>Text cells (JSON strings).</summary>
    public const string Text = "string";

    /// <summary>Numeric cells (JSON numbers, their text kept as written).</summary>
    public const string Number = "number";

    /// <summary><c>true</c> / <c>false</c> cells.</summary>
    public const string Boolean = "boolean";

    /// <summary>Any JSON value (objects, arrays, mixed kinds).</summary>
    public const string Json = "json";

    /// <summary>Every type name, for schemas and messages.</summary>
    public static IReadOnlyList<string> Names { get; } = [Text, Number, Boolean, Json];

    public static bool IsKnown(string? name) => name is Text or Number or Boolean or Json;
}
