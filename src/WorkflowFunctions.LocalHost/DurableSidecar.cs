using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Grpc.Internal;

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

    /// <summary>
    /// Points a Durable worker at this sidecar, with what it needs here: 200 work items of each kind at once, and no
    /// silent-disconnect detection. The worker reconnects when its work-item stream is silent for 2 minutes, expecting
    /// the backend's health pings; the preview sidecar sends none, so every idle LocalHost would log a warning and stop
    /// taking work for a reconnect back-off. The sidecar is in process on loopback: a silently dead connection is not a
    /// risk here.
    /// </summary>
    public void Connect(IDurableTaskWorkerBuilder worker)
    {
        ArgumentNullException.ThrowIfNull(worker);
        worker.UseGrpc(o =>
        {
            o.Channel = Channel;
            o.SetSilentDisconnectTimeout(TimeSpan.Zero);
        });
        worker.Configure(o =>
        {
            o.Concurrency.MaximumConcurrentActivityWorkItems = 200;
            o.Concurrency.MaximumConcurrentOrchestrationWorkItems = 200;
        });
    }

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
