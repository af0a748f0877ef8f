using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Engine.Evaluation;
using WorkflowFunctions.Engine.Templates;
using WorkflowFunctions.Engine.Tests.Fixtures;

namespace WorkflowFunctions.Engine.Tests.Evaluation;

public class PureNodeEvaluatorTests
{
    private static NodeDefinition Node(string type, string dataJson, string id = "n1") =>
        WorkflowDefinition.Parse($$"""{"nodes":[{"id":"{{id}}","type":"{{type}}","data":{{dataJson}}}]}""").Nodes[0];

    private static TemplateScope Scope(string inputJson, params (string Id, string Content)[] nodes) =>
        new(JsonNode.Parse(inputJson), nodes.ToDictionary(n => n.Id, n => (JsonNode?)TemplateScope.NodeRecord(new JsonObject { ["content"] = n.Content })));

    [Theory]
    [InlineData("positive", Branch.True)]
    [InlineData("negative", Branch.False)]
    public void Evaluate_Reference003IfElse_TakesBranchByCategory(string category, Branch expected)
    {
        var definition = WorkflowDefinition.Parse(FixtureFiles.Reference003Data());
        var ifNode = definition.Nodes.Single(n => n.Type == NodeTypes.IfElse);

        var evaluation = PureNodeEvaluator.Evaluate(ifNode, Scope($$"""{"category":"{{category}}"}"""), []);

        Assert.Equal(expected, evaluation.Branch);
        Assert.Equal(expected == Branch.True ? "true" : "false", evaluation.Result["content"]!.GetValue<string>());
        Assert.Equal(category, evaluation.Result["left"]!.GetValue<string>());
    }

    [Fact]
    public void Evaluate_Trigger_ContentIsCompactInput()
    {
        var evaluation = PureNodeEvaluator.Evaluate(Node(NodeTypes.Trigger, "{}"), Scope("""{ "a" : 1 }"""), []);

        Assert.Equal("""{"a":1}""", evaluation.Result["content"]!.GetValue<string>());
        Assert.Equal(1, evaluation.Result["input"]!["a"]!.GetValue<int>());
    }

    [Fact]
    public void Evaluate_TriggerWithRawText_ContentIsTheText()
    {
        var evaluation = PureNodeEvaluator.Evaluate(Node(NodeTypes.Trigger, "{}"), Scope("""{"__raw_input__":"hi there"}"""), []);

        Assert.Equal("hi there", evaluation.Result["content"]!.GetValue<string>());
    }

    [Fact]
    public void Evaluate_OutputWithTemplate_RendersIt()
    {
        var node = Node(NodeTypes.Output, """{"output":"Answer: {{ a.result.content }}"}""");

        var evaluation = PureNodeEvaluator.Evaluate(node, Scope("{}", ("a", "42")), ["a"]);

        Assert.Equal("Answer: 42", evaluation.Result["content"]!.GetValue<string>());
    }

    [Fact]
    public void Evaluate_OutputWithoutTemplate_JoinsFinishedUpstreamContent()
    {
        var evaluation = PureNodeEvaluator.Evaluate(Node(NodeTypes.Output, "{}"), Scope("{}", ("a", "one"), ("b", "two")), ["b", "a", "skipped"]);

        Assert.Equal("two\none", evaluation.Result["content"]!.GetValue<string>());
    }

