using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Tests.Fixtures;

namespace WorkflowFunctions.Tests.Engine;

/// <summary>
/// The real Durable Task engine in process running the app exactly as <c>AddWorkflowFunctions</c> composes it,
/// real LLM and HTTP executors included, with <c>Llm__Endpoint</c> pointing at an OpenAI-compatible server on
/// loopback. The server answers every chat completion with "Reply to: &lt;last user message&gt;" as
/// <see cref="Model"/>, using <see cref="PromptTokens"/> and <see cref="CompletionTokens"/>.
/// </summary>
public sealed class RealExecutorEngineFixture : IAsyncLifetime
{
    public const string Model = "gpt-4o-2024-08-06";
    public const int PromptTokens = 100;
    public const int CompletionTokens = 20;

    private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(60);
    private LoopbackServer? _llm;
    private ServiceProvider? _services;
    private AppTaskHost? _host;

    public async Task InitializeAsync()
    {
        _llm = await LoopbackServer.StartAsync((context, _) =>
        {
            var messages = ChatCompletions.Messages(LoopbackServer.Recorded(context));
            var user = (string?)messages.Last(m => (string?)m?["role"] == "user")?["content"];
            return ChatCompletions.WriteAsync(context, "Reply to: " + user, Model, PromptTokens, CompletionTokens);
        });
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Llm:Endpoint"] = _llm.Url("v1").ToString(),
                ["Llm:ApiKey"] = "sk-e2e",
                ["Llm:Model"] = "gpt-4o-mini",
                ["Storage:Mode"] = "InMemory",
            })
            .Build();
        _services = new ServiceCollection()
            .AddLogging()
            .AddWorkflowFunctions(configuration)
            .BuildServiceProvider();

        _host = await AppTaskHost.StartAsync(_services);
    }

    /// <summary>The chat-completion requests the loopback LLM server received.</summary>
    internal IEnumerable<JsonArray> LlmMessagesSent => _llm!.Requests.Select(ChatCompletions.Messages);

    public async Task<WorkflowRunResult> RunAsync(WorkflowRunRequest request)
    {
        using var limit = new CancellationTokenSource(RunLimit);
        var runId = await _host!.Client.ScheduleNewOrchestrationInstanceAsync(FunctionNames.WorkflowOrchestrator, request, limit.Token);
        var metadata = await _host.Client.WaitForInstanceCompletionAsync(runId, getInputsAndOutputs: true, limit.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, metadata.RuntimeStatus);
        return metadata.ReadOutputAs<WorkflowRunResult>()!;
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

        if (_llm is not null)
        {
            await _llm.DisposeAsync();
        }
    }
}
