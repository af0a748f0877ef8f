using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Tables;

namespace WorkflowFunctions.Engine.Tests.Tables;

public class CsvImportTests
{
    private static TableValue Import(string text, CsvImportOptions? options = null, TableLimits? limits = null)
    {
        Assert.True(CsvImport.TryImport(text, options ?? CsvImportOptions.Default, limits ?? TableLimits.Default, out var table, out var error), error);
        return table;
    }

    private static string Error(string text, CsvImportOptions? options = null, TableLimits? limits = null)
    {
        Assert.False(CsvImport.TryImport(text, options ?? CsvImportOptions.Default, limits ?? TableLimits.Default, out _, out var error));
        return error!;
    }

    private static string Cells(TableValue table) =>
        string.Join(" | ", table.Rows.Select(r => string.Join(",", table.Columns.Select(c => r[c.Id]?.ToJsonString() ?? "null"))));

    [Fact]
    public void TryImport_HeaderAndRows_DerivesIdsHeadersAndTypes()
    {
        // Act
        var table = Import("Name,Score,Active\nAlice,0.92,true\nBob,0.85,FALSE\n");

        // Assert
        Assert.Equal(
            [("name", "Name", "string"), ("score", "Score", "number"), ("active", "Active", "boolean")],
            table.Columns.Select(c => (c.Id, c.Header, c.Type)));
        Assert.Equal("""
            "Alice",0.92,true | "Bob",0.85,false
            """, Cells(table));
    }

    [Fact]
    public void TryImport_QuotedFields_KeepDelimitersQuotesAndLineBreaks()
    {
        // Arrange: a quoted comma, a doubled quote, an embedded CRLF and LF, and text after a closing quote.
        var text = "id,note\r\n1,\"a, b\"\r\n2,\"say \"\"hi\"\"\"\r\n3,\"line 1\r\nline 2\nline 3\"\r\n4,\"x\"y\r\n";

        // Act
        var table = Import(text);

        // Assert
        Assert.Equal(["a, b", "say \"hi\"", "line 1\r\nline 2\nline 3", "xy"], table.Rows.Select(r => r["note"]!.GetValue<string>()));
        Assert.Equal([1, 2, 3, 4], table.Rows.Select(r => r["id"]!.GetValue<int>()));
    }

    [Theory]
    [InlineData("a;b;c\n1;2;3\n4;5;6", ';')]
    [InlineData("a\tb\tc\n1\t2\t3", '\t')]
    [InlineData("a|b\n1|2", '|')]
    [InlineData("a,b\n1,2", ',')]
    [InlineData("\"x;y\",b\n1,2", ',')]
    public void TryImport_AutoDelimiter_DetectsTheSeparator(string text, char expected)
    {
        // Act
        var table = Import(text);

        // Assert
        Assert.Equal(text.Split('\n')[0].Split(expected).Length, table.Columns.Count);
    }

    [Fact]
    public void TryImport_DeclaredDelimiter_IsUsedEvenWhenAnotherSplitsMore()
    {
        // Arrange
        Assert.True(CsvImportOptions.TryRead(JsonNode.Parse("""{"delimiter":";"}""")!.AsObject(), out var options, out _));

        // Act
        var table = Import("a,b;c\n1,2;3", options);

        // Assert
        Assert.Equal(["a_b", "c"], table.Columns.Select(c => c.Id));
        Assert.Equal("1,2", table.Rows[0]["a_b"]!.GetValue<string>());
    }

    [Fact]
    public void TryImport_TypeDetection_IsStrictJsonNumbersAndBooleanWords()
    {
        // Act: "007", "+5" and "1,5" are not JSON numbers; 1 and 0 are numbers, not booleans; empty cells are ignored.
        var table = Import("zip;signed;decimal;flag;count;mixed;blank\n007;+5;\"1,5\";yes;1;1;\n010;3;2;no;0;x;");

        // Assert
        Assert.Equal(["string", "string", "string", "string", "number", "string", "string"], table.Columns.Select(c => c.Type));
        Assert.Equal("007", table.Rows[0]["zip"]!.GetValue<string>());
    }

