using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Tests.Fixtures;

namespace WorkflowFunctions.Tests.Tables;

/// <summary>
/// The real Durable Task engine in process running the app as <c>AddWorkflowFunctions</c> composes it, real LLM
/// executor included, against a loopback OpenAI-compatible server that answers a row's question by itself:
/// "Is ... score X above Y?" gets <c>yes</c> or <c>no</c>; "fail ..." gets a 400; "hang ..." waits until the call
/// is abandoned; anything else is echoed. Map-rows chunks are small (<see cref="ChunkRows"/> rows, three at once)
/// so a few hundred rows make several chunks. The server counts the calls in flight at once.
/// </summary>
public sealed partial class TablesEngineFixture : IAsyncLifetime
{
    public const int ChunkRows = 50;
    public const int ParallelChunks = 3;

    private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(120);
    private LoopbackServer? _llm;
    private ServiceProvider? _services;
    private AppTaskHost? _host;
    private int _inFlight;
    private int _maxInFlight;

    public DurableTaskClient Client => _host!.Client;

    /// <summary>Chat requests the loopback LLM received.</summary>
    public int LlmCalls => _llm!.Requests.Count;

    /// <summary>The most chat requests the loopback LLM was answering at once since <see cref="ResetInFlight"/>.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public void ResetInFlight() => Volatile.Write(ref _maxInFlight, 0);

    public async Task InitializeAsync()
    {
        _llm = await LoopbackServer.StartAsync(AnswerAsync);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Llm:Endpoint"] = _llm.Url("v1").ToString(),
                ["Llm:ApiKey"] = "sk-tables",
                ["Llm:Model"] = "gpt-4o-mini",
                ["Llm:MaxAttempts"] = "1",
                ["Storage:Mode"] = "InMemory",
                ["Orchestration:DefaultBackoffSeconds"] = "0.1",
                ["Orchestration:MaxBackoffSeconds"] = "1",
                ["Tables:ChunkRows"] = ChunkRows.ToString(CultureInfo.InvariantCulture),
                ["Tables:ParallelChunks"] = ParallelChunks.ToString(CultureInfo.InvariantCulture),
            })
            .Build();
        _services = new ServiceCollection()
            .AddLogging()
            .AddWorkflowFunctions(configuration)
            .BuildServiceProvider();
        _host = await AppTaskHost.StartAsync(_services);
    }

    public async Task<string> StartAsync(WorkflowRunRequest request) =>
        await Client.ScheduleNewOrchestrationInstanceAsync(FunctionNames.WorkflowOrchestrator, request);

    public async Task<WorkflowRunResult> CompletionAsync(string runId)
    {
        using var limit = new CancellationTokenSource(RunLimit);
        var metadata = await Client.WaitForInstanceCompletionAsync(runId, getInputsAndOutputs: true, limit.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, metadata.RuntimeStatus);
        return metadata.ReadOutputAs<WorkflowRunResult>()!;
    }

    public async Task<WorkflowRunResult> RunAsync(WorkflowRunRequest request) => await CompletionAsync(await StartAsync(request));

    /// <summary>The most events an instance's history held, recorded as its episodes were stored.</summary>
    public int HistoryEvents(string instanceId) => _host!.Histories.Largest.GetValueOrDefault(instanceId);

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

        if (_llm is not null)
        {
            await _llm.DisposeAsync();
        }
    }

    private async Task AnswerAsync(HttpContext context, int index)
    {
        var now = Interlocked.Increment(ref _inFlight);
        for (var max = Volatile.Read(ref _maxInFlight); now > max; max = Volatile.Read(ref _maxInFlight))
        {
            Interlocked.CompareExchange(ref _maxInFlight, now, max);
        }

        try
        {
            var question = (string?)ChatCompletions.Messages(LoopbackServer.Recorded(context)).Last()?["content"] ?? string.Empty;
            if (question.StartsWith("fail", StringComparison.Ordinal))
            {
                await ChatCompletions.WriteErrorAsync(context, 400, "refused: " + question);
                return;
            }

            if (question.StartsWith("hang", StringComparison.Ordinal))
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }

            // A few milliseconds per call, so calls overlap and the concurrency cap is observable.
            await Task.Delay(3, context.RequestAborted);
            var match = Verdict().Match(question);
            var answer = match.Success
                ? double.Parse(match.Groups["score"].Value, CultureInfo.InvariantCulture)
                        > double.Parse(match.Groups["min"].Value, CultureInfo.InvariantCulture) ? "yes" : "no"
                : question;
            await ChatCompletions.WriteAsync(context, answer, promptTokens: 10, completionTokens: 1);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    [GeneratedRegex(@"score (?<score>[-0-9.]+) above (?<min>[-0-9.]+)")]
    private static partial Regex Verdict();
}

[CollectionDefinition(Name)]
public sealed class TablesEngineGroup : ICollectionFixture<TablesEngineFixture>
{
    public const string Name = "Tables engine";
}
