using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowFunctions.Api.Common;
using WorkflowFunctions.Api.Dialects.ScriptSo;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Runs;
using WorkflowFunctions.Storage;
using WorkflowFunctions.Storage.Batches;
using WorkflowFunctions.Storage.Workflows;
using WorkflowFunctions.Workflows;

namespace WorkflowFunctions.Tests.Api.Dialects.ScriptSo;

/// <summary>Reference 004's shapes, member for member, as the document's examples show them.</summary>
public sealed class ScriptSoMapperTests
{
    private const string WorkflowId = "wf_0123456789abcdef01234567";
    private const string RunId = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
    private static readonly DateTimeOffset Created = new(2024, 1, 15, 10, 30, 0, TimeSpan.Zero);
    private static readonly string Uuid = WorkflowUuids.Of(WorkflowId)!;

    [Fact]
    public void Page_LastPage_IsDataWithANullCursor()
    {
        var page = ScriptSoMapper.Page(new Page<WorkflowRecord>([Workflow()], null));

        AssertJson(page, $$"""
            {"data": [{"id": "{{Uuid}}", "name": "Send welcome email", "created_at": "2024-01-15T10:30:00Z", "updated_at": "2024-01-15T10:30:00Z"}],
             "cursor": null}
            """);
    }

    [Fact]
    public void Page_WithMore_HasAnOpaqueCursorOfTheNextPosition()
    {
        var page = ScriptSoMapper.Page(new Page<WorkflowRecord>([Workflow()], "n~2147483646"));

        Assert.Equal("n~2147483646", QueryParameters.TryDecodeCursor(page.Cursor!));
    }

    [Fact]
    public void Workflow_WithInputFields_HasTheirJsonSchema()
    {
        // Arrange: the document's example, email required and name optional.
        const string graph = """
            {"start_node": "t", "nodes": [
              {"id": "t", "type": "trigger-node", "data": {"input_fields": [
                {"id": "email", "title": "Email", "type": "text", "input_requirements": true},
                {"id": "name", "title": "Name", "type": "text"}]}},
              {"id": "o", "type": "output-node", "data": {"output": "Hi {{ input.name }}"}}],
             "edges": [{"source": "t", "target": "o"}]}
            """;
        var version = new WorkflowVersionRecord { WorkflowId = WorkflowId, Version = 1, CreatedAt = Created, Hash = "h", SizeBytes = 1, Definition = graph };
        var loaded = new LoadedWorkflow(
            Workflow() with { Description = "Sends a personalized welcome email to new users" }, version, PreparedWorkflow.Prepare(graph));

        // Act
        var json = Serialize(ScriptSoMapper.Workflow(loaded));

        // Assert
        Assert.Equal(
            (Uuid, "Send welcome email", "Sends a personalized welcome email to new users"),
            ((string?)json["id"], (string?)json["name"], (string?)json["description"]));
        Assert.Equal(("2024-01-15T10:30:00Z", "2024-01-15T10:30:00Z"), ((string?)json["created_at"], (string?)json["updated_at"]));
        var schema = json["input_schema"]!;
        Assert.Equal(
            ("object", "string", "string"),
            ((string?)schema["type"], (string?)schema["properties"]!["email"]!["type"], (string?)schema["properties"]!["name"]!["type"]));
        Assert.Equal(["email"], schema["required"]!.AsArray().Select(r => (string?)r));
    }

    [Fact]
    public void Workflow_WithoutDescription_WritesNull()
    {
        var version = new WorkflowVersionRecord { WorkflowId = WorkflowId, Version = 1, CreatedAt = Created, Hash = "h", SizeBytes = 2, Definition = "{}" };

        var json = Serialize(ScriptSoMapper.Workflow(new LoadedWorkflow(Workflow(), version, PreparedWorkflow.Prepare("{}"))));

        Assert.True(json.AsObject().ContainsKey("description"));
        Assert.Null(json["description"]);
        Assert.Empty(json["input_schema"]!["properties"]!.AsObject());
    }

