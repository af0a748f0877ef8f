using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Engine.Validation;

namespace WorkflowFunctions.Engine.Tests.Validation;

/// <summary>
/// One small definition per definition finding code, each producing that code once with its node and path.
/// <see cref="Cases_CoverEveryDefinitionCode"/> fails when a code is added without a case here.
/// </summary>
public class FindingCodeTests
{
    // A trigger "t" leading to an output "o": valid on its own, so each case adds exactly one problem.
    private const string T = """{"id":"t","type":"trigger-node","data":{}}""";
    private const string O = """{"id":"o","type":"output-node","data":{}}""";
    private const string TtoO = """{"source":"t","target":"o"}""";

    private const string ThroughC = """{"source":"t","target":"c"},{"source":"c","target":"o"}""";

    private static string Doc(string nodes, string edges = TtoO, string start = "\"t\"") =>
        $$$"""{"start_node":{{{start}}},"nodes":[{{{nodes}}}],"edges":[{{{edges}}}]}""";

    private static string Llm(string id, string message) =>
        $$$"""{"id":"{{{id}}}","type":"basic-node","data":{"messages":[{"role":"user","message":"{{{message}}}"}]}}""";

    private static string Trigger(string fields) => $$$"""{"id":"t","type":"trigger-node","data":{"input_fields":{{{fields}}}}}""";

    private static string IfElse(string condition) => $$$"""{"id":"i","type":"if-else-node","data":{"condition":{{{condition}}}}}""";

    private const string Branches =
        """{"source":"t","target":"i"},{"source":"i","target":"o","sourceHandle":"condition-true"},"""
            + """{"source":"i","target":"o","sourceHandle":"condition-false"}""";

