using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Engine.Evaluation;
using WorkflowFunctions.Engine.Tables;
using WorkflowFunctions.Engine.Templates;

namespace WorkflowFunctions.Engine.Tests.Tables;

public class TableNodesTests
{
    private const string Csv = "name,score\nAlice,0.92\nBob,0.45\nCarol,0.7";

    private static NodeDefinition Node(string type, string dataJson, string id = "n") =>
        WorkflowDefinition.Parse($$"""{"nodes":[{"id":"{{id}}","type":"{{type}}","data":{{dataJson}}}]}""").Nodes[0];

    private static TemplateScope Scope(object input, params (string Id, JsonObject Result)[] nodes) =>
        new(JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(input)), nodes.ToDictionary(n => n.Id, n => (JsonNode?)TemplateScope.NodeRecord(n.Result)))
        {
            Variables = new HashSet<string>(["min"], StringComparer.Ordinal),
        };

    private static JsonObject Imported(string csv = Csv) =>
        PureNodeEvaluator.Evaluate(Node(NodeTypes.ImportCsv, "{\"text\":\"{{ input.csv }}\"}"), Scope(new { csv }), []).Result;

    private static string Names(JsonObject table) => string.Join(",", table["rows"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()));

    [Fact]
    public void Evaluate_ImportCsvFromInput_IsATableResult()
    {
        // Act
        var result = Imported();

        // Assert
        Assert.True(TableValue.IsTable(result));
        Assert.Equal(3, result["row_count"]!.GetValue<int>());
        Assert.Equal(Csv, result["content"]!.GetValue<string>());
    }

    [Fact]
    public void Evaluate_ImportCsvInlineText_ParsesTheLiteral()
    {
        // Act
        var result = PureNodeEvaluator.Evaluate(Node(NodeTypes.ImportCsv, """{"text":"a;b\n1;2","delimiter":";"}"""), Scope(new { }), []).Result;

        // Assert
        Assert.Equal(2, result["rows"]![0]!["b"]!.GetValue<int>());
    }

    [Fact]
    public void Evaluate_ImportCsvOverTheLimit_FailsTheNodeNamingTheLimit()
    {
        // Arrange
        var node = Node(NodeTypes.ImportCsv, "{\"text\":\"{{ input.csv }}\"}");

        // Act
        var ex = Assert.Throws<NodeEvaluationException>(() => PureNodeEvaluator.Evaluate(node, Scope(new { csv = Csv }), [], new TableLimits(MaxRows: 2)));

        // Assert
        Assert.Equal("Import-csv node 'n': The table has more than 2 rows, the limit.", ex.Message);
    }

    [Fact]
    public void IsPure_ImportCsv_OnlyWhenItReadsText()
    {
        Assert.True(PureNodeEvaluator.IsPure(Node(NodeTypes.ImportCsv, """{"text":"a"}""")));
        Assert.False(PureNodeEvaluator.IsPure(Node(NodeTypes.ImportCsv, """{"url":"https://example.com/a.csv"}""")));
        Assert.True(PureNodeEvaluator.IsPure(Node(NodeTypes.FilterRows, "{}")));
        Assert.False(PureNodeEvaluator.IsPure(Node(NodeTypes.MapRows, "{}")));
    }

    [Theory]
    [InlineData(">", "0.5", "Alice,Carol")]
    [InlineData("<=", "0.7", "Bob,Carol")]
    [InlineData("starts_with", "C", "Carol")]
    [InlineData("==", "nobody", "")]
    public void Evaluate_FilterRows_KeepsRowsWhereTheConditionHolds(string op, string right, string expected)
    {
        // Arrange
        var column = op is "starts_with" or "==" ? "name" : "score";
        var data = new JsonObject
        {
            ["table"] = "{{ csv.result }}",
            ["condition"] = new JsonObject { ["left"] = $"{{{{ row.{column} }}}}", ["operator"] = op, ["right"] = right },
        };
        var node = Node(NodeTypes.FilterRows, data.ToJsonString());

        // Act
        var result = PureNodeEvaluator.Evaluate(node, Scope(new { }, ("csv", Imported())), ["csv"]).Result;

        // Assert
        Assert.Equal(expected, Names(result));
        Assert.Equal(2, result["columns"]!.AsArray().Count);
    }

    [Fact]
    public void Evaluate_FilterRowsWithBareVariable_ComparesEachRowWithTheInput()
    {
        // Arrange: {{ min }} is the input field "min".
        var node = Node(NodeTypes.FilterRows, """{"table":"{{ csv.result }}","condition":{"left":"{{ row.score }}","operator":">=","right":"{{ min }}"}}""");

        // Act
        var result = PureNodeEvaluator.Evaluate(node, Scope(new { min = "0.7" }, ("csv", Imported())), ["csv"]).Result;

        // Assert
        Assert.Equal("Alice,Carol", Names(result));
        Assert.Equal("name,score\nAlice,0.92\nCarol,0.7", result["content"]!.GetValue<string>());
    }

    [Fact]
    public void Evaluate_FilterRowsOverArrayOfObjects_TreatsItAsATable()
    {
        // Arrange
        var http = new JsonObject { ["content"] = "...", ["json"] = JsonNode.Parse("""{"items":[{"name":"x","n":1},{"name":"y","n":5}]}""") };
        var node = Node(NodeTypes.FilterRows, """{"table":"{{ http.result.json.items }}","condition":{"left":"{{ row.n }}","operator":">","right":"2"}}""");

        // Act
        var result = PureNodeEvaluator.Evaluate(node, Scope(new { }, ("http", http)), ["http"]).Result;

        // Assert
        Assert.Equal("y", Names(result));
    }

    [Theory]
    [InlineData("""{"table":"{{ missing.result }}","condition":{"left":"a","operator":"==","right":"a"}}""", "has no value")]
    [InlineData("""{"table":"{{ csv.result.content }}","condition":{"left":"a","operator":"==","right":"a"}}""", "not a table")]
    [InlineData("""{"table":"rows: {{ csv.result }}","condition":{"left":"a","operator":"==","right":"a"}}""", "exactly one placeholder")]
    [InlineData("""{"table":"{{ csv.result }}","condition":{"left":"a","operator":"~","right":"a"}}""", "Unknown condition operator")]
    public void Evaluate_FilterRowsUnusable_FailsWithTheReason(string data, string reason)
    {
        var ex = Assert.Throws<NodeEvaluationException>(
            () => PureNodeEvaluator.Evaluate(Node(NodeTypes.FilterRows, data), Scope(new { }, ("csv", Imported())), ["csv"]));

        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_OutputOfOnePlaceholderNamingATable_IsThatTable()
    {
        // Act
        var result = PureNodeEvaluator.Evaluate(
            Node(NodeTypes.Output, """{"output":"{{ csv.result }}"}"""),
            Scope(new { }, ("csv", Imported())),
            ["csv"]).Result;

        // Assert
        Assert.True(TableValue.IsTable(result));
        Assert.Equal(Csv, result["content"]!.GetValue<string>());
    }

    [Fact]
    public void Evaluate_OutputWithoutTemplateAfterOneTableNode_IsThatTable()
    {
        Assert.True(TableValue.IsTable(PureNodeEvaluator.Evaluate(Node(NodeTypes.Output, "{}"), Scope(new { }, ("csv", Imported())), ["csv"]).Result));
    }

    [Fact]
    public void Evaluate_OutputWithTextAroundATable_IsTextHoldingItsCsv()
    {
        // Act
        var result = PureNodeEvaluator.Evaluate(
            Node(NodeTypes.Output, """{"output":"Rows:\n{{ csv.result }}"}"""),
            Scope(new { }, ("csv", Imported())),
            ["csv"]).Result;

        // Assert
        Assert.False(TableValue.IsTable(result));
        Assert.Equal("Rows:\n" + Csv, result["content"]!.GetValue<string>());
    }
}
