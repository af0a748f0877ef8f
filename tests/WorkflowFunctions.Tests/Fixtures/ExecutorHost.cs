using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkflowFunctions.Nodes;
using WorkflowFunctions.Nodes.Http;
using WorkflowFunctions.Nodes.Llm;
using WorkflowFunctions.Nodes.Tables;
using WorkflowFunctions.Settings;

namespace WorkflowFunctions.Tests.Fixtures;

/// <summary>The real executors composed by the app's own registrations over in-memory settings.</summary>
internal sealed class ExecutorHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public ExecutorHost(IDictionary<string, string?> settings, ILoggerProvider? logs = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddLogging(logging =>
            {
                if (logs is not null)
                {
                    logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs);
                }
            })
            .AddLlmNodeExecutor(configuration)
            .AddHttpNodeExecutor(configuration)
            .AddNodeExecutor<ImportCsvNodeExecutor>();
        services.AddOptions<TableOptions>().Bind(configuration.GetSection(TableOptions.SectionName));
        _services = services.BuildServiceProvider();
    }

    public INodeExecutor Llm => _services.GetServices<INodeExecutor>().OfType<LlmNodeExecutor>().Single();

    public INodeExecutor Http => _services.GetServices<INodeExecutor>().OfType<HttpNodeExecutor>().Single();

    public INodeExecutor ImportCsv => _services.GetServices<INodeExecutor>().OfType<ImportCsvNodeExecutor>().Single();

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
