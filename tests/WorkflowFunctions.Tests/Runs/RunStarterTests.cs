using System.Text.Json;
using System.Text.Json.Nodes;
using Grpc.Core;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Moq;
using WorkflowFunctions.Access;
using WorkflowFunctions.Orchestration;
using WorkflowFunctions.Runs;
using WorkflowFunctions.Storage;
using WorkflowFunctions.Storage.Runs;

namespace WorkflowFunctions.Tests.Runs;

/// <summary>Scheduling a run: the index row first, then the orchestration; what happens when the engine refuses it.</summary>
public class RunStarterTests
{
    private static readonly Caller Caller = new("acct", "key_1", ["run"]);
    private readonly RunIndex _index = new(StorageTables.InMemory());
    private readonly Mock<DurableTaskClient> _client = new("test");

    [Fact]
    public async Task StartAsync_Scheduled_ReturnsTheQueuedRun()
    {
        var (run, refused) = await StartAsync();

        Assert.Null(refused);
        Assert.Equal(RunStatuses.Queued, run!.Status);
        _client.Verify(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.Is<StartOrchestrationOptions?>(o => o!.InstanceId == run.RunId), It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task StartAsync_EngineRefusesTheMessageSize_Answers413AndClosesTheRunAsFailed()
    {
        SchedulingThrows(new RpcException(new Status(StatusCode.ResourceExhausted, "Received message exceeds the maximum configured message size.")));

        var (run, refused) = await StartAsync();
        var failed = await _index.ListAsync(Caller.AccountId, new RunQuery { Status = RunStatuses.Failed }, CancellationToken.None);
        var active = await _index.ListAsync(Caller.AccountId, new RunQuery { Status = RunStatuses.Running }, CancellationToken.None);

        Assert.Null(run);
        var problem = Assert.IsType<ContentResult>(refused);
        Assert.Equal(413, problem.StatusCode);
        Assert.StartsWith("application/problem+json", problem.ContentType, StringComparison.Ordinal);
        Assert.Contains("too large", JsonNode.Parse(problem.Content!)!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Single(failed.Items);
        Assert.Empty(active.Items);
    }

    [Fact]
    public async Task StartAsync_OtherSchedulingFailure_ThrowsAndClosesTheRunAsFailed()
    {
        SchedulingThrows(new RpcException(new Status(StatusCode.Unavailable, "sidecar down")));

        await Assert.ThrowsAsync<RpcException>(StartAsync);
        var failed = await _index.ListAsync(Caller.AccountId, new RunQuery { Status = RunStatuses.Failed }, CancellationToken.None);

        Assert.Single(failed.Items);
    }

    private void SchedulingThrows(Exception exception) =>
        _client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(exception);

    private Task<(RunRecord? Run, ContentResult? Refused)> StartAsync()
    {
        var starter = new RunStarter(_index, TimeProvider.System, Options.Create(new OrchestrationOptions()));
        using var definition = JsonDocument.Parse("{\"start_node\":\"t\",\"nodes\":[],\"edges\":[]}");
        return starter.StartAsync(_client.Object, Caller, "wf_1", 1, definition.RootElement.Clone(), new JsonObject(), null, CancellationToken.None);
    }
}
