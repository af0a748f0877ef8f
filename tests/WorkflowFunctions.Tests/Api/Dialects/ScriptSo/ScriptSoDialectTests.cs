using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowFunctions.Api.Dialects.ScriptSo;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Engine.Validation;
using WorkflowFunctions.Outcomes;

namespace WorkflowFunctions.Tests.Api.Dialects.ScriptSo;

/// <summary>Reference 004's status words and error bodies: <c>{"error": "..."}</c>, 400 never 422, 429 with <c>Retry-After</c>.</summary>
public sealed class ScriptSoDialectTests
{
    [Theory]
    [InlineData(RunStatus.Queued, "initial")]
    [InlineData(RunStatus.Running, "processing")]
    [InlineData(RunStatus.Waiting, "human_in_the_loop")]
    [InlineData(RunStatus.Succeeded, "finished")]
    [InlineData(RunStatus.Failed, "error")]
    [InlineData(RunStatus.Cancelled, "error")]
    public void StatusOf_EveryRunStatus_IsTheDocumentsWord(RunStatus status, string word)
    {
        Assert.Equal(word, ScriptSoStatuses.Of(status));
    }

    [Theory]
    [InlineData(FailureKind.BadRequest, 400)]
    [InlineData(FailureKind.InvalidDefinition, 400)]
    [InlineData(FailureKind.InvalidInput, 400)]
    [InlineData(FailureKind.IdempotencyKeyReused, 400)]
    [InlineData(FailureKind.Unauthorized, 401)]
    [InlineData(FailureKind.Forbidden, 403)]
    [InlineData(FailureKind.NotFound, 404)]
    [InlineData(FailureKind.Conflict, 409)]
    [InlineData(FailureKind.TooLarge, 413)]
    [InlineData(FailureKind.UnsupportedMediaType, 415)]
    [InlineData(FailureKind.RateLimited, 429)]
    [InlineData(FailureKind.Unavailable, 503)]
    public void StatusOf_EveryFailureKind_HasACodeAndNever422(FailureKind kind, int status)
    {
        Assert.Equal(status, ScriptSoDialect.StatusOf(kind));
    }

    [Theory]
    [InlineData("Workflow", "Workflow not found")]
    [InlineData("Run", "Execution not found")]
    public void Render_NotFound_UsesTheDocumentsWording(string subject, string error)
    {
        var rendered = Body(ScriptSoDialect.Instance.Render(Failure.NotFound(subject, "550e8400-e29b-41d4-a716-446655440000")));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse($$"""{"error": "{{error}}"}"""), rendered), rendered.ToJsonString());
    }

    [Fact]
    public void Render_RateLimited_Is429WithRetryAfter()
    {
        var response = ScriptSoDialect.Instance.Render(Failure.RateLimited(TimeSpan.FromSeconds(12.2), "slow down"));

        Assert.Equal((429, "13"), (response.Status, response.Headers!["Retry-After"]));
        Assert.Equal("slow down", (string?)Body(response)["error"]);
    }

    [Fact]
    public void Render_InvalidInput_ListsEveryProblemInDetails()
    {
        var failure = new Failure(FailureKind.InvalidInput, "2 of 2 item(s) have invalid input; nothing was started.")
        {
            InputIssues =
                [
                    new InputIssue(0, "email", "input.required", "'email' is required.", "$.items[0]"),
                    new InputIssue(1, "email", "input.required", "'email' is required.", "$.items[1]"),
                ],
        };

        var body = Body(ScriptSoDialect.Instance.Render(failure));

        Assert.Equal("2 of 2 item(s) have invalid input; nothing was started.", (string?)body["error"]);
        Assert.Equal(["items[0]: 'email' is required.", "items[1]: 'email' is required."], body["details"]!.AsArray().Select(d => (string?)d));
    }

    [Fact]
    public void Render_Draft_ListsItsErrorsButNotItsWarnings()
    {
        var report = new ValidationReport([
            ValidationFinding.Error("start_node.missing", "'start_node' is missing.", "$.start_node"),
            ValidationFinding.Warning("node.unreachable", "Node 'o' cannot be reached.", "$.nodes[2]", "o"),
        ]);

        var response = ScriptSoDialect.Instance.Render(Failure.InvalidDefinition(report));

        Assert.Equal(400, response.Status);
        Assert.Equal(["'start_node' is missing."], Body(response)["details"]!.AsArray().Select(d => (string?)d));
    }

    [Fact]
    public void Render_AnyOtherFailure_IsItsMessageAlone()
    {
        var body = Body(ScriptSoDialect.Instance.Render(Failure.BadRequest("'items' is required.")));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"error": "'items' is required."}"""), body), body.ToJsonString());
    }

    private static JsonNode Body(WorkflowFunctions.Api.Common.ApiResponse response) =>
        JsonNode.Parse(JsonSerializer.Serialize(response.Body, response.Body!.GetType(), ScriptSoDialect.JsonOptions))!;
}
