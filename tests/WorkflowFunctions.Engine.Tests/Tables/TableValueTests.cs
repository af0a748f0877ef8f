using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Tables;
using WorkflowFunctions.Engine.Templates;

namespace WorkflowFunctions.Engine.Tests.Tables;

public class TableValueTests
{
    private static JsonObject Result(string csv)
    {
        Assert.True(CsvImport.TryImport(csv, CsvImportOptions.Default, TableLimits.Default, out var table, out var error), error);
        return table.ToResult();
    }

    private static string Render(string template, JsonObject result) =>
        Template.Parse(template).Render(new TemplateScope(null, new Dictionary<string, JsonNode?> { ["csv"] = TemplateScope.NodeRecord(result) }));

    [Fact]
    public void ToResult_Shape_IsContentTypeColumnsRowsAndRowCount()
    {
        // Act
        var result = Result("Name,Score\nAlice,0.92\nBob,0.85");

        // Assert
        Assert.Equal(
            """{"content":"Name,Score\nAlice,0.92\nBob,0.85","type":"table","columns":["""
                + """{"id":"name","header":"Name","type":"string"},{"id":"score","header":"Score","type":"number"}],"rows":["""
                + """{"name":"Alice","score":0.92},{"name":"Bob","score":0.85}],"row_count":2}""",
            result.ToJsonString());
    }

    [Theory]
    [InlineData("{{ csv.result.rows[0].name }}", "Alice")]
    [InlineData("{{ csv.result.rows.1.score }}", "0.85")]
    [InlineData("{{ csv.result.row_count }}", "2")]
    [InlineData("{{ csv.result.columns[1].type }}", "number")]
    [InlineData("{{ csv.result.rows[0] }}", """{"name":"Alice","score":0.92}""")]
    [InlineData("{{ csv.result.rows[5].name }}", "")]
    public void Render_TablePaths_ReadCellsCountsAndColumns(string template, string expected)
    {
        Assert.Equal(expected, Render(template, Result("Name,Score\nAlice,0.92\nBob,0.85")));
    }

    [Fact]
    public void Render_WholeTable_IsItsCsvText()
    {
        Assert.Equal("Data:\nName,Score\nAlice,0.92", Render("Data:\n{{ csv.result }}", Result("Name,Score\nAlice,0.92")));
    }

    [Fact]
    public void Render_TableWithoutContent_IsWrittenAsCsv()
    {
        // Arrange: a table value built elsewhere, without the content a node result carries.
        var result = Result("a,b\n1,x");
        result.Remove("content");

        // Act & Assert
        Assert.Equal("a,b\n1,x", Render("{{ csv.result }}", result));
    }

    [Fact]
    public void ToCsv_CellsWithCommasQuotesBreaksNullsAndJson_AreQuotedOrRendered()
    {
        // Arrange
        var table = new TableValue(
            [new TableColumn("a", "A, the first", ColumnTypes.Text), new TableColumn("b", "B", ColumnTypes.Json)],
            [
                new JsonObject { ["a"] = "say \"hi\"", ["b"] = new JsonObject { ["k"] = 1 } },
                new JsonObject { ["a"] = "two\nlines", ["b"] = null },
            ]);

        // Act
        var csv = table.ToCsv();

        // Assert
        Assert.Equal("\"A, the first\",B\n\"say \"\"hi\"\"\",\"{\"\"k\"\":1}\"\n\"two\nlines\",", csv);
    }

    [Fact]
    public void ToCsv_ThenImport_RoundTripsCells()
    {
        // Arrange
        var original = Result("name,note,n\nAlice,\"a, b\",1\nBob,\"line\nbreak \"\"q\"\"\",2");

        // Act
        var again = Result(original["content"]!.GetValue<string>());

        // Assert
        Assert.Equal(original.ToJsonString(), again.ToJsonString());
    }

    [Fact]
    public void TryRead_ArrayOfObjects_InfersColumnsInFirstSeenOrder()
    {
        // Act
        Assert.True(TableValue.TryRead(
            JsonNode.Parse("""[{"name":"A","score":1},{"score":2.5,"total_cost":null,"tags":["x"]},{"name":"C","score":"n/a"}]"""),
            out var table,
            out _));

        // Assert
        Assert.Equal(
            [("name", "Name", "string"), ("score", "Score", "json"), ("total_cost", "Total Cost", "string"), ("tags", "Tags", "json")],
            table.Columns.Select(c => (c.Id, c.Header, c.Type)));
    }

    [Fact]
    public void TryRead_JsonArrayTextInAFence_IsATable()
    {
        Assert.True(TableValue.TryRead(JsonValue.Create("```json\n[{\"a\":1}]\n```"), out var table, out _));
        Assert.Equal(1, table.Rows[0]["a"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("\"plain text\"")]
    [InlineData("[1, 2]")]
    [InlineData("{\"type\":\"table\",\"columns\":[{\"id\":\"a\"},{\"id\":\"a\"}],\"rows\":[]}")]
    [InlineData("{\"type\":\"table\",\"columns\":[],\"rows\":[1]}")]
    [InlineData("{\"type\":\"table\",\"columns\":[{\"id\":\"a\",\"type\":\"date\"}],\"rows\":[]}")]
    public void TryRead_NotATable_IsFalseWithReason(string json)
    {
        Assert.False(TableValue.TryRead(JsonNode.Parse(json), out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void IsTable_NeedsTheTypeMarkerColumnsAndRows()
    {
        Assert.True(TableValue.IsTable(JsonNode.Parse("""{"type":"table","columns":[],"rows":[]}""")));
        Assert.False(TableValue.IsTable(JsonNode.Parse("""{"columns":[],"rows":[]}""")));
        Assert.False(TableValue.IsTable(JsonNode.Parse("""{"type":"table","rows":[]}""")));
    }
}
