using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Tables;

namespace WorkflowFunctions.Engine.Tests.Tables;

public class RunTableTests
{
    private static JsonObject Content(string content) => new() { ["content"] = content };

    [Fact]
    public void From_TableResult_IsThatTable()
    {
        // Arrange
        Assert.True(CsvImport.TryImport("Name,Score\nAlice,0.92\nBob,0.85", CsvImportOptions.Default, TableLimits.Default, out var table, out _));

        // Act
        var run = RunTable.From("out", table.ToResult())!;

        // Assert
        Assert.Equal(
            """{"node_id":"out","columns":[{"id":"name","header":"Name","type":"string"},{"id":"score","header":"Score","type":"number"}],"rows":["""
                + """{"name":"Alice","score":0.92},{"name":"Bob","score":0.85}],"start":0,"end":2,"total_rows":2}""",
            JsonSerializer.Serialize(run));
    }

    [Fact]
    public void From_TextOutput_IsOneRowWithAnOutputColumn()
    {
        // Act
        var run = RunTable.From("out", Content("Hello, world"))!;

        // Assert
        Assert.Equal([("output", "Output", "string")], run.Columns.Select(c => (c.Id, c.Header, c.Type)));
        Assert.Equal("Hello, world", run.Rows.Single()["output"]!.GetValue<string>());
        Assert.Equal((0, 1, 1), (run.Start, run.End, run.TotalRows));
    }

    [Theory]
    [InlineData("""[{"name":"Alice","score":0.92},{"name":"Bob","score":0.85}]""")]
    [InlineData("```json\n[{\"name\":\"Alice\",\"score\":0.92},{\"name\":\"Bob\",\"score\":0.85}]\n```")]
    public void From_ArrayOfObjectsOutput_BecomesRows(string content)
    {
        // Act
        var run = RunTable.From("out", Content(content))!;

        // Assert
        Assert.Equal([("name", "Name", "string"), ("score", "Score", "number")], run.Columns.Select(c => (c.Id, c.Header, c.Type)));
        Assert.Equal(["Alice", "Bob"], run.Rows.Select(r => r["name"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("""{"a":1}""")]
    [InlineData("[1,2,3]")]
    [InlineData("42")]
    [InlineData("")]
    public void From_OtherJsonOrEmptyOutput_IsOneRowOfItsText(string content)
    {
        Assert.Equal(content, RunTable.From(null, Content(content))!.Rows.Single()["output"]!.GetValue<string>());
    }

    [Fact]
    public void From_EmptyArrayOutput_HasNoRows()
    {
        Assert.Equal(0, RunTable.From(null, Content("[]"))!.TotalRows);
    }

    [Fact]
    public void From_NoResult_IsNull()
    {
        Assert.Null(RunTable.From(null, null));
    }

    [Theory]
    [InlineData(0, 2, 0, 2)]
    [InlineData(3, 10, 3, 5)]
    [InlineData(4, 1, 4, 5)]
    [InlineData(9, 10, 5, 5)]
    [InlineData(-1, 2, 0, 2)]
    public void From_Range_GivesRowsStartToEndOfTheTotal(int start, int max, int expectedStart, int expectedEnd)
    {
        // Arrange
        var result = Content(JsonSerializer.Serialize(Enumerable.Range(0, 5).Select(i => new { i })));

        // Act
        var run = RunTable.From(null, result, start, max)!;

        // Assert
        Assert.Equal((expectedStart, expectedEnd, 5), (run.Start, run.End, run.TotalRows));
        Assert.Equal(Enumerable.Range(expectedStart, expectedEnd - expectedStart), run.Rows.Select(r => r["i"]!.GetValue<int>()));
    }
}
