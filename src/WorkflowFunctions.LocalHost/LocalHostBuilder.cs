using System.Reflection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Configuration.Memory;
using WorkflowFunctions.Serialization;
using WorkflowFunctions.Storage;

namespace WorkflowFunctions.LocalHost;

/// <summary>
/// Composes and starts the LocalHost: the app's own services (<c>AddWorkflowFunctions</c>, as in Program.cs),
/// its HTTP functions on <c>http://127.0.0.1:7071</c> (<c>--urls</c> overrides), and its orchestrators and
/// activities on a Durable Task worker. Without <c>AzureWebJobsStorage</c> everything is in memory (the LocalHost
/// sets <c>Storage__Mode=InMemory</c> for the app); with it, DTFx Azure Storage with task hub <c>DURABLE_TASK_HUB_NAME</c>.
/// </summary>
public static class LocalHostBuilder
{
    public const string DefaultUrl = "http://127.0.0.1:7071";
    public const string DefaultTaskHub = "workflowfunctions";

    /// <summary>Starts the LocalHost over every <c>[Function]</c> in <paramref name="functionAssemblies"/> (the app's, in Program.cs).</summary>
    /// <param name="args">Command-line arguments: <c>--urls</c> and any setting (<c>--Auth:BootstrapKey=...</c>).</param>
    /// <param name="functionAssemblies">Where the functions are declared.</param>
    /// <param name="configure">Last-moment changes to the builder (tests add executors or services).</param>
    /// <param name="settings">Lowest-precedence settings; null reads the <c>Values</c> of <c>local.settings.json</c>.</param>
    public static Task<LocalHost> StartAsync(
        string[] args,
        IReadOnlyList<Assembly> functionAssemblies,
        Action<WebApplicationBuilder>? configure = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(functionAssemblies);
        return StartAsync(args, FunctionCatalog.Read(functionAssemblies), configure, settings);
    }

    /// <summary>Starts the LocalHost over the given functions (see <see cref="FunctionCatalog.Read(IEnumerable{Type})"/>).</summary>
    public static async Task<LocalHost> StartAsync(
        string[] args,
        IReadOnlyList<FunctionDescriptor> functions,
        Action<WebApplicationBuilder>? configure = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(functions);
        // The content root is the build output, so the LocalHost's appsettings.json (log levels) applies
        // whatever the working directory is.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = settings ?? LocalSettings.Read() });
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        // Unsupported parameters or results fail here, before anything starts.
        var httpFunctions = HttpFunctionEndpoints.Prepare(functions);
        var durableFunctions = DurableFunctionRegistration.Prepare(functions);
        // The backend and sidecar log warnings only; they live as long as the host, which disposes this.
        var bootstrapLoggers = LoggerFactory.Create(l => l.AddConsole().SetMinimumLevel(LogLevel.Warning));
        var storage = builder.Configuration["AzureWebJobsStorage"];
        if (!builder.Configuration.GetSection("AzureWebJobsStorage").Exists())
        {
            // Without storage the LocalHost runs fully in memory, and chooses that explicitly (over a sample's
            // Storage__Mode=Account too): the app itself refuses to start without storage rather than lose its records.
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Mode"] = nameof(StorageMode.InMemory) });
        }

        var taskHub = builder.Configuration["DURABLE_TASK_HUB_NAME"] is { Length: > 0 } hub ? hub : DefaultTaskHub;
        var recordHistories = string.Equals(builder.Configuration["LocalHost:RecordHistorySizes"], "true", StringComparison.OrdinalIgnoreCase);
        var histories = recordHistories ? new HistorySizes() : null;
        var backend = string.IsNullOrWhiteSpace(storage)
            ? DurableBackend.InMemory(bootstrapLoggers, histories)
            : await DurableBackend.AzureStorageAsync(
                storage,
                taskHub,
                bootstrapLoggers,
                histories,
                builder.Configuration["LocalHost:WorkerId"] is { Length: > 0 } worker ? worker : DurableBackend.DefaultWorkerId);
        var sidecar = await DurableSidecar.StartAsync(backend);
        try
        {
            var app = await StartAppAsync(builder, sidecar, httpFunctions, durableFunctions, configure);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var baseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
            var mode = backend.Mode == "in-memory"
                ? "in-memory (nothing survives a restart)"
                : $"azure-storage (task hub '{taskHub}', {StorageConnection.Describe(storage!)})";
            Console.WriteLine($"WorkflowFunctions LocalHost: {mode}");
            Console.WriteLine(
                $"Listening on {baseAddress} ({httpFunctions.Routes.Count} HTTP functions under /{HttpFunctionEndpoints.RoutePrefix}, "
                + $"{durableFunctions.Names.Count} durable functions)");
            var strict = string.Equals(builder.Configuration["LocalHost:FailOnHostLimits"], "true", StringComparison.OrdinalIgnoreCase);
            return new LocalHost(app, sidecar, backend, baseAddress, functions, httpFunctions.Routes, bootstrapLoggers) { FailOnHostLimits = strict };
        }
        catch
        {
            await sidecar.DisposeAsync();
            await backend.DisposeAsync();
            bootstrapLoggers.Dispose();
            throw;
        }
    }

    private static async Task<WebApplication> StartAppAsync(
        WebApplicationBuilder builder,
        DurableSidecar sidecar,
        HttpFunctionEndpoints httpFunctions,
        DurableFunctionRegistration durableFunctions,
        Action<WebApplicationBuilder>? configure)
    {
        IServiceProvider? provider = null;
        builder.Services.AddMvcCore();
        builder.Services.AddWorkflowFunctions(builder.Configuration);
        builder.Services.AddDurableTaskClient(b =>
        {
            b.UseGrpc(sidecar.Channel);
            b.Configure(o => o.DataConverter = DurablePayloadJson.Converter);
            b.RegisterDirectly();
        });
        builder.Services.AddDurableTaskWorker(b =>
        {
            sidecar.Connect(b);
            b.Configure(o => o.DataConverter = new LocalHostDataConverter(DurablePayloadJson.Converter));
            b.AddTasks(registry => durableFunctions.AddTo(registry, new LazyServiceProvider(() => provider!)));
        });
        configure?.Invoke(builder);

        var app = builder.Build();
        provider = app.Services;
        httpFunctions.MapTo(app);
        try
        {
            await app.StartAsync();
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Activities are registered before the app's container is built; they resolve it when they run.</summary>
    private sealed class LazyServiceProvider(Func<IServiceProvider> provider) : IServiceProvider
    {
        public object? GetService(Type serviceType) => provider().GetService(serviceType);
    }
}
