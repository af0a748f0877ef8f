using System.Text.Json.Nodes;
using WorkflowFunctions.Api.Dialects.Scale;
using WorkflowFunctions.Engine.Validation;
using WorkflowFunctions.Outcomes;

namespace WorkflowFunctions.Tests.Api.Dialects.Scale;

/// <summary>Failures in reference 000's error bodies and status codes.</summary>
public class ScaleDialectTests
{
    [Theory]
    [InlineData("Run", "Session not found or you do not have access.")]
    [InlineData("Workflow", "Workflow not found or you do not have access.")]
    [InlineData("Workflow version", "Workflow not found or you do not have access.")]
    public void Render_NotFound_404WithTheDocumentsSentence(string subject, string message)
    {
        var response = ScaleDialect.Instance.Render(Failure.NotFound(subject, "x"));

        Assert.Equal(404, response.Status);
        Assert.Equal($$"""{"error":"{{message}}","status_code":404}""", Json(response.Body!));
    }

    [Fact]
    public void Render_Unauthorized_ErrorAndMessage()
    {
        var response = ScaleDialect.Instance.Render(Failure.Unauthorized("Missing authentication header."));

        Assert.Equal(401, response.Status);
        Assert.Equal("""{"error":"Unauthorized","message":"Missing authentication header."}""", Json(response.Body!));
    }

    [Fact]
    public void Render_InvalidInput_400ListingEveryProblem()
    {
        var failure = new Failure(FailureKind.InvalidInput, "The input has 2 problem(s); the first: a")
        {
            InputIssues =
                [
                    new InputIssue(null, "a", "input.required", "Input field 'a' is required.", "$.a"),
                    new InputIssue(null, "b", "input.type", "b!", "$.b"),
                ],
        };

        var response = ScaleDialect.Instance.Render(failure);

        Assert.Equal(400, response.Status);
        var expected = JsonNode.Parse(
            """{"error":"The input has 2 problem(s); the first: a","status_code":400,"errors":["Input field 'a' is required.","b!"]}""");
        Assert.True(JsonNode.DeepEquals(expected, ScaleMapperSessionTests.Serialize(response.Body!)), Json(response.Body!));
    }

    [Fact]
    public void Render_InvalidDefinition_400WithTheGraphsErrorsOnly()
    {
        var report = new ValidationReport([
            ValidationFinding.Error("start_node.missing", "'start_node' is missing.", "$.start_node"),
            ValidationFinding.Warning("w", "a warning", "$"),
        ]);

        var response = ScaleDialect.Instance.Render(Failure.InvalidDefinition(report));

        Assert.Equal(400, response.Status);
        Assert.Equal(["'start_node' is missing."], JsonNode.Parse(Json(response.Body!))!["errors"]!.AsArray().Select(e => (string?)e));
    }

    [Fact]
    public void Render_MalformedRequest_400WithItsMessageOnly()
    {
        var response = ScaleDialect.Instance.Render(Failure.BadRequest("'workflowId' is required.", new FieldError("workflowId", "This field is required.")));

        var expected = JsonNode.Parse("""{"error":"'workflowId' is required.","status_code":400}""");
        Assert.Equal(400, response.Status);
        Assert.True(JsonNode.DeepEquals(expected, ScaleMapperSessionTests.Serialize(response.Body!)), Json(response.Body!));
    }

    [Fact]
    public void Render_RateLimited_429WithRetryAfter()
    {
        var response = ScaleDialect.Instance.Render(Failure.RateLimited(TimeSpan.FromSeconds(2.5), "slow down"));

        Assert.Equal(429, response.Status);
        Assert.Equal("3", response.Headers!["Retry-After"]);
        Assert.Equal("""{"error":"slow down","status_code":429}""", Json(response.Body!));
    }

    [Theory]
    [InlineData(FailureKind.BadRequest, 400)]
    [InlineData(FailureKind.InvalidDefinition, 400)]
    [InlineData(FailureKind.InvalidInput, 400)]
    [InlineData(FailureKind.Unauthorized, 401)]
    [InlineData(FailureKind.Forbidden, 403)]
    [InlineData(FailureKind.NotFound, 404)]
    [InlineData(FailureKind.TooLarge, 413)]
    [InlineData(FailureKind.UnsupportedMediaType, 415)]
    [InlineData(FailureKind.RateLimited, 429)]
    public void StatusOf_Kind_TheCodeInScaleMd(FailureKind kind, int status) => Assert.Equal(status, ScaleDialect.StatusOf(kind));

    private static string Json(object body) => ScaleMapperSessionTests.Serialize(body).ToJsonString();
}
