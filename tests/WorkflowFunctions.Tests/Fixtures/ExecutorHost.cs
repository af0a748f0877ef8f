using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WorkflowFunctions.Execution;
using WorkflowFunctions.Execution.Http;
using WorkflowFunctions.Execution.Llm;

namespace WorkflowFunctions.Tests.Fixtures;

/// <summary>The real executors composed by the app's own registrations over in-memory settings.</summary>
internal sealed class ExecutorHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public ExecutorHost(IDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        _services = new ServiceCollection()
            .AddLogging()
            .AddLlmNodeExecutor(configuration)
            .AddHttpNodeExecutor(configuration)
            .BuildServiceProvider();
    }

    public INodeExecutor Llm => _services.GetServices<INodeExecutor>().OfType<LlmNodeExecutor>().Single();

    public INodeExecutor Http => _services.GetServices<INodeExecutor>().OfType<HttpNodeExecutor>().Single();

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
