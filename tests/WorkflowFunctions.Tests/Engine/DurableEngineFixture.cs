using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Nodes;
using WorkflowFunctions.Orchestration;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Runs;
using WorkflowFunctions.Tests.Fixtures;

namespace WorkflowFunctions.Tests.Engine;

/// <summary>
/// One real Durable Task engine (in-memory backend behind the gRPC sidecar) for all engine tests, running the
/// app's orchestrator and activities composed by the app's own DI registration, with the scripted executor
/// standing in for the LLM and HTTP executors.
/// </summary>
public class DurableEngineFixture : IAsyncLifetime
{
    public const string Account = "acct";

    // A ceiling, not a timing goal: a run tree of 100 sub-runs takes a quarter of a second alone, but over a minute
    // when CI runs every test project at once on two cores.
    private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(180);
    private ServiceProvider? _services;
    private AppTaskHost? _host;

    internal ExecutionJournal Journal { get; } = new();

    public InMemoryWorkflowDefinitionSource Workflows { get; private set; } = null!;

    /// <summary>After how many I/O nodes a run continues as new (the service's default here).</summary>
    public virtual int CheckpointEveryNodes => new OrchestrationOptions().CheckpointEveryNodes;

    public DurableTaskClient Client => _host!.Client;

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Orchestration:DefaultBackoffSeconds"] = "0.1",
                ["Orchestration:MaxBackoffSeconds"] = "1",
                ["Orchestration:CheckpointEveryNodes"] = CheckpointEveryNodes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            })
            .Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddWorkflowOrchestration(configuration)
            .AddNodeExecutor(new ScriptedNodeExecutor(NodeTypes.Llm, Journal))
            .AddNodeExecutor(new ScriptedNodeExecutor(NodeTypes.Http, Journal));
        _services = services.BuildServiceProvider();
        Workflows = _services.GetRequiredService<InMemoryWorkflowDefinitionSource>();

        _host = await AppTaskHost.StartAsync(_services);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }

    public static WorkflowRunRequest Request(JsonElement definition, object? input = null, int? timeoutSeconds = null) => new()
    {
        WorkflowId = "wf",
        Version = 1,
        AccountId = Account,
        Definition = definition,
        Input = JsonSerializer.SerializeToElement(input ?? new { }),
        Options = new RunOptions { TimeoutSeconds = timeoutSeconds },
    };

    /// <summary>The run as the API reads it (the event feed derives from it).</summary>
    public async Task<RunSnapshot> SnapshotAsync(string runId)
    {
        var metadata = await Client.GetInstanceAsync(runId, getInputsAndOutputs: true);
        return RunSnapshots.FromOrchestration(runId, metadata!, RunRequestHeader.Read(metadata!.SerializedInput)!, tableRows: 1000);
    }

    public Task<string> StartAsync(WorkflowRunRequest request) =>
        Client.ScheduleNewOrchestrationInstanceAsync(FunctionNames.WorkflowOrchestrator, request);

    /// <summary>Waits for the run to complete and returns its output.</summary>
    public async Task<WorkflowRunResult> CompletionAsync(string runId)
    {
        using var limit = new CancellationTokenSource(RunLimit);
        var metadata = await Client.WaitForInstanceCompletionAsync(runId, getInputsAndOutputs: true, limit.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, metadata.RuntimeStatus);
        return metadata.ReadOutputAs<WorkflowRunResult>()!;
    }

    public async Task<WorkflowRunResult> RunAsync(WorkflowRunRequest request) => await CompletionAsync(await StartAsync(request));

    /// <summary>Polls the custom status until <paramref name="condition"/> holds (state-based, bounded by the run limit).</summary>
    public async Task<(WorkflowRunProgress Progress, string Raw)> ProgressWhenAsync(string runId, Func<WorkflowRunProgress, bool> condition)
    {
        using var limit = new CancellationTokenSource(RunLimit);
        while (true)
        {
            var metadata = await Client.GetInstanceAsync(runId, getInputsAndOutputs: true, limit.Token);
            if (metadata?.ReadCustomStatusAs<WorkflowRunProgress>() is { } progress && condition(progress))
            {
                return (progress, metadata.SerializedCustomStatus!);
            }

            await Task.Delay(50, limit.Token);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DurableEngineGroup : ICollectionFixture<DurableEngineFixture>
{
    public const string Name = "Durable engine";
}

/// <summary>
/// An engine of its own on which every run continues as new after three I/O nodes, so short test runs (retries,
/// branches, cancels, event numbering) cross generations; kept apart from the other engine tests' engine.
/// </summary>
public sealed class CheckpointEngineFixture : DurableEngineFixture
{
    public override int CheckpointEveryNodes => 3;
}

[CollectionDefinition(Name)]
public sealed class CheckpointEngineGroup : ICollectionFixture<CheckpointEngineFixture>
{
    public const string Name = "Durable engine, checkpoints every 3 nodes";
}