    [Fact]
    public void TryImport_EmptyCells_AreNullExceptInStringColumns()
    {
        // Act
        var table = Import("n,t\n1,a\n,\n3,c");

        // Assert
        Assert.Null(table.Rows[1]["n"]);
        Assert.Equal(string.Empty, table.Rows[1]["t"]!.GetValue<string>());
    }

    [Fact]
    public void TryImport_NumbersKeepTheirText()
    {
        // Act
        var table = Import("price\n1.50\n1e3\n-0.25");

        // Assert
        Assert.Equal(["1.50", "1e3", "-0.25"], table.Rows.Select(r => r["price"]!.ToJsonString()));
    }

    [Fact]
    public void TryImport_HeaderIds_AreSlugsUniqueAndNeverEmpty()
    {
        // Act
        var table = Import("First Name, first-name ,,Score (%),Name!\n1,2,3,4,5");

        // Assert
        Assert.Equal(["first_name", "first-name", "column_3", "score", "name"], table.Columns.Select(c => c.Id));
        Assert.Equal(["First Name", "first-name", "column_3", "Score (%)", "Name!"], table.Columns.Select(c => c.Header));
    }

    [Fact]
    public void TryImport_RepeatedHeaders_GetNumberedIds()
    {
        Assert.Equal(["a", "a_2", "a_3"], Import("a,a,A\n1,2,3").Columns.Select(c => c.Id));
    }

    [Fact]
    public void TryImport_NoHeaderRow_NamesColumnsByPosition()
    {
        // Arrange
        var options = CsvImportOptions.Default with { HasHeader = false };

        // Act
        var table = Import("Alice,1\nBob,2", options);

        // Assert
        Assert.Equal(["column_1", "column_2"], table.Columns.Select(c => c.Id));
        Assert.Equal(2, table.Rows.Count);
    }

