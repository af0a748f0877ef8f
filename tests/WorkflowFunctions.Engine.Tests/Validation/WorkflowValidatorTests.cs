using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Engine.Tests.Fixtures;
using WorkflowFunctions.Engine.Validation;

namespace WorkflowFunctions.Engine.Tests.Validation;

public class WorkflowValidatorTests
{
    private static ValidationReport Validate(string json) => WorkflowValidator.Default.Validate(WorkflowDefinition.Parse(json));

    /// <summary>A valid trigger -> llm -> output chain; <paramref name="mutate"/> breaks one thing.</summary>
    private static ValidationReport ValidateChain(Action<JsonObject> mutate)
    {
        var json = JsonNode.Parse("""
            {"start_node":"t","nodes":[
              {"id":"t","type":"trigger-node","data":{"input_fields":[{"id":"q","type":"text"}]}},
              {"id":"llm","type":"basic-node","data":{"messages":[{"role":"user","message":"{{ input.q }}"}]}},
              {"id":"out","type":"output-node","data":{"output":"{{ llm.result.content }}"}}
            ],"edges":[{"id":"e1","source":"t","target":"llm"},{"id":"e2","source":"llm","target":"out"}]}
            """)!.AsObject();
        mutate(json);
        return WorkflowValidator.Default.Validate(WorkflowDefinition.FromJson(json));
    }

    private static JsonObject NodeData(JsonObject json, int index) => json["nodes"]![index]!["data"]!.AsObject();

    private static ValidationFinding Single(ValidationReport report, string code) =>
        Assert.Single(report.Findings, f => f.Code == code);

    [Fact]
    public void Validate_Reference003Example_OnlyWarnsItHasNoOutputNode()
    {
        var report = WorkflowValidator.Default.Validate(WorkflowDefinition.Parse(FixtureFiles.Reference003Data()));

        Assert.Equal([(FindingCodes.NoOutputNode, FindingSeverity.Warning)], report.Findings.Select(f => (f.Code, f.Severity)));
    }

    [Fact]
    public void Validate_ValidChain_HasNoFindings()
    {
        Assert.Empty(ValidateChain(_ => { }).Findings);
    }

    [Fact]
    public void Validate_MissingStartNode_IsError()
    {
        var finding = Single(ValidateChain(j => j.Remove("start_node")), FindingCodes.StartNodeMissing);

        Assert.Equal("$.start_node", finding.Path);
        Assert.Equal(FindingSeverity.Error, finding.Severity);
    }

    [Fact]
    public void Validate_UnknownStartNode_IsError()
    {
        Single(ValidateChain(j => j["start_node"] = "ghost"), FindingCodes.StartNodeUnknown);
    }

    [Fact]
    public void Validate_DuplicateNodeId_NamesTheSecondOccurrence()
    {
        var finding = Single(
            ValidateChain(j => j["nodes"]!.AsArray().Add(JsonNode.Parse("""{"id":"llm","type":"output-node","data":{}}"""))),
            FindingCodes.NodeDuplicateId);

        Assert.Equal("llm", finding.NodeId);
        Assert.Equal("$.nodes[3].id", finding.Path);
    }

    [Fact]
    public void Validate_EdgeToUnknownNode_IsError()
    {
        var finding = Single(
            ValidateChain(j => j["edges"]!.AsArray().Add(JsonNode.Parse("""{"source":"llm","target":"ghost"}"""))),
            FindingCodes.EdgeUnknownTarget);

        Assert.Equal("$.edges[2].target", finding.Path);
    }

    [Fact]
    public void Validate_Cycle_ReportsTheLoopOnce()
    {
        var finding = Single(ValidateChain(j => j["edges"]!.AsArray().Add(JsonNode.Parse("""{"source":"out","target":"llm"}"""))), FindingCodes.Cycle);

        Assert.Contains("llm -> out", finding.Message, StringComparison.Ordinal);
        Assert.Equal("llm", finding.NodeId);
    }

    [Fact]
    public void Validate_SelfLoop_IsACycle()
    {
        Single(ValidateChain(j => j["edges"]!.AsArray().Add(JsonNode.Parse("""{"source":"llm","target":"llm"}"""))), FindingCodes.Cycle);
    }

