using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace WorkflowFunctions.Engine.Tables;

/// <summary>
/// One column of a table: the ID rows use as a key (and templates as <c>{{ row.&lt;id&gt; }}</c>), a header for
/// people, and a <see cref="ColumnTypes">type</see>.
/// </summary>
public sealed record TableColumn(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("header")] string Header,
    [property: JsonPropertyName("type")] string Type)
{
    public JsonObject ToJson() => new() { ["id"] = Id, ["header"] = Header, ["type"] = Type };
}
