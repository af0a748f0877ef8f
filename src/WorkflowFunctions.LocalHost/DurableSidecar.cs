using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;

namespace WorkflowFunctions.LocalHost;

/// <summary>
/// The public Durable Task gRPC sidecar (from Microsoft.DurableTask.InProcessTestHost) served by Kestrel on a
/// loopback HTTP/2 port, dispatching from the chosen backend. The worker and client talk to it over gRPC, as the
/// Functions host's Durable extension does.
/// </summary>
public sealed class DurableSidecar : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DurableSidecar(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        // No message size limit on either side (gRPC's default is 4 MB): a work item carries the run's whole
        // history, so a large pinned definition or a run with large node results would otherwise be refused over
        // and over and never run. The channel is loopback, in process.
        Channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { MaxReceiveMessageSize = null, MaxSendMessageSize = null });
    }

    public Uri Address { get; }

    public GrpcChannel Channel { get; }

    public static async Task<DurableSidecar> StartAsync(DurableBackend backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(o =>
        {
            o.MaxReceiveMessageSize = null;
            o.MaxSendMessageSize = null;
        });
        builder.Services.AddSingleton<IOrchestrationService>(backend.Service);
        builder.Services.AddSingleton<IOrchestrationServiceClient>(backend.Client);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        var app = builder.Build();
        app.MapGrpcService<TaskHubGrpcServer>();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new DurableSidecar(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
