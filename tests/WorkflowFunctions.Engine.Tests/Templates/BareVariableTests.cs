using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Conditions;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Engine.Templates;
using WorkflowFunctions.Engine.Validation;

namespace WorkflowFunctions.Engine.Tests.Templates;

public class BareVariableTests
{
    private const string Fields = """[{"id":"region","type":"text"},{"id":"min_score","type":"number","default_value":0.7}]""";

    private static WorkflowDefinition Definition(string message, string fields = Fields) =>
        WorkflowDefinition.Parse(
            """{"start_node":"t","nodes":[{"id":"t","type":"trigger-node","data":{"input_fields":""" + fields + ""","next_nodes":["a"]}},"""
            + """{"id":"a","type":"basic-node","data":{"messages":[{"role":"user","message":""" + System.Text.Json.JsonSerializer.Serialize(message)
            + """}],"next_nodes":["o"]}},{"id":"o","type":"output-node","data":{}}]}""");

    private static TemplateScope Scope(string input, IReadOnlySet<string> variables, params (string Id, string Content)[] nodes) =>
        new(
            JsonNode.Parse(input),
            nodes.ToDictionary(n => n.Id, n => (JsonNode?)TemplateScope.NodeRecord(new JsonObject { ["content"] = n.Content }), StringComparer.Ordinal))
        {
            Variables = variables,
        };

    [Fact]
    public void Of_DeclaredInputFields_AreVariables()
    {
        Assert.Equal(["min_score", "region"], TemplateVariables.Of(Definition("x")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Of_FieldWithANodesId_IsNotAVariable()
    {
        // Arrange: a field "a" and a node "a".
        var definition = Definition("x", """[{"id":"a","type":"text"},{"id":"input","type":"text"},{"id":"b","type":"text"}]""");

        // Act & Assert
        Assert.Equal(["b"], TemplateVariables.Of(definition));
    }

    [Theory]
    [InlineData("{{region}}", "US")]
    [InlineData("{{ region }} / {{ input.region }}", "US / US")]
    [InlineData("{{ profile.name }}", "Ann")]
    [InlineData("{{ tags[1] }}", "y")]
    [InlineData("{{ absent }}", "")]
    public void Render_BareVariable_ReadsTheInputField(string template, string expected)
    {
        // Arrange
        var scope = Scope("""{"region":"US","profile":{"name":"Ann"},"tags":["x","y"]}""", new HashSet<string>(["region", "profile", "tags", "absent"]));

        // Act & Assert
        Assert.Equal(expected, Template.Parse(template).Render(scope));
    }

    [Fact]
    public void Render_RootThatIsNeitherVariableNorFinishedNode_IsEmpty()
    {
        Assert.Equal(string.Empty, Template.Parse("{{ region }}").Render(Scope("""{"region":"US"}""", new HashSet<string>())));
    }

    [Fact]
    public void Render_NodeIdEqualToAVariable_ReadsTheNode()
    {
        // Arrange: a malformed variable set naming a finished node still loses to the node.
        var scope = Scope("""{"a":"from input"}""", new HashSet<string>(["a"]), ("a", "from node"));

        // Act & Assert
        Assert.Equal("from node", Template.Parse("{{ a.result.content }}").Render(scope));
    }

    [Fact]
    public void Evaluate_ConditionWithBareVariables_ComparesTheInputs()
    {
        // Arrange
        Assert.True(Condition.TryParse(JsonNode.Parse("""{"left":"{{ score }}","operator":">=","right":"{{ min_score }}"}"""), out var condition, out _));
        var variables = new HashSet<string>(["score", "min_score"]);

        // Act & Assert
        Assert.True(condition.Evaluate(Scope("""{"score":0.8,"min_score":0.7}""", variables)));
        Assert.False(condition.Evaluate(Scope("""{"score":0.6,"min_score":0.7}""", variables)));
    }

    [Fact]
    public void RenderNode_JsonBodyWithBareVariable_KeepsTheValuesType()
    {
        // Arrange
        Assert.True(JsonTemplate.TryParse("""{"n":"{{ min_score }}","r":{{ region }}}""", out var body, out _));

        // Act
        var rendered = body.Render(Scope("""{"min_score":0.7,"region":"US"}""", new HashSet<string>(["min_score", "region"])));

        // Assert
        Assert.Equal("""{"n":0.7,"r":"US"}""", rendered);
    }

    [Fact]
    public void Validate_BareVariables_AreNotUnknownNodes()
    {
        // Act
        var report = WorkflowValidator.Default.Validate(Definition("Sales in {{region}} above {{ min_score }}"));

        // Assert
        Assert.DoesNotContain(report.Findings, f => f.Code == FindingCodes.TemplateUnknownNode);
        Assert.False(report.HasErrors);
    }

    [Fact]
    public void Validate_UndeclaredRoot_IsStillAnUnknownNode()
    {
        // Act
        var finding = Assert.Single(WorkflowValidator.Default.Validate(Definition("{{ regoin }}")).Findings, f => f.Code == FindingCodes.TemplateUnknownNode);

        // Assert
        Assert.Contains("'regoin'", finding.Message, StringComparison.Ordinal);
        Assert.Equal("$.nodes[1].data.messages[0].message", finding.Path);
    }

    [Fact]
    public void Validate_NodeIdEqualToAFieldId_IsTheNodeAndMustBeUpstream()
    {
        // Arrange: field "late" and node "late", which runs after "a": {{ late }} in "a" means the node, not the field.
        var definition = WorkflowDefinition.Parse("""
            {"start_node":"t","nodes":[
              {"id":"t","type":"trigger-node","data":{"input_fields":[{"id":"late","type":"text"}],"next_nodes":["a"]}},
              {"id":"a","type":"basic-node","data":{"messages":[{"role":"user","message":"{{ late }}"}],"next_nodes":["late"]}},
              {"id":"late","type":"output-node","data":{}}]}
            """);

        // Act & Assert
        Assert.Single(WorkflowValidator.Default.Validate(definition).Findings, f => f.Code == FindingCodes.TemplateNodeNotUpstream);
    }
}
