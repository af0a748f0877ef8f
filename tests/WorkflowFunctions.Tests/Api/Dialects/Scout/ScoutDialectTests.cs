using System.Text.Json;
using WorkflowFunctions.Api.Dialects.Scout;
using WorkflowFunctions.Engine.Validation;
using WorkflowFunctions.Outcomes;

namespace WorkflowFunctions.Tests.Api.Dialects.Scout;

/// <summary>Failures in FastAPI's shapes: 422 with every problem's <c>loc</c>, <c>msg</c> and <c>type</c>, <c>{"detail"}</c> for the rest.</summary>
public class ScoutDialectTests
{
    [Theory]
    [InlineData(FailureKind.BadRequest, 422)]
    [InlineData(FailureKind.InvalidDefinition, 422)]
    [InlineData(FailureKind.InvalidInput, 422)]
    [InlineData(FailureKind.Unauthorized, 401)]
    [InlineData(FailureKind.Forbidden, 403)]
    [InlineData(FailureKind.NotFound, 404)]
    [InlineData(FailureKind.TooLarge, 413)]
    [InlineData(FailureKind.RateLimited, 429)]
    public void StatusOf_FailureKind_FastApisCode(FailureKind kind, int status) => Assert.Equal(status, ScoutDialect.StatusOf(kind));

    [Fact]
    public void StatusOf_EveryFailureKind_HasACode() => Assert.All(Enum.GetValues<FailureKind>(), k => Assert.InRange(ScoutDialect.StatusOf(k), 400, 599));

    [Fact]
    public void Render_FieldErrors_OneProblemEachWithItsLocationAndType()
    {
        var failure = Failure.BadRequest(
            "x", new FieldError("body.workflow_config", "Field required") { Code = "missing" }, new FieldError("query.environment", "bad"));

        var response = ScoutDialect.Instance.Render(failure);

        Assert.Equal(422, response.Status);
        Assert.Equal(
            """{"detail":[{"loc":["body","workflow_config"],"msg":"Field required","type":"missing"},"""
                + """{"loc":["query","environment"],"msg":"bad","type":"value_error"}]}""",
            Serialize(response.Body!));
    }

    [Fact]
    public void Render_InvalidDefinitionAndInput_ProblemsUnderTheConfigAndTheInputs()
    {
        var definition = Failure.InvalidDefinition(new ValidationReport([ValidationFinding.Error("start_node.missing", "No start node.", "$.start_node")]));
        var input = new Failure(FailureKind.InvalidInput, "bad input")
        {
            InputIssues = [new InputIssue(null, "name", "input.required", "'name' is required.", "$.name")],
        };

        Assert.Equal(
            """{"detail":[{"loc":["body","workflow_config","$.start_node"],"msg":"No start node.","type":"start_node.missing"}]}""",
            Serialize(ScoutDialect.Instance.Render(definition).Body!));
        Assert.Equal(
            """{"detail":[{"loc":["body","inputs","name"],"msg":"'name' is required.","type":"input.required"}]}""",
            Serialize(ScoutDialect.Instance.Render(input).Body!));
    }

    [Fact]
    public void Render_NotFoundAndUnauthorized_DetailTextAndABearerChallenge()
    {
        var workflow = ScoutDialect.Instance.Render(Failure.NotFound("Workflow", "wf_1"));
        var version = ScoutDialect.Instance.Render(Failure.NotFound("Workflow version", "wf_1@3"));
        var unauthorized = ScoutDialect.Instance.Render(Failure.Unauthorized("Not authenticated"));

        Assert.Equal("""{"detail":"Workflow not found"}""", Serialize(workflow.Body!));
        Assert.Equal("""{"detail":"Revision not found"}""", Serialize(version.Body!));
        Assert.Equal((401, "Bearer"), (unauthorized.Status, unauthorized.Headers!["WWW-Authenticate"]));
    }

    [Fact]
    public void ExecuteBody_AllProblems_ReportedAtOnce()
    {
        var json = JsonDocument.Parse("""{"workflow_config": 1, "workflow_key": 2, "inputs": [], "streaming": "no"}""").RootElement;

        var read = ScoutExecuteBody.Read(new Outcome<JsonElement?>(json), withConfig: true, streamingByDefault: false);

        Assert.Equal(
            ["body.workflow_config:dict_type", "body.inputs:dict_type", "body.workflow_key:string_type", "body.streaming:bool_type"],
            read.Failure!.FieldErrors.Select(e => e.Field + ":" + e.Code));
    }

    [Fact]
    public void ExecuteBody_SavedWorkflowWithoutBody_StreamsByDefault()
    {
        var read = ScoutExecuteBody.Read(new Outcome<JsonElement?>((JsonElement?)null), withConfig: false, streamingByDefault: true);

        Assert.True(read.Value.Streaming);
        Assert.Null(read.Value.Inputs);
    }

    private static string Serialize(object body) => JsonSerializer.Serialize(body, body.GetType(), ScoutDialect.JsonOptions);
}
