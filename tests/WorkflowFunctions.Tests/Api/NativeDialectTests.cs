using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowFunctions.Api.Native;
using WorkflowFunctions.Engine.Validation;
using WorkflowFunctions.Outcomes;

namespace WorkflowFunctions.Tests.Api;

/// <summary>How the native API renders failures: RFC 9457 problems with <c>error</c>, the status of each kind, its details.</summary>
public sealed class NativeDialectTests
{
    [Theory]
    [InlineData(FailureKind.BadRequest, 400, "Bad Request")]
    [InlineData(FailureKind.Unauthorized, 401, "Unauthorized")]
    [InlineData(FailureKind.Forbidden, 403, "Forbidden")]
    [InlineData(FailureKind.NotFound, 404, "Not Found")]
    [InlineData(FailureKind.Conflict, 409, "Conflict")]
    [InlineData(FailureKind.PreconditionFailed, 412, "Precondition Failed")]
    [InlineData(FailureKind.TooLarge, 413, "Payload Too Large")]
    [InlineData(FailureKind.UnsupportedMediaType, 415, "Unsupported Media Type")]
    [InlineData(FailureKind.InvalidDefinition, 422, "Invalid workflow")]
    [InlineData(FailureKind.InvalidInput, 422, "Invalid input")]
    [InlineData(FailureKind.IdempotencyKeyReused, 422, "Idempotency key reused")]
    [InlineData(FailureKind.RateLimited, 429, "Too Many Requests")]
    [InlineData(FailureKind.Unavailable, 503, "Service Unavailable")]
    public void Render_EachKind_ProblemWithItsStatusTitleAndTheMessageAsDetailAndError(FailureKind kind, int status, string title)
    {
        var response = NativeDialect.Instance.Render(new Failure(kind, "what went wrong"));
        var body = Body(response);

        Assert.Equal(status, response.Status);
        Assert.Equal("application/problem+json; charset=utf-8", response.ContentType);
        Assert.Equal(
            """{"type":"about:blank","title":"%T","status":%S,"detail":"what went wrong","error":"what went wrong"}"""
                .Replace("%T", title)
                .Replace("%S", status.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            body);
    }

    [Fact]
    public void Render_InvalidDefinition_ListsEveryFindingWithSeverityNodeAndPath()
    {
        var report = new ValidationReport([
            new ValidationFinding("node.unknown_type", "Node 'x' has unknown type 'y'.", FindingSeverity.Error, "x", "$.nodes[0].type"),
            new ValidationFinding("node.unreachable", "Node 'z' is unreachable.", FindingSeverity.Warning, null, "$.nodes[2]"),
        ]);

        var body = Body(NativeDialect.Instance.Render(Failure.InvalidDefinition(report)));

        Assert.EndsWith(
            """
            "errors":[{"code":"node.unknown_type","message":"Node 'x' has unknown type 'y'.","severity":"error","node_id":"x","path":"$.nodes[0].type"},
            """
            + """{"code":"node.unreachable","message":"Node 'z' is unreachable.","severity":"warning","path":"$.nodes[2]"}]}""",
            body,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Render_BatchItemProblems_TitledAsBatchItemsWithTheirIndex()
    {
        var failure = new Failure(FailureKind.InvalidInput, "1 of 2 item(s) have invalid input")
        {
            InputIssues = [new InputIssue(1, "name", "input.required", "'name' is required.", "$.items[1].name")],
        };

        var body = Body(NativeDialect.Instance.Render(failure));

        Assert.Equal("Invalid batch items", JsonNode.Parse(body)!["title"]!.GetValue<string>());
        Assert.EndsWith(
            """
            "errors":[{"index":1,"field":"name","code":"input.required","message":"'name' is required.","path":"$.items[1].name"}]}
            """,
            body,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Render_FieldErrors_ListedUnderErrors()
    {
        var body = JsonNode.Parse(Body(NativeDialect.Instance.Render(Failure.BadRequest("bad", new FieldError("items", "an array")))))!;

        Assert.Equal("""[{"field":"items","message":"an array"}]""", body["errors"]!.ToJsonString());
    }

    [Fact]
    public void Render_RateLimited_RetryAfterInWholeSecondsRoundedUp()
    {
        var response = NativeDialect.Instance.Render(Failure.RateLimited(TimeSpan.FromSeconds(12.2), "slow down"));

        Assert.Equal("13", response.Headers!["Retry-After"]);
    }

    [Fact]
    public void Render_PreconditionFailed_CarriesTheCurrentEntityTag()
    {
        var response = NativeDialect.Instance.Render(Failure.PreconditionFailed("changed") with { EntityTag = "\"abc\"" });

        Assert.Equal("\"abc\"", response.ETag);
    }

    private static string Body(WorkflowFunctions.Api.Common.ApiResponse response) =>
        JsonSerializer.Serialize(response.Body, response.Body!.GetType(), NativeDialect.JsonOptions);
}