    [Fact]
    public void Created_AStartedRun_IsInitialUnderTheWorkflowsUuid()
    {
        var created = ScriptSoMapper.Created(new StartedRun(RunId, WorkflowId, 1, Created.AddMinutes(5)));

        AssertJson(created, $$"""{"execution_id": "{{RunId}}", "workflow_id": "{{Uuid}}", "status": "initial", "created_at": "2024-01-15T10:35:00Z"}""");
    }

    [Fact]
    public void Execution_Finished_ListsItsResultFile()
    {
        var execution = ScriptSoMapper.Execution(Run(RunStatus.Succeeded), Uuid, "https://host.test/api/results/x/result.json?expires=1&signature=s");

        AssertJson(execution, $$"""
            {"id": "{{RunId}}", "workflow_id": "{{Uuid}}", "status": "finished", "created_at": "2024-01-15T10:30:00Z",
             "results": [{"filename": "result.json", "url": "https://host.test/api/results/x/result.json?expires=1&signature=s"}]}
            """);
    }

    [Theory]
    [InlineData(RunStatus.Queued, "initial")]
    [InlineData(RunStatus.Running, "processing")]
    [InlineData(RunStatus.Waiting, "human_in_the_loop")]
    public void Execution_NotEnded_HasNoResultsAndNoError(RunStatus status, string word)
    {
        var json = Serialize(ScriptSoMapper.Execution(Run(status), Uuid, "https://ignored.test/"));

        Assert.Equal(word, (string?)json["status"]);
        Assert.Empty(json["results"]!.AsArray());
        Assert.False(json.AsObject().ContainsKey("error"));
    }

    [Theory]
    [InlineData(RunStatus.Failed, "Node 'h' failed: boom", "Node 'h' failed: boom")]
    [InlineData(RunStatus.Cancelled, null, "The execution was cancelled.")]
    [InlineData(RunStatus.Failed, null, "The execution failed.")]
    public void Execution_Ended_InError_SaysWhyAndListsNoFile(RunStatus status, string? message, string expected)
    {
        var run = Run(status) with { Error = message is null ? null : new RunError("h", message) };

        var json = Serialize(ScriptSoMapper.Execution(run, Uuid, "https://host.test/file"));

        Assert.Equal(("error", expected), ((string?)json["status"], (string?)json["error"]));
        Assert.Empty(json["results"]!.AsArray());
    }

    [Fact]
    public void Batch_ThreeItems_ListsTheirExecutionIdsByIndex()
    {
        var batch = new BatchRecord
        {
            AccountId = "acct", Id = "b_0123456789abcdef01234567", WorkflowId = WorkflowId, Version = 1, Total = 3, Concurrency = 5,
            Status = "running", CreatedAt = Created,
        };

        AssertJson(ScriptSoMapper.Batch(batch), $$"""
            {"workflow_id": "{{Uuid}}", "total": 3, "executions": [
              {"execution_id": "b_0123456789abcdef01234567-00000", "index": 0},
              {"execution_id": "b_0123456789abcdef01234567-00001", "index": 1},
              {"execution_id": "b_0123456789abcdef01234567-00002", "index": 2}]}
            """);
    }

    [Fact]
    public void WorkflowId_AnIdThisServiceDidNotMint_IsTheIdItself()
    {
        Assert.Equal("wf_1", ScriptSoMapper.WorkflowId(Workflow() with { Id = "wf_1" }));
    }

    private static WorkflowRecord Workflow() => new()
    {
        AccountId = "acct", Id = WorkflowId, Alias = 1, Title = "Send welcome email", LatestVersion = 1, LatestHash = "h",
        CreatedAt = Created, UpdatedAt = Created,
    };

    private static RunSnapshot Run(RunStatus status) => new()
    {
        Id = RunId, AccountId = "acct", WorkflowId = WorkflowId, Status = status, State = RunState.Completed, CreatedAt = Created,
    };

    private static JsonNode Serialize(object value) => JsonNode.Parse(JsonSerializer.Serialize(value, value.GetType(), ScriptSoDialect.JsonOptions))!;

    private static void AssertJson(object value, string expected)
    {
        var json = Serialize(value);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), json), json.ToJsonString());
    }
}
