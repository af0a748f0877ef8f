using System.Net;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using WorkflowFunctions.Storage.Slots;
using static WorkflowFunctions.LocalHost.Tests.Api.ConcurrencyCapTests;

namespace WorkflowFunctions.LocalHost.Tests.Api;

/// <summary>
/// Terminated runs of a capped workflow, on a LocalHost of their own on Azurite that terminates every cancelled run at
/// once (<c>Api:CancelGraceSeconds</c> 0) and re-checks waiting runs every two seconds: a terminated holder's slot and a
/// terminated waiter's place are freed by the cancel, and a slot whose holder was terminated behind the service's back
/// (so nothing freed it) is found and handed on by a waiting run's re-check. Its account has a default cap of 1, which
/// a workflow without a cap of its own follows and one with <c>max_concurrent_runs: 0</c> opts out of.
/// </summary>
public sealed class ConcurrencyCapTerminateTests : IAsyncLifetime, IDisposable
{
    private LocalHost? _host;
    private HttpClient? _http;
    private ApiClient _api = null!;

    private RunSlots Slots => _host!.Services.GetRequiredService<RunSlots>();

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Api:CancelGraceSeconds"] = "0",
            ["Concurrency:RecheckSeconds"] = "2",
            ["Concurrency:AccountMaxConcurrentRuns:default"] = "1",
        };
        (_host, _) = await ApiHost.StartAsync(rateLimitPerMinute: 100_000, extra: settings);
        _http = new HttpClient { BaseAddress = _host.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        _api = new ApiClient(_http, ApiHost.BootstrapKey);
    }

    public void Dispose() => _http?.Dispose();

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Cancel_TerminatingAWaiterThenTheHolder_FreesThePlaceThenTheSlot()
    {
        var workflow = await CreateCappedAsync(_api, Graphs.Approval(), cap: 1);
        var holder = await _api.StartRunAsync(workflow, null);
        await _api.PollUntilWaitingAsync(holder, "a");
        var waiting = await _api.StartRunAsync(workflow, null);
        var behind = await _api.StartRunAsync(workflow, null);
        await WaitUntilQueuedAsync(_api, [waiting, behind], expected: 2);

        Assert.Equal(HttpStatusCode.OK, (await _api.PostAsync($"v1/runs/{waiting}/cancel", new JsonObject())).Status);
        var line = await Slots.ReadAsync("default", workflow, default);
        Assert.Equal([holder], line.Holders.Select(h => h.RunId));
        Assert.Equal([behind], line.Waiters);
        Assert.Equal(HttpStatusCode.OK, (await _api.PostAsync($"v1/runs/{holder}/cancel", new JsonObject())).Status);
        await ApproveAsync(_api, behind, waitForIt: true);

        Assert.Equal("cancelled", (await _api.PollRunAsync(waiting))["status"]!.GetValue<string>());
        Assert.Equal("cancelled", (await _api.PollRunAsync(holder))["status"]!.GetValue<string>());
        Assert.Equal("succeeded", (await _api.PollRunAsync(behind))["status"]!.GetValue<string>());
        await AssertEmptyAsync(Slots, workflow);
    }

    [Fact]
    public async Task AccountDefault_WorkflowWithoutItsOwnCap_FollowsIt_AndZeroOptsOut()
    {
        var following = await _api.CreateWorkflowAsync(Graphs.Approval());
        var optedOut = await CreateCappedAsync(_api, Graphs.Approval(), cap: 0);
        var first = await _api.StartRunAsync(following, null);
        await _api.PollUntilWaitingAsync(first, "a");
        var second = await _api.StartRunAsync(following, null);
        var free = new[] { await _api.StartRunAsync(optedOut, null), await _api.StartRunAsync(optedOut, null) };

        Assert.Equal([(second, 1)], await WaitUntilQueuedAsync(_api, [second], expected: 1));
        foreach (var run in free)
        {
            await _api.PollUntilWaitingAsync(run, "a");
        }

        Assert.Equal(SlotLine.Empty, await Slots.ReadAsync("default", optedOut, default));
        await ApproveAsync(_api, first);
        await ApproveAsync(_api, second, waitForIt: true);
        Assert.Equal("succeeded", (await _api.PollRunAsync(second))["status"]!.GetValue<string>());
        await AssertEmptyAsync(Slots, following);
    }

    [Fact]
    public async Task Recheck_HolderTerminatedBehindTheServicesBack_FreesItsSlotForTheNextRun()
    {
        var workflow = await CreateCappedAsync(_api, Graphs.Approval(), cap: 1);
        var holder = await _api.StartRunAsync(workflow, null);
        await _api.PollUntilWaitingAsync(holder, "a");
        var waiting = await _api.StartRunAsync(workflow, null);
        await WaitUntilQueuedAsync(_api, [waiting], expected: 1);

        // Terminated through the durable client alone: nothing records its end or frees its slot.
        await _host!.Services.GetRequiredService<DurableTaskClient>().TerminateInstanceAsync(holder, "gone");
        await ApproveAsync(_api, waiting, waitForIt: true);

        Assert.Equal("succeeded", (await _api.PollRunAsync(waiting))["status"]!.GetValue<string>());
        await AssertEmptyAsync(Slots, workflow);
    }
}