    [Fact]
    public void Evaluate_IfElseWithUnknownOperator_ThrowsNamingTheNode()
    {
        var node = Node(NodeTypes.IfElse, """{"condition":{"left":"a","operator":"===","right":"a"}}""", "if-1");

        var ex = Assert.Throws<NodeEvaluationException>(() => PureNodeEvaluator.Evaluate(node, Scope("{}"), []));

        Assert.Contains("if-1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("===", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(NodeTypes.Trigger, true)]
    [InlineData(NodeTypes.IfElse, true)]
    [InlineData(NodeTypes.Output, true)]
    [InlineData(NodeTypes.Llm, false)]
    [InlineData(NodeTypes.Http, false)]
    public void IsPure_ByNodeType(string type, bool expected)
    {
        Assert.Equal(expected, PureNodeEvaluator.IsPure(type));
    }

    [Fact]
    public void Evaluate_IfElse_ResultHoldsRenderedSidesAndOperator()
    {
        var node = Node(NodeTypes.IfElse, """{"condition":{"left":"{{ input.n }}","operator":">=","right":"{{ input.min }}"}}""");

        var evaluation = PureNodeEvaluator.Evaluate(node, Scope("""{"n":3,"min":5}"""), []);

        Assert.Equal("""{"content":"false","branch":"false","left":"3","operator":">=","right":"5"}""", TemplateValues.ToCompactJson(evaluation.Result));
    }

    [Fact]
    public void Evaluate_IfElseWithoutCondition_ThrowsNamingTheField()
    {
        var ex = Assert.Throws<NodeEvaluationException>(() => PureNodeEvaluator.Evaluate(Node(NodeTypes.IfElse, "{}", "if-2"), Scope("{}"), []));

        Assert.Contains("'condition' must be an object", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_TriggerWithNullInput_ContentIsEmpty()
    {
        var evaluation = PureNodeEvaluator.Evaluate(Node(NodeTypes.Trigger, "{}"), new TemplateScope(null), []);

        Assert.Equal(string.Empty, evaluation.Result["content"]!.GetValue<string>());
    }

    [Fact]
    public void Evaluate_TriggerWithRawTextAndOtherFields_ContentIsTheJson()
    {
        var evaluation = PureNodeEvaluator.Evaluate(Node(NodeTypes.Trigger, "{}"), Scope("""{"__raw_input__":"t","x":1}"""), []);

        Assert.Equal("""{"__raw_input__":"t","x":1}""", evaluation.Result["content"]!.GetValue<string>());
    }

    [Fact]
    public void Evaluate_OutputWithEmptyTemplate_JoinsFinishedUpstreamContent()
    {
        var evaluation = PureNodeEvaluator.Evaluate(Node(NodeTypes.Output, """{"output":""}"""), Scope("{}", ("a", "one")), ["a"]);

        Assert.Equal("one", evaluation.Result["content"]!.GetValue<string>());
    }

    [Fact]
    public void Evaluate_OutputWithBadTemplate_ThrowsNamingTheNode()
    {
        var node = Node(NodeTypes.Output, """{"output":"{{ a..result }}"}""", "out-1");

        var ex = Assert.Throws<NodeEvaluationException>(() => PureNodeEvaluator.Evaluate(node, Scope("{}"), []));

        Assert.Contains("Output node 'out-1'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_NonPureNode_Throws()
    {
        Assert.Throws<NodeEvaluationException>(() => PureNodeEvaluator.Evaluate(Node(NodeTypes.Llm, "{}"), Scope("{}"), []));
    }

    [Fact]
    public void Evaluate_OutputTemplatePastTheLimit_FailsNamingNodeFieldAndLimit()
    {
        // Arrange
        var node = Node(NodeTypes.Output, """{"output": "{{ input.name }}{{ input.name }}"}""", id: "out");
        var scope = new TemplateScope(new JsonObject { ["name"] = new string('x', 600) }) { MaxRenderedBytes = 1_000 };

        // Act
        var error = Assert.Throws<NodeEvaluationException>(() => PureNodeEvaluator.Evaluate(node, scope, []));

        // Assert
        Assert.Equal("Output node 'out': 'output' renders more than 1,000 bytes, the limit of one template rendering.", error.Message);
    }

    [Fact]
    public void Evaluate_ConditionSidePastTheLimit_FailsNamingNodeAndSide()
    {
        // Arrange
        var node = Node(NodeTypes.IfElse, """{"condition": {"left": "{{ input.name }}", "operator": "==", "right": "x"}}""", id: "check");
        var scope = new TemplateScope(new JsonObject { ["name"] = new string('x', 2_000) }) { MaxRenderedBytes = 1_000 };

        // Act
        var error = Assert.Throws<NodeEvaluationException>(() => PureNodeEvaluator.Evaluate(node, scope, []));

        // Assert
        Assert.Equal("If-else node 'check': condition.left renders more than 1,000 bytes, the limit of one template rendering.", error.Message);
    }

    [Fact]
    public void Evaluate_OutputJoiningUpstreamPastTheLimit_Fails()
    {
        // Arrange
        var node = Node(NodeTypes.Output, "{}", id: "out");
        var scope = Scope("{}", ("a", new string('a', 600)), ("b", new string('b', 600)));
        scope = new TemplateScope(scope.Input, scope.Nodes) { MaxRenderedBytes = 1_000 };

        // Act
        var error = Assert.Throws<NodeEvaluationException>(() => PureNodeEvaluator.Evaluate(node, scope, ["a", "b"]));

        // Assert
        Assert.Equal("Output node 'out': the joined upstream content renders more than 1,000 bytes, the limit of one template rendering.", error.Message);
    }
}
