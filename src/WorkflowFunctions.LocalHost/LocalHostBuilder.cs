using System.Reflection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Configuration.Memory;

namespace WorkflowFunctions.LocalHost;

/// <summary>
/// Composes and starts the LocalHost: the app's own services (<c>AddWorkflowFunctions</c>, as in Program.cs),
/// its HTTP functions on <c>http://127.0.0.1:7071</c> (<c>--urls</c> overrides), and its orchestrators and
/// activities on a Durable Task worker. In memory unless <c>AzureWebJobsStorage</c> is set; then DTFx Azure
/// Storage with task hub <c>DURABLE_TASK_HUB_NAME</c>.
/// </summary>
public static class LocalHostBuilder
{
    public const string DefaultUrl = "http://127.0.0.1:7071";
    public const string DefaultTaskHub = "workflowfunctions";

    public static async Task<LocalHost> StartAsync(
        string[] args,
        IReadOnlyList<Assembly> functionAssemblies,
        Action<WebApplicationBuilder>? configure = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(functionAssemblies);
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = settings ?? LocalSettings.Read() });
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var functions = FunctionCatalog.Read(functionAssemblies);
        // The backend and sidecar log warnings only; they live as long as the host, which disposes this.
        var bootstrapLoggers = LoggerFactory.Create(l => l.AddConsole().SetMinimumLevel(LogLevel.Warning));
        var storage = builder.Configuration["AzureWebJobsStorage"];
        var taskHub = builder.Configuration["DURABLE_TASK_HUB_NAME"] is { Length: > 0 } hub ? hub : DefaultTaskHub;
        var backend = string.IsNullOrWhiteSpace(storage)
            ? DurableBackend.InMemory(bootstrapLoggers)
            : await DurableBackend.AzureStorageAsync(storage, taskHub, bootstrapLoggers);
        var sidecar = await DurableSidecar.StartAsync(backend);

        IServiceProvider? provider = null;
        builder.Services.AddMvcCore();
        builder.Services.AddWorkflowFunctions(builder.Configuration);
        builder.Services.AddDurableTaskClient(b =>
        {
            b.UseGrpc(sidecar.Channel);
            b.RegisterDirectly();
        });
        builder.Services.AddDurableTaskWorker(b =>
        {
            b.UseGrpc(sidecar.Channel);
            b.Configure(o =>
            {
                o.Concurrency.MaximumConcurrentActivityWorkItems = 200;
                o.Concurrency.MaximumConcurrentOrchestrationWorkItems = 200;
            });
            b.AddTasks(registry => DurableFunctionRegistration.Register(registry, functions, new LazyServiceProvider(() => provider!), CancellationToken.None));
        });
        configure?.Invoke(builder);

        var app = builder.Build();
        provider = app.Services;
        var routes = HttpFunctionEndpoints.Map(app, functions);
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var baseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        var mode = backend.Mode == "in-memory" ? "in-memory (nothing survives a restart)" : $"azure-storage (task hub '{taskHub}', {Describe(storage!)})";
        Console.WriteLine($"WorkflowFunctions LocalHost: {mode}");
        Console.WriteLine($"Listening on {baseAddress} ({routes.Count} HTTP functions under /api, {functions.Count(f => f.Kind != FunctionKind.Http)} durable functions)");
        return new LocalHost(app, sidecar, backend, baseAddress, functions, routes, bootstrapLoggers);
    }

    /// <summary>Names the storage account without printing its key.</summary>
    private static string Describe(string connection)
    {
        if (connection.Contains("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase))
        {
            return "Azurite";
        }

        var account = connection.Split(';').Select(p => p.Split('=', 2)).FirstOrDefault(p => p.Length == 2 && p[0].Trim().Equals("AccountName", StringComparison.OrdinalIgnoreCase));
        return account is null ? "storage account" : $"account '{account[1]}'";
    }

    /// <summary>Activities are registered before the app's container is built; they resolve it when they run.</summary>
    private sealed class LazyServiceProvider(Func<IServiceProvider> provider) : IServiceProvider
    {
        public object? GetService(Type serviceType) => provider().GetService(serviceType);
    }
}