    public static TheoryData<string, string, string?, string, FindingSeverity> Cases() => new()
    {
        { FindingCodes.DefinitionNotObject, "[]", null, "$", FindingSeverity.Error },
        { FindingCodes.NodesNotArray, """{"start_node":"t","nodes":{}}""", null, "$.nodes", FindingSeverity.Error },
        { FindingCodes.EdgesNotArray, $$$"""{"start_node":"t","nodes":[{{{T}}},{{{O}}}],"edges":{}}""", null, "$.edges", FindingSeverity.Error },
        { FindingCodes.NodeNotObject, Doc($"{T},{O},42"), null, "$.nodes[2]", FindingSeverity.Error },
        { FindingCodes.NodeMissingId, Doc($$$"""{{{T}}},{{{O}}},{"type":"output-node"}"""), null, "$.nodes[2].id", FindingSeverity.Error },
        { FindingCodes.EdgeNotObject, Doc($"{T},{O}", $"{TtoO},\"t->o\""), null, "$.edges[1]", FindingSeverity.Error },
        { FindingCodes.StartNodeMissing, Doc($"{T},{O}", start: "null"), null, "$.start_node", FindingSeverity.Error },
        { FindingCodes.StartNodeUnknown, Doc($"{T},{O}", start: "\"ghost\""), null, "$.start_node", FindingSeverity.Error },
        { FindingCodes.StartNodeNotTrigger, Doc(O, edges: string.Empty, start: "\"o\""), "o", "$.start_node", FindingSeverity.Warning },
        { FindingCodes.MultipleTriggers, Doc(
                $$$"""{{{T}}},{{{O}}},{"id":"t2","type":"trigger-node","data":{}}""",
                $$$"""{{{TtoO}}},{"source":"t2","target":"o"}"""),
            "t2", "$.nodes[2]", FindingSeverity.Warning },
        { FindingCodes.NodeDuplicateId, Doc($"{T},{O},{O}"), "o", "$.nodes[2].id", FindingSeverity.Error },
        { FindingCodes.EdgeUnknownSource, Doc($"{T},{O}", $$$"""{{{TtoO}}},{"source":"ghost","target":"o"}"""),
            null, "$.edges[1].source", FindingSeverity.Error },
        { FindingCodes.EdgeUnknownTarget, Doc($"{T},{O}", $$$"""{{{TtoO}}},{"source":"t","target":"ghost"}"""),
            "t", "$.edges[1].target", FindingSeverity.Error },
        { FindingCodes.NextNodeUnknown, Doc("""{"id":"t","type":"trigger-node","data":{"next_nodes":["o","ghost"]}},""" + O, edges: string.Empty),
            "t", "$.nodes[0].data.next_nodes[1]", FindingSeverity.Error },
        { FindingCodes.FlowMismatch, Doc("""{"id":"t","type":"trigger-node","data":{"next_nodes":["elsewhere"]}},""" + O),
            "t", "$.nodes[0].data.next_nodes", FindingSeverity.Warning },
        { FindingCodes.IfElseBranchOnNonBranching, Doc($"{T},{O}", """{"source":"t","target":"o","sourceHandle":"condition-true"}"""),
            "t", "$.edges[0]", FindingSeverity.Warning },
        { FindingCodes.Cycle, Doc(
                $"{T},{Llm("a", "x")},{Llm("b", "y")},{O}",
                $$$"""{"source":"t","target":"a"},{"source":"a","target":"b"},{"source":"b","target":"a"},{"source":"b","target":"o"}"""),
            "a", "$.nodes[1]", FindingSeverity.Error },
        { FindingCodes.NodeUnknownType, Doc($$$"""{{{T}}},{"id":"o","type":"magic-node","data":{}}"""), "o", "$.nodes[1].type", FindingSeverity.Error },
        { FindingCodes.NodeConfigMissing, Doc(
                $$$"""{{{T}}},{"id":"h","type":"http-node","data":{}},{{{O}}}""",
                $$$"""{{{TtoO}}},{"source":"t","target":"h"}"""),
            "h", "$.nodes[1].data.url", FindingSeverity.Error },
        { FindingCodes.NodeConfigInvalid, Doc(T + "," + """{"id":"o","type":"output-node","data":{"retry":{"max_attempts":11}}}"""),
            "o", "$.nodes[1].data.retry.max_attempts", FindingSeverity.Error },
        { FindingCodes.IfElseMissingBranch, Doc(
                $"{T},{IfElse("""{"left":"a","operator":"==","right":"b"}""")},{O}",
                """{"source":"t","target":"i"},{"source":"i","target":"o","sourceHandle":"condition-true"}"""),
            "i", "$.nodes[1]", FindingSeverity.Error },
        { FindingCodes.IfElseUnknownOperator, Doc($"{T},{IfElse("""{"left":"a","operator":"=~","right":"b"}""")},{O}", Branches),
            "i", "$.nodes[1].data.condition.operator", FindingSeverity.Error },
        { FindingCodes.TemplateSyntax, Doc($"{T},{Llm("a", "{{ input.q")},{O}", $$$"""{"source":"t","target":"a"},{"source":"a","target":"o"}"""),
            "a", "$.nodes[1].data.messages[0].message", FindingSeverity.Error },
        { FindingCodes.TemplateUnknownNode, Doc(
                $"{T},{Llm("a", "{{ ghost.result.content }}")},{O}",
                $$$"""{"source":"t","target":"a"},{"source":"a","target":"o"}"""),
            "a", "$.nodes[1].data.messages[0].message", FindingSeverity.Error },
        { FindingCodes.TemplateNodeNotUpstream, Doc(
                $"{T},{Llm("a", "{{ o.result.content }}")},{O}",
                $$$"""{"source":"t","target":"a"},{"source":"a","target":"o"}"""),
            "a", "$.nodes[1].data.messages[0].message", FindingSeverity.Error },
        { FindingCodes.TemplateRowOutsideRows, Doc($"{T},{Llm("a", "{{ row.name }}")},{O}", $$$"""{"source":"t","target":"a"},{"source":"a","target":"o"}"""),
            "a", "$.nodes[1].data.messages[0].message", FindingSeverity.Error },
        { FindingCodes.ImportCsvSource, Doc(T + """,{"id":"c","type":"import-csv-node","data":{}},""" + O, ThroughC),
            "c", "$.nodes[1].data", FindingSeverity.Error },
        { FindingCodes.TableSource, Doc(
                T + """,{"id":"c","type":"filter-rows-node","data":{"table":"rows","condition":{"left":"a","operator":"==","right":"a"}}},""" + O,
                ThroughC),
            "c", "$.nodes[1].data.table", FindingSeverity.Error },
        { FindingCodes.TableColumnId, Doc(T + """,{"id":"c","type":"import-csv-node","data":{"text":"a","columns":[{"id":"first name"}]}},""" + O, ThroughC),
            "c", "$.nodes[1].data.columns[0].id", FindingSeverity.Error },
        { FindingCodes.InputFieldMissingId, Doc(Trigger("""[{"type":"text"}]""") + "," + O), "t", "$.nodes[0].data.input_fields[0].id", FindingSeverity.Error },
        { FindingCodes.InputFieldDuplicateId, Doc(Trigger("""[{"id":"q","type":"text"},{"id":"q","type":"json"}]""") + "," + O),
            "t", "$.nodes[0].data.input_fields[1].id", FindingSeverity.Error },
        { FindingCodes.InputFieldUnknownType, Doc(Trigger("""[{"id":"q","type":"date"}]""") + "," + O),
            "t", "$.nodes[0].data.input_fields[0].type", FindingSeverity.Error },
        { FindingCodes.InputFieldNoOptions, Doc(Trigger("""[{"id":"q","type":"select","options":[]}]""") + "," + O),
            "t", "$.nodes[0].data.input_fields[0].options", FindingSeverity.Error },
        { FindingCodes.InputFieldBadDefault, Doc(Trigger("""[{"id":"q","type":"boolean","default_value":"maybe"}]""") + "," + O),
            "t", "$.nodes[0].data.input_fields[0].default_value", FindingSeverity.Error },
        { FindingCodes.NodeUnreachable, Doc($"{T},{O},{Llm("lonely", "x")}"), "lonely", "$.nodes[2]", FindingSeverity.Warning },
        { FindingCodes.NoOutputNode, Doc(T, edges: string.Empty), null, "$.nodes", FindingSeverity.Warning },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Validate_DefinitionWithOneProblem_ReportsItsCodeWithNodeAndPath(string code, string json, string? nodeId, string path, FindingSeverity severity)
    {
        // Act
        var report = WorkflowValidator.Default.Validate(WorkflowDefinition.Parse(json));

        // Assert
        var finding = Assert.Single(report.Findings, f => f.Code == code);
        Assert.Equal((nodeId, path, severity), (finding.NodeId, finding.Path, finding.Severity));
        Assert.False(string.IsNullOrWhiteSpace(finding.Message));
    }

    [Fact]
    public void Cases_CoverEveryDefinitionCode()
    {
        // Arrange: input.* codes belong to run input (RunInputValidatorTests), not to definitions; a self-call needs the
        // saved workflow's identity (SelfCallsTests).
        var codes = typeof(FindingCodes).GetFields()
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .Where(c => !c.StartsWith("input.", StringComparison.Ordinal) && c != FindingCodes.WorkflowNodeCallsItself);

        // Act
        var covered = Cases().Select(row => (string)row[0]).ToHashSet(StringComparer.Ordinal);

        // Assert
        Assert.Equal([], codes.Where(c => !covered.Contains(c)).ToArray());
    }
}
