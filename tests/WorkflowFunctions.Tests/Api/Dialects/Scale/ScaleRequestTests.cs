using System.Text.Json;
using WorkflowFunctions.Api.Dialects.Scale;
using WorkflowFunctions.Outcomes;

namespace WorkflowFunctions.Tests.Api.Dialects.Scale;

/// <summary>The run body, the result's <c>timeout</c> and session ids, read the way docs/dialects/scale.md says.</summary>
public class ScaleRequestTests
{
    [Theory]
    [InlineData("""{"workflowId": "wf_0123456789abcdef01234567", "variables": {"region": "US"}}""", "wf_0123456789abcdef01234567", """{"region":"US"}""")]
    [InlineData("""{"workflowId": " 7 "}""", "7", null)]
    [InlineData("""{"workflowId": 7, "variables": null, "other": 1}""", "7", null)]
    public void Read_ValidBody_WorkflowAndVariables(string body, string workflow, string? variables)
    {
        var read = ScaleRunBody.Read(JsonDocument.Parse(body).RootElement);

        Assert.Equal(workflow, read.Value.WorkflowId);
        Assert.Equal(variables, read.Value.Variables?.ToJsonString());
    }

    [Theory]
    [InlineData(null, "The body must be a JSON object")]
    [InlineData("[]", "The body must be a JSON object")]
    [InlineData("{}", "'workflowId' is required.")]
    [InlineData("""{"workflowId": null}""", "'workflowId' is required.")]
    [InlineData("""{"workflowId": ""}""", "'workflowId' must be a workflow id")]
    [InlineData("""{"workflowId": 1.5}""", "'workflowId' must be a workflow id")]
    [InlineData("""{"workflowId": {"id": 1}}""", "'workflowId' must be a workflow id")]
    [InlineData("""{"workflowId": "wf_1", "variables": ["US"]}""", "'variables' must be an object")]
    [InlineData("""{"workflowId": "wf_1", "variables": "region=US"}""", "'variables' must be an object")]
    public void Read_MalformedBody_BadRequestNamingTheField(string? body, string message)
    {
        var read = ScaleRunBody.Read(body is null ? null : JsonDocument.Parse(body).RootElement);

        Assert.Equal(FailureKind.BadRequest, read.Failure?.Kind);
        Assert.StartsWith(message, read.Failure!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, 600_000)]
    [InlineData("0", 0)]
    [InlineData("5000", 5000)]
    [InlineData("99999999999", 600_000)]
    public void TimeoutMs_WholeMilliseconds_DefaultAndCapped(string? value, int expected) =>
        Assert.Equal(expected, ScaleQuery.TimeoutMs(value, 600_000).Value);

    [Theory]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("soon")]
    public void TimeoutMs_NotAWholeNumber_BadRequest(string value) =>
        Assert.Equal(FailureKind.BadRequest, ScaleQuery.TimeoutMs(value, 600_000).Failure?.Kind);

    [Theory]
    [InlineData("compass-sess-0781b175-2135-45ec-9063-ad3e0d929adc", "0781b175-2135-45ec-9063-ad3e0d929adc")]
    [InlineData("0781b175-2135-45ec-9063-ad3e0d929adc", "0781b175-2135-45ec-9063-ad3e0d929adc")]
    public void RunIdOf_SessionIdOrBareRunId_TheRunId(string sessionId, string runId)
    {
        Assert.Equal(runId, ScaleSessionIds.RunIdOf(sessionId));
        Assert.Equal("compass-sess-" + runId, ScaleSessionIds.Of(runId));
    }
}
