using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker.Grpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkflowFunctions.LocalHost.Tests.TestFunctions;

namespace WorkflowFunctions.LocalHost.Tests.Mapping;

/// <summary>The mapping rules on a real LocalHost over HTTP, with functions that exist only in this test assembly.</summary>
public class TestFunctionsHostTests(TestFunctionsHostFixture fixture) : IClassFixture<TestFunctionsHostFixture>
{
    private DurableTaskClient Durable => fixture.Host.Services.GetRequiredService<DurableTaskClient>();

    [Fact]
    public async Task GuidRoute_Guid_BindsTheRouteValueAsGuid()
    {
        var id = Guid.NewGuid();

        var body = await fixture.Client.GetFromJsonAsync<JsonNode>($"api/items/{id}");

        Assert.Equal(id, body!["id"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task GuidRoute_NotAGuid_Is404LikeTheRouteConstraintSays()
    {
        var response = await fixture.Client.GetAsync(new Uri("api/items/not-a-guid", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task IntRoute_TaskOfIResult_WritesTheResultWithTheBoundNumber()
    {
        var body = await fixture.Client.GetFromJsonAsync<JsonNode>("api/pages/41");

        Assert.Equal(42, body!["next"]!.GetValue<int>());
    }

    [Fact]
    public async Task Starter_RunsOrchestratorAndDiCreatedActivityWithTypedInput()
    {
        var start = await fixture.Client.PostAsync(new Uri("api/greetings/Ada", UriKind.Relative), null);
        var id = (await start.Content.ReadFromJsonAsync<JsonNode>())!["id"]!.GetValue<string>();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var run = await Durable.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, limit.Token);

        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        Assert.Equal("Hello Ada!", run.ReadOutputAs<string>());
    }

    [Fact]
    public async Task FanOut_MoreActivitiesThanProcessors_RunAtTheSameTime()
    {
        // Every activity waits until all have arrived: with the in-memory backend's default limit (the
        // processor count) the run would never finish.
        var parties = fixture.Rendezvous.Parties;
        var id = await Durable.ScheduleNewOrchestrationInstanceAsync(FanOutFunctions.Orchestrator, parties);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var run = await Durable.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, limit.Token);

        Assert.Equal(parties, run.ReadOutputAs<int>());
    }

    [Fact]
    public async Task CustomStatus_OverTheFunctionsHostLimit_IsReportedWhereTheSidecarLetsItThrough()
    {
        // A JSON string of 8,190 characters plus its quotes is exactly 16 KB of UTF-16; one more is over the limit.
        var within = await Durable.ScheduleNewOrchestrationInstanceAsync(StatusFunctions.Orchestrator, 8190);
        var over = await Durable.ScheduleNewOrchestrationInstanceAsync(StatusFunctions.Orchestrator, 8191);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        await Durable.WaitForInstanceCompletionAsync(within, limit.Token);
        await Durable.WaitForInstanceCompletionAsync(over, limit.Token);

        var exceeded = fixture.Host.Backend.StatusLimit.Exceeded;
        Assert.Contains(exceeded, e => e.StartsWith(over + ":", StringComparison.Ordinal));
        Assert.DoesNotContain(exceeded, e => e.StartsWith(within + ":", StringComparison.Ordinal));
    }

    [Fact]
    public void Worker_SilentDisconnectDetection_IsOffBecauseTheSidecarSendsNoHealthPings()
    {
        // Internal option of the gRPC worker: read by reflection so a package upgrade that moves it fails here.
        var options = fixture.Host.Services.GetRequiredService<IOptionsMonitor<GrpcDurableTaskWorkerOptions>>().Get(Options.DefaultName);
        var internals = typeof(GrpcDurableTaskWorkerOptions)
            .GetProperty("Internal", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)!
            .GetValue(options)!;

        var timeout = (TimeSpan)internals.GetType().GetProperty("SilentDisconnectTimeout")!.GetValue(internals)!;

        Assert.Equal(TimeSpan.Zero, timeout);
    }

    [Fact]
    public void Backend_WithoutStorageSetting_IsInMemory()
    {
        Assert.Equal("in-memory", fixture.Host.Backend.Mode);
    }
}
