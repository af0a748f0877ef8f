using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Engine.Validation;

namespace WorkflowFunctions.Engine.Tests.Validation;

public class TableValidationTests
{
    // trigger (field min_score) -> import "csv" -> map "m" -> filter "f" -> output "o"; each case replaces one node's data.
    private const string Import = """{"text":"{{ csv_text }}","columns":[{"id":"name"},{"type":"number"}]}""";
    private const string Map = """{"table":"{{ csv.result }}","column":{"id":"score","type":"number"},"concurrency":5,"call":"""
        + """{"type":"basic-node","data":{"messages":["""
        + """{"role":"user","message":"Score {{ row.name }} ({{ csv.result.row_count }} rows, at least {{ min_score }})"}]}}}""";
    private const string Filter = """{"table":"{{ m.result }}","condition":{"left":"{{ row.score }}","operator":">=","right":"{{ min_score }}"}}""";

    private static ValidationReport Validate(string import = Import, string map = Map, string filter = Filter) =>
        WorkflowValidator.Default.Validate(WorkflowDefinition.Parse(
            """{"start_node":"t","nodes":[{"id":"t","type":"trigger-node","data":{"input_fields":"""
            + """[{"id":"csv_text","type":"text"},{"id":"min_score","type":"number"}]}},"""
            + """{"id":"csv","type":"import-csv-node","data":""" + import + "},"
            + """{"id":"m","type":"map-rows-node","data":""" + map + "},"
            + """{"id":"f","type":"filter-rows-node","data":""" + filter + "},"
            + """{"id":"o","type":"output-node","data":{"output":"{{ f.result }}"}}], "edges":"""
            + """[{"source":"t","target":"csv"},{"source":"csv","target":"m"},{"source":"m","target":"f"},{"source":"f","target":"o"}]}"""));

    private static IEnumerable<(string Code, string Path)> Errors(ValidationReport report) => report.Errors.Select(f => (f.Code, f.Path));

    [Fact]
    public void Validate_ImportMapFilterOutputPipeline_IsValid()
    {
        Assert.Empty(Validate().Findings);
    }

    [Fact]
    public void Validate_ImportWithBothSources_IsAnError()
    {
        Assert.Equal([(FindingCodes.ImportCsvSource, "$.nodes[1].data")], Errors(Validate(import: """{"text":"a","url":"https://x/a.csv"}""")));
    }

    [Fact]
    public void Validate_ImportWithUnknownDelimiterOrType_IsConfigInvalid()
    {
        Assert.Equal(
            [(FindingCodes.NodeConfigInvalid, "$.nodes[1].data.delimiter"), (FindingCodes.NodeConfigInvalid, "$.nodes[1].data.columns[0].type")],
            Errors(Validate(import: """{"text":"a","delimiter":":","columns":[{"type":"date"}]}""")));
    }

    [Fact]
    public void Validate_ImportDeclaringAnIdTwice_IsAColumnIdError()
    {
        Assert.Equal(
            [(FindingCodes.TableColumnId, "$.nodes[1].data.columns[1].id")],
            Errors(Validate(import: """{"text":"a","columns":[{"id":"a"},{"id":"a"}]}""")));
    }

    [Fact]
    public void Validate_MapRowsCallData_IsCheckedAgainstTheCallTypesSchema()
    {
        // Act
        var report = Validate(map: """{"table":"{{ csv.result }}","column":"x","call":{"type":"http-node","data":{"method":"FETCH"}}}""");

        // Assert
        Assert.Equal(
            [(FindingCodes.NodeConfigMissing, "$.nodes[2].data.call.data.url"), (FindingCodes.NodeConfigInvalid, "$.nodes[2].data.call.data.method")],
            Errors(report));
    }

    [Fact]
    public void Validate_MapRowsWithoutColumnOrWithABadCallType_IsConfigError()
    {
        Assert.Equal(
            [(FindingCodes.NodeConfigMissing, "$.nodes[2].data.column"), (FindingCodes.NodeConfigInvalid, "$.nodes[2].data.call.type")],
            Errors(Validate(map: """{"table":"{{ csv.result }}","call":{"type":"workflow-node","data":{}}}""")));
    }

    [Fact]
    public void Validate_MapRowsColumnIdWithASpace_IsAColumnIdError()
    {
        Assert.Equal(
            [(FindingCodes.TableColumnId, "$.nodes[2].data.column")],
            Errors(Validate(
                map: """{"table":"{{ csv.result }}","column":"the score","call":{"type":"http-node","data":{"url":"https://x/{{ row.name }}"}}}""")));
    }

    [Fact]
    public void Validate_TableThatIsNotOnePlaceholder_IsATableSourceError()
    {
        Assert.Equal(
            [(FindingCodes.TableSource, "$.nodes[3].data.table")],
            Errors(Validate(filter: """{"table":"{{ m.result }} ","condition":{"left":"{{ row.score }}","operator":">","right":"1"}}""")));
    }

    [Fact]
    public void Validate_TableFromADownstreamNode_IsNotUpstream()
    {
        Assert.Equal(
            [(FindingCodes.TemplateNodeNotUpstream, "$.nodes[2].data.table")],
            Errors(Validate(map: """{"table":"{{ f.result }}","column":"x","call":{"type":"http-node","data":{"url":"https://x"}}}""")));
    }

    [Fact]
    public void Validate_RowOutsideARowTemplate_IsAnError()
    {
        // Arrange: 'table' is not a row template, even on a map-rows node.
        var report = Validate(map: """{"table":"{{ row.x }}","column":"x","call":{"type":"http-node","data":{"url":"https://x"}}}""");

        // Assert
        Assert.Contains((FindingCodes.TemplateRowOutsideRows, "$.nodes[2].data.table"), Errors(report));
    }

    [Fact]
    public void Validate_FilterConditionWithUnknownOperator_IsConfigInvalid()
    {
        Assert.Equal(
            [(FindingCodes.NodeConfigInvalid, "$.nodes[3].data.condition.operator")],
            Errors(Validate(filter: """{"table":"{{ m.result }}","condition":{"left":"{{ row.score }}","operator":"~","right":"1"}}""")));
    }
}
