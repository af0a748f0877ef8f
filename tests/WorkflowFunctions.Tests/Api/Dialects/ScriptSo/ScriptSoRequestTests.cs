using System.Text.Json;
using WorkflowFunctions.Api.Common;
using WorkflowFunctions.Api.Dialects.ScriptSo;
using WorkflowFunctions.Outcomes;
using WorkflowFunctions.Storage.Workflows;

namespace WorkflowFunctions.Tests.Api.Dialects.ScriptSo;

/// <summary>Reading reference 004's requests: the execution and batch bodies and the list cursor.</summary>
public sealed class ScriptSoRequestTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("{}", null)]
    [InlineData("""{"input": null}""", null)]
    [InlineData("""{"input": {"email": "john@example.com", "name": "John"}}""", """{"email":"john@example.com","name":"John"}""")]
    [InlineData("""{"input": [1, 2]}""", "[1,2]")]
    [InlineData("""{"input": "text", "other": 1}""", "\"text\"")]
    public void Input_ABody_IsItsInputMember(string? body, string? input)
    {
        var read = ScriptSoBodies.Input(Parse(body));

        Assert.True(read.Succeeded);
        Assert.Equal(input, read.Value?.ToJsonString());
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"x\"")]
    public void Input_ABodyThatIsNotAnObject_IsABadRequest(string body)
    {
        Assert.Equal(FailureKind.BadRequest, ScriptSoBodies.Input(Parse(body)).Failure?.Kind);
    }

    [Theory]
    [InlineData("low", 1)]
    [InlineData("medium", 5)]
    [InlineData("high", 15)]
    [InlineData(null, 5)]
    public void Batch_ItemsAndConcurrency_AreRead(string? concurrency, int level)
    {
        var body = concurrency is null ? """{"items": [{"a": 1}, null]}""" : $$"""{"items": [{"a": 1}, null], "concurrency": "{{concurrency}}"}""";

        var read = ScriptSoBodies.Batch(Parse(body), 10_000);

        Assert.True(read.Succeeded, read.Failure?.Message);
        Assert.Equal(level, read.Value.Concurrency);
        Assert.Equal(["""{"a":1}""", null], read.Value.Items.Select(i => i?.ToJsonString()));
    }

    [Theory]
    [InlineData(null, "must be a JSON object")]
    [InlineData("[]", "must be a JSON object")]
    [InlineData("""{"concurrency": "low"}""", "'items' is required")]
    [InlineData("""{"items": []}""", "1 to 3 inputs")]
    [InlineData("""{"items": [1, 2, 3, 4]}""", "1 to 3 inputs")]
    [InlineData("""{"items": [{}], "concurrency": "extreme"}""", "'concurrency' must be")]
    [InlineData("""{"items": [{}], "concurrency": 5}""", "'concurrency' must be")]
    public void Batch_AMalformedBody_IsABadRequestSayingWhy(string? body, string says)
    {
        var read = ScriptSoBodies.Batch(Parse(body), maxItems: 3);

        Assert.Equal(FailureKind.BadRequest, read.Failure?.Kind);
        Assert.Contains(says, read.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cursor_None_LeavesTheQueryAlone()
    {
        var query = new WorkflowListQuery { Limit = 10 };

        Assert.Equal(query, ScriptSoCursor.Apply(query, null).Value);
    }

    [Fact]
    public void Cursor_OfAPreviousPage_ContinuesAfterItsPosition()
    {
        var read = ScriptSoCursor.Apply(new WorkflowListQuery(), QueryParameters.EncodeCursor("n~2147483640"));

        Assert.Equal(("n~2147483640", null), (read.Value.After, read.Value.CreatedBefore));
    }

    [Theory]
    [InlineData("2024-01-15T10:30:00Z")]
    [InlineData("2024-01-15T11:30:00+01:00")]
    public void Cursor_ATimeAsTheDocumentShows_StartsBeforeThatTime(string cursor)
    {
        var read = ScriptSoCursor.Apply(new WorkflowListQuery(), cursor);

        Assert.Equal(new DateTimeOffset(2024, 1, 15, 10, 30, 0, TimeSpan.Zero), read.Value.CreatedBefore);
        Assert.Null(read.Value.After);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("12")]
    [InlineData("2024-13-45T99:00:00Z")]
    public void Cursor_AnythingElse_IsABadRequest(string cursor)
    {
        Assert.Equal(FailureKind.BadRequest, ScriptSoCursor.Apply(new WorkflowListQuery(), cursor).Failure?.Kind);
    }

    private static JsonElement? Parse(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();
}
