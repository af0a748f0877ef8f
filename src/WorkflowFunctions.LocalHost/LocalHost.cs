namespace WorkflowFunctions.LocalHost;

/// <summary>A running LocalHost: the web app serving the HTTP functions, the Durable sidecar and its backend.</summary>
public sealed class LocalHost : IAsyncDisposable
{
    private readonly IDisposable _loggers;

    internal LocalHost(
        WebApplication app,
        DurableSidecar sidecar,
        DurableBackend backend,
        Uri baseAddress,
        IReadOnlyList<FunctionDescriptor> functions,
        IReadOnlyList<(string Route, IReadOnlyList<string> Methods)> routes,
        IDisposable loggers)
    {
        _loggers = loggers;
        App = app;
        Sidecar = sidecar;
        Backend = backend;
        BaseAddress = baseAddress;
        Functions = functions;
        Routes = routes;
    }

    public WebApplication App { get; }

    public IServiceProvider Services => App.Services;

    public DurableSidecar Sidecar { get; }

    public DurableBackend Backend { get; }

    /// <summary>Where the HTTP functions are served, e.g. <c>http://127.0.0.1:7071/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Every function found in the app.</summary>
    public IReadOnlyList<FunctionDescriptor> Functions { get; }

    /// <summary>The HTTP routes mapped (without the <c>api/</c> prefix) with their methods.</summary>
    public IReadOnlyList<(string Route, IReadOnlyList<string> Methods)> Routes { get; }

    /// <summary>
    /// <c>LocalHost:FailOnHostLimits</c>: disposal throws when an orchestration did what the Functions host refuses
    /// (a custom status over its limit, see <see cref="CustomStatusLimit"/>), so a test suite fails on it.
    /// </summary>
    public bool FailOnHostLimits { get; init; }

    public Task WaitForShutdownAsync() => App.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await Sidecar.DisposeAsync();
        await Backend.DisposeAsync();

        _loggers.Dispose();
        if (FailOnHostLimits && Backend.StatusLimit.Exceeded.Count > 0)
        {
            throw new InvalidOperationException(
                "Custom statuses over the Functions host's limit of 16 KB of UTF-16, which would fail these orchestrations on Azure: "
                + string.Join("; ", Backend.StatusLimit.Exceeded));
        }
    }
}