    [Fact]
    public void Validate_UnknownNodeType_ListsKnownTypes()
    {
        var finding = Single(ValidateChain(j => j["nodes"]![1]!["type"] = "magic-node"), FindingCodes.NodeUnknownType);

        Assert.Equal("$.nodes[1].type", finding.Path);
        Assert.Contains("basic-node", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingRequiredConfig_IsConfigMissingWithPath()
    {
        var finding = Single(ValidateChain(j => NodeData(j, 1).Remove("messages")), FindingCodes.NodeConfigMissing);

        Assert.Equal("$.nodes[1].data.messages", finding.Path);
        Assert.Equal("llm", finding.NodeId);
    }

    [Theory]
    [InlineData("""{"temperature": 3}""", "$.nodes[1].data.settings.temperature", "at most 2")]
    [InlineData("""{"max_tokens": "many"}""", "$.nodes[1].data.settings.max_tokens", "must be an integer")]
    [InlineData("""{"response_format": "xml"}""", "$.nodes[1].data.settings.response_format", "one of")]
    public void Validate_IllTypedConfig_IsConfigInvalidWithPath(string settings, string path, string message)
    {
        var finding = Single(ValidateChain(j => NodeData(j, 1)["settings"] = JsonNode.Parse(settings)), FindingCodes.NodeConfigInvalid);

        Assert.Equal(path, finding.Path);
        Assert.Contains(message, finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_IfElseWithoutFalseBranch_IsError()
    {
        var report = Validate("""
            {"start_node":"t","nodes":[
              {"id":"t","type":"trigger-node","data":{}},
              {"id":"i","type":"if-else-node","data":{"condition":{"left":"a","operator":"==","right":"b"}}},
              {"id":"o","type":"output-node","data":{}}
            ],"edges":[{"source":"t","target":"i"},{"source":"i","target":"o","sourceHandle":"condition-true"}]}
            """);

        var finding = Single(report, FindingCodes.IfElseMissingBranch);
        Assert.Equal("i", finding.NodeId);
        Assert.Contains("FALSE", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_IfElseUnknownOperator_IsSpecificError()
    {
        var report = Validate("""
            {"start_node":"i","nodes":[
              {"id":"i","type":"if-else-node","data":{"condition":{"left":"a","operator":"=~","right":"b"},"true_node":"o","false_node":"o"}},
              {"id":"o","type":"output-node","data":{}}
            ]}
            """);

        var finding = Single(report, FindingCodes.IfElseUnknownOperator);
        Assert.Equal("$.nodes[0].data.condition.operator", finding.Path);
        Assert.DoesNotContain(report.Findings, f => f.Code == FindingCodes.NodeConfigInvalid);
    }

    [Fact]
    public void Validate_IfElseWithoutOperator_IsUnknownOperatorNotConfigMissing()
    {
        var report = Validate("""
            {"start_node":"i","nodes":[
              {"id":"i","type":"if-else-node","data":{"condition":{"left":"a","right":"b"},"true_node":"o","false_node":"o"}},
              {"id":"o","type":"output-node","data":{}}
            ]}
            """);

        Assert.Contains("no condition operator", Single(report, FindingCodes.IfElseUnknownOperator).Message, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Findings, f => f.Code == FindingCodes.NodeConfigMissing);
    }

    [Fact]
    public void Validate_NodeDataNotAnObject_IsConfigInvalidOnData()
    {
        var finding = Single(ValidateChain(j => j["nodes"]![1]!["data"] = "hello"), FindingCodes.NodeConfigInvalid);

        Assert.Equal("$.nodes[1].data", finding.Path);
        Assert.Contains("must be an object", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NodeWithoutType_IsUnknownType()
    {
        var finding = Single(ValidateChain(j => j["nodes"]![1]!.AsObject().Remove("type")), FindingCodes.NodeUnknownType);

        Assert.Contains("has no 'type'", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_HttpTimeoutAboveItsLimit_IsConfigInvalid()
    {
        var report = ValidateChain(j => j["nodes"]![1] = JsonNode.Parse(
            """{"id":"llm","type":"http-node","data":{"url":"https://example.com","timeout_seconds":301}}"""));

        Assert.Equal("$.nodes[1].data.timeout_seconds", Single(report, FindingCodes.NodeConfigInvalid).Path);
    }

    [Fact]
    public void Validate_TemplateSyntaxError_IsReportedWithPath()
    {
        var finding = Single(ValidateChain(j => NodeData(j, 2)["output"] = "{{ llm.result.content"), FindingCodes.TemplateSyntax);

        Assert.Equal("$.nodes[2].data.output", finding.Path);
    }

    [Fact]
    public void Validate_TemplateReferencingUnknownNode_IsError()
    {
        var finding = Single(ValidateChain(j => NodeData(j, 2)["output"] = "{{ 9f1c-ghost.result.content }}"), FindingCodes.TemplateUnknownNode);

        Assert.Contains("9f1c-ghost", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TemplateReferencingDownstreamNode_IsNotUpstreamError()
    {
        var finding = Single(
            ValidateChain(j => NodeData(j, 1)["messages"]![0]!["message"] = "{{ out.result.content }}"),
            FindingCodes.TemplateNodeNotUpstream);

        Assert.Equal("$.nodes[1].data.messages[0].message", finding.Path);
        Assert.Equal("llm", finding.NodeId);
    }

    [Fact]
    public void Validate_TemplateReferencingParallelBranch_IsNotUpstreamError()
    {
        var report = Validate("""
            {"start_node":"t","nodes":[
              {"id":"t","type":"trigger-node","data":{}},
              {"id":"a","type":"basic-node","data":{"messages":[{"role":"user","message":"x"}]}},
              {"id":"b","type":"basic-node","data":{"messages":[{"role":"user","message":"{{ a.result.content }}"}]}},
              {"id":"o","type":"output-node","data":{}}
            ],"edges":[{"source":"t","target":"a"},{"source":"t","target":"b"},{"source":"a","target":"o"},{"source":"b","target":"o"}]}
            """);

        Assert.Equal("b", Single(report, FindingCodes.TemplateNodeNotUpstream).NodeId);
    }

    [Fact]
    public void Validate_TemplateReferencingNodeOnOneBranchOnly_IsUpstream()
    {
        // "yes" runs on one branch only; the join after both branches may still read it (empty when skipped).
        var report = Validate("""
            {"start_node":"t","nodes":[
              {"id":"t","type":"trigger-node","data":{}},
              {"id":"i","type":"if-else-node","data":{"condition":{"left":"{{ input.x }}","operator":"is_empty"}}},
              {"id":"yes","type":"basic-node","data":{"messages":[{"role":"user","message":"y"}]}},
              {"id":"no","type":"basic-node","data":{"messages":[{"role":"user","message":"n"}]}},
              {"id":"o","type":"output-node","data":{"output":"{{ yes.result.content }}{{ no.result.content }}"}}
            ],"edges":[{"source":"t","target":"i"},{"source":"i","target":"yes","sourceHandle":"condition-true"},
              {"source":"i","target":"no","sourceHandle":"condition-false"},{"source":"yes","target":"o"},{"source":"no","target":"o"}]}
            """);

        Assert.Empty(report.Findings);
    }

    [Fact]
    public void Validate_TemplateReferencingItsOwnNode_IsNotUpstream()
    {
        var finding = Single(ValidateChain(j => NodeData(j, 1)["messages"]![0]!["message"] = "{{ llm.result.content }}"), FindingCodes.TemplateNodeNotUpstream);

        Assert.Equal("llm", finding.NodeId);
    }

    [Fact]
    public void Validate_ThousandNodeChainReferencingTheTrigger_HasNoFindings()
    {
        // Arrange: t -> n0 -> ... -> n999 -> out, every node reading the trigger and its predecessor.
        var nodes = new JsonArray(JsonNode.Parse("""{"id":"t","type":"trigger-node","data":{}}"""));
        var edges = new JsonArray();
        var previous = "t";
        for (var i = 0; i < 1000; i++)
        {
            var id = $"n{i}";
            nodes.Add(JsonNode.Parse(
                $$$"""{"id":"{{{id}}}","type":"basic-node","data":{"messages":["""
                    + $$$"""{"role":"user","message":"{{ t.result.content }} {{ {{{previous}}}.result.content }}"}]}}"""));
            edges.Add(JsonNode.Parse($$$"""{"source":"{{{previous}}}","target":"{{{id}}}"}"""));
            previous = id;
        }

        nodes.Add(JsonNode.Parse("""{"id":"out","type":"output-node","data":{}}"""));
        edges.Add(JsonNode.Parse($$$"""{"source":"{{{previous}}}","target":"out"}"""));
        var definition = WorkflowDefinition.FromJson(new JsonObject { ["start_node"] = "t", ["nodes"] = nodes, ["edges"] = edges });

        // Act
        var report = WorkflowValidator.Default.Validate(definition);

        // Assert
        Assert.Empty(report.Findings);
    }

    [Theory]
    [InlineData("""[{"id":"a","type":"text"},{"id":"a","type":"number"}]""", FindingCodes.InputFieldDuplicateId, "$.nodes[0].data.input_fields[1].id")]
    [InlineData("""[{"id":"a","type":"date"}]""", FindingCodes.InputFieldUnknownType, "$.nodes[0].data.input_fields[0].type")]
    [InlineData("""[{"id":"a","type":"select","options":[]}]""", FindingCodes.InputFieldNoOptions, "$.nodes[0].data.input_fields[0].options")]
    [InlineData("""[{"id":"a","type":"number","default_value":"lots"}]""", FindingCodes.InputFieldBadDefault, "$.nodes[0].data.input_fields[0].default_value")]
    [InlineData("""[{"title":"no id","type":"text"}]""", FindingCodes.InputFieldMissingId, "$.nodes[0].data.input_fields[0].id")]
    public void Validate_BadInputFields_AreReported(string fields, string code, string path)
    {
        var finding = Single(ValidateChain(j => NodeData(j, 0)["input_fields"] = JsonNode.Parse(fields)), code);

        Assert.Equal(path, finding.Path);
        Assert.Equal("t", finding.NodeId);
    }

    [Fact]
    public void Validate_UnreachableNode_IsWarning()
    {
        var finding = Single(
            ValidateChain(j => j["nodes"]!.AsArray().Add(JsonNode.Parse("""{"id":"lonely","type":"output-node","data":{}}"""))),
            FindingCodes.NodeUnreachable);

        Assert.Equal(FindingSeverity.Warning, finding.Severity);
        Assert.Equal("lonely", finding.NodeId);
    }

    [Fact]
    public void Validate_NoOutputNode_IsWarning()
    {
        var report = ValidateChain(j =>
        {
            j["nodes"]!.AsArray().RemoveAt(2);
            j["edges"]!.AsArray().RemoveAt(1);
        });

        Assert.Equal(FindingSeverity.Warning, Single(report, FindingCodes.NoOutputNode).Severity);
        Assert.False(report.HasErrors);
    }

    [Fact]
    public void Validate_ManyProblems_ReportsEveryOne()
    {
        var report = Validate("""
            {"start_node":"ghost","nodes":[
              {"id":"a","type":"magic-node","data":{}},
              {"id":"a","type":"basic-node","data":{}},
              {"id":"h","type":"http-node","data":{"url":"{{ zzz.result.content }}","timeout_seconds":0}}
            ],"edges":[{"source":"a","target":"nowhere"},{"source":"h","target":"h"}]}
            """);

        Assert.Equal(
            [
                FindingCodes.StartNodeUnknown, FindingCodes.NodeDuplicateId, FindingCodes.EdgeUnknownTarget, FindingCodes.NodeUnknownType,
                FindingCodes.NodeConfigMissing, FindingCodes.NodeConfigInvalid, FindingCodes.Cycle, FindingCodes.TemplateUnknownNode,
                FindingCodes.NoOutputNode,
            ],
            report.Findings.Select(f => f.Code));
    }

    [Fact]
    public void Validate_EmptyDraft_ReportsMissingStartNodeWithoutThrowing()
    {
        var report = Validate("{}");

        Assert.Equal([FindingCodes.StartNodeMissing], report.Findings.Select(f => f.Code));
    }
}