    [Fact]
    public void TryImport_DeclaredColumns_OverrideIdsHeadersAndTypes()
    {
        // Arrange: the first column declared fully, the second only typed, the third left to detection.
        Assert.True(CsvImportOptions.TryRead(
            JsonNode.Parse("""{"columns":[{"id":"who","header":"Person","type":"string"},{"type":"string"},{}]}""")!.AsObject(),
            out var options,
            out var problem), problem);

        // Act
        var table = Import("Name,Zip,Score\nAlice,02139,7", options);

        // Assert
        Assert.Equal(
            [("who", "Person", "string"), ("zip", "Zip", "string"), ("score", "Score", "number")],
            table.Columns.Select(c => (c.Id, c.Header, c.Type)));
        Assert.Equal("02139", table.Rows[0]["zip"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("number", " +5 ", "5")]
    [InlineData("number", ".5", "0.5")]
    [InlineData("boolean", "Yes", "true")]
    [InlineData("boolean", "0", "false")]
    [InlineData("json", "{\"a\": [1]}", "{\"a\":[1]}")]
    [InlineData("json", "plain", "\"plain\"")]
    public void TryImport_DeclaredType_ConvertsLeniently(string type, string cell, string expected)
    {
        // Arrange
        var options = CsvImportOptions.Default with { Columns = [new ColumnDeclaration(null, null, type)] };

        // Act
        var table = Import(
            "v\n" + (cell.Contains(',', StringComparison.Ordinal) || cell.Contains('"', StringComparison.Ordinal)
                ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
                : cell),
            options);

        // Assert
        Assert.Equal(expected, table.Rows[0]["v"]!.ToJsonString());
    }

    [Fact]
    public void TryImport_DeclaredNumberThatIsNot_NamesRowAndColumn()
    {
        // Arrange
        var options = CsvImportOptions.Default with { Columns = [new ColumnDeclaration(null, null, "string"), new ColumnDeclaration("score", null, "number")] };

        // Act
        var error = Error("name,score\nAlice,1\nBob,high", options);

        // Assert
        Assert.Equal("Row 2, column 'score': 'high' is not a number.", error);
    }

    [Fact]
    public void TryImport_ShortRow_IsPaddedAndLongRowIsRefused()
    {
        Assert.Equal(string.Empty, Import("a,b,c\n1").Rows[0]["c"]!.GetValue<string>());
        Assert.Equal("Row 2 has 3 fields; the header has 2.", Error("a,b\n1,2\n1,2,3"));
    }

    [Fact]
    public void TryImport_UnclosedQuote_NamesTheLineItOpened()
    {
        Assert.Equal("Line 3: a quoted field is never closed.", Error("a,b\n1,2\n3,\"open\n4,5"));
    }

    [Fact]
    public void TryImport_ByteOrderMarkCrLfBlankLinesAndTrailingBreak_AreHandled()
    {
        // Act
        var table = Import("\uFEFFa,b\r\n\r\n1,2\r\n\r\n3,4\r\n");

        // Assert
        Assert.Equal(["a", "b"], table.Columns.Select(c => c.Id));
        Assert.Equal(2, table.Rows.Count);
    }

    [Fact]
    public void TryImport_CrOnlyLineBreaks_SeparateRecords()
    {
        Assert.Equal(2, Import("a\r1\r2").Rows.Count);
    }

    [Fact]
    public void TryImport_EmptyText_IsAnEmptyTable()
    {
        // Act
        var table = Import(string.Empty);

        // Assert
        Assert.Empty(table.Columns);
        Assert.Empty(table.Rows);
    }

    [Fact]
    public void TryImport_HeaderOnly_HasColumnsAndNoRows()
    {
        // Act
        var table = Import("a,b\n");

        // Assert
        Assert.Equal(2, table.Columns.Count);
        Assert.Empty(table.Rows);
    }

    [Fact]
    public void TryImport_MoreRowsThanTheLimit_IsRefused()
    {
        Assert.Equal("The table has more than 2 rows, the limit.", Error("a\n1\n2\n3", limits: new TableLimits(MaxRows: 2)));
        Assert.Equal(2, Import("a\n1\n2", limits: new TableLimits(MaxRows: 2)).Rows.Count);
    }

    [Fact]
    public void TryImport_MoreCellsThanTheLimit_IsRefused()
    {
        Assert.Equal("The table has 6 cells (2 rows × 3 columns); the limit is 5.", Error("a,b,c\n1,2,3\n4,5,6", limits: new TableLimits(MaxCells: 5)));
    }

    [Fact]
    public void TryImport_TextLargerThanTheByteLimit_IsRefused()
    {
        Assert.Equal("The CSV text is 12 bytes; tables hold at most 10.", Error("a\n1234567890", limits: new TableLimits(MaxBytes: 10)));
    }

    [Fact]
    public void TryImport_RowsLargerThanTheByteLimitAsJson_AreRefused()
    {
        // Arrange: 15 bytes of CSV become [{"long":1234567890}], 21 bytes of JSON.
        var limits = new TableLimits(MaxBytes: 20);

        // Act
        var error = Error("long\n1234567890", limits: limits);

        // Assert
        Assert.Equal("The table is 21 bytes as JSON; the limit is 20.", error);
    }

    [Fact]
    public void TryImport_TenThousandRows_ImportsWithinTheDefaultLimits()
    {
        // Arrange
        var text = "id,name,score\n" + string.Join('\n', Enumerable.Range(0, 10_000).Select(i => $"{i},name {i},{i % 100}"));

        // Act
        var table = Import(text);

        // Assert
        Assert.Equal(10_000, table.Rows.Count);
        Assert.Equal("number", table.Columns[2].Type);
    }
}
