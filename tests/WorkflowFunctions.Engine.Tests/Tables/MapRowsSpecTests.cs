using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Tables;

namespace WorkflowFunctions.Engine.Tests.Tables;

public class MapRowsSpecTests
{
    private static readonly TableValue People = new(
        [new TableColumn("name", "Name", ColumnTypes.Text), new TableColumn("score", "Score", ColumnTypes.Number)],
        [new JsonObject { ["name"] = "Alice", ["score"] = 1 }, new JsonObject { ["name"] = "Bob", ["score"] = 2 }]);

    private static MapRowsSpec Spec(string json)
    {
        Assert.True(MapRowsSpec.TryRead(JsonNode.Parse(json)!.AsObject(), out var spec, out var error), error);
        return spec;
    }

    private const string Llm =
            """{"type":"basic-node","data":{"messages":[{"role":"user","message":"Rate {{ row.name }} for {{ input.topic }} in {{ region }}"}]}}""";

    [Fact]
    public void TryRead_ColumnAsString_DefaultsHeaderAndType()
    {
        // Act
        var spec = Spec("{\"column\":\"total_cost\",\"call\":" + Llm + "}");

        // Assert
        Assert.Equal(new TableColumn("total_cost", "Total Cost", "string"), spec.Column);
        Assert.Equal(("basic-node", null, false), (spec.CallType, spec.Concurrency, spec.ContinueOnRowError));
    }

    [Theory]
    [InlineData("""{"column":"a b","call":{"type":"basic-node","data":{}}}""", "'column'")]
    [InlineData("""{"column":{"id":"a","type":"date"},"call":{"type":"basic-node","data":{}}}""", "'column.type'")]
    [InlineData("""{"column":"a","call":{"type":"workflow-node","data":{}}}""", "'call'")]
    [InlineData("""{"column":"a","call":{"type":"http-node"}}""", "'call.data'")]
    [InlineData("""{"column":"a","call":{"type":"http-node","data":{}},"on_row_error":"skip"}""", "'on_row_error'")]
    public void TryRead_BadField_NamesIt(string json, string field)
    {
        Assert.False(MapRowsSpec.TryRead(JsonNode.Parse(json)!.AsObject(), out _, out var error));
        Assert.Contains(field, error, StringComparison.Ordinal);
    }

    [Fact]
    public void SharedReferences_AreTheCallsReferencesOtherThanRow()
    {
        Assert.Equal(["input.topic", "region"], Spec("{\"column\":\"r\",\"call\":" + Llm + "}").SharedReferences().Select(r => r.ToString()));
    }

    [Fact]
    public void TryApply_Answers_AppendTheColumnConverted()
    {
        // Arrange
        var spec = Spec("""{"column":{"id":"rating","type":"number"},"call":{"type":"http-node","data":{"url":"x"}}}""");

        // Act
        Assert.True(spec.TryApply(People, [" 7 ", "8.5"], new Dictionary<int, string>(), out var mapped, out var failed, out var error), error);

        // Assert
        Assert.Equal(["name", "score", "rating"], mapped.Columns.Select(c => c.Id));
        Assert.Equal(
            """[{"name":"Alice","score":1,"rating":7},{"name":"Bob","score":2,"rating":8.5}]""",
            new JsonArray([.. mapped.Rows.Select(r => (JsonNode)r.DeepClone())]).ToJsonString());
        Assert.Equal(0, failed);
        Assert.Equal("""{"name":"Alice","score":1}""", People.Rows[0].ToJsonString());
    }

    [Fact]
    public void TryApply_ExistingColumnId_IsReplacedInPlace()
    {
        // Arrange
        var spec = Spec("""{"column":"name","call":{"type":"http-node","data":{"url":"x"}}}""");

        // Act
        Assert.True(spec.TryApply(People, ["A", "B"], new Dictionary<int, string>(), out var mapped, out _, out _));

        // Assert
        Assert.Equal(["name", "score"], mapped.Columns.Select(c => c.Id));
        Assert.Equal("""{"name":"A","score":1}""", mapped.Rows[0].ToJsonString());
    }

    [Fact]
    public void TryApply_RowErrorWhenFailing_FailsNamingTheRow()
    {
        // Arrange
        var spec = Spec("""{"column":"r","call":{"type":"http-node","data":{"url":"x"}}}""");

        // Act: row 1 never ran, because the chunk stopped when row 2 failed.
        var ok = spec.TryApply(People, [null, null], new Dictionary<int, string> { [1] = "GET x returned 500." }, out _, out _, out var error);

        // Assert
        Assert.False(ok);
        Assert.Equal("Row 2: GET x returned 500.", error);
    }

    [Fact]
    public void TryApply_RowErrorsWhenEmpty_LeaveNullCellsAndCountThem()
    {
        // Arrange
        var spec = Spec("""{"column":{"id":"r","type":"number"},"on_row_error":"empty","call":{"type":"http-node","data":{"url":"x"}}}""");

        // Act: row 1 failed, row 2 answered something that is not a number.
        Assert.True(spec.TryApply(People, [null, "lots"], new Dictionary<int, string> { [0] = "boom" }, out var mapped, out var failed, out _));

        // Assert
        Assert.Equal(2, failed);
        Assert.All(mapped.Rows, row => Assert.True(row.ContainsKey("r") && row["r"] is null));
    }
}
