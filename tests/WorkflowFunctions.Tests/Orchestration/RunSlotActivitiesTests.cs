using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using WorkflowFunctions.Orchestration;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Settings;
using WorkflowFunctions.Storage;
using WorkflowFunctions.Storage.Slots;

namespace WorkflowFunctions.Tests.Orchestration;

/// <summary>
/// The reaper in a waiting run's re-check: a holder whose run has ended loses its slot at once; a holder whose
/// orchestration cannot be read is a batch item whose claiming episode is not stored yet, and keeps its slot for
/// <see cref="FirstEpisode.StoreGrace"/>.
/// </summary>
public sealed class RunSlotActivitiesTests
{
    private static readonly RunSlot Cap1 = new() { MaxConcurrentRuns = 1, CapReadAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero) };

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly Mock<DurableTaskClient> _client = new("test");
    private readonly RunSlotActivities _activities;

    public RunSlotActivitiesTests()
    {
        var slots = new RunSlots(StorageTables.InMemory(), _clock);
        var options = Options.Create(new ConcurrencyOptions { RecheckSeconds = 1 });
        _activities = new RunSlotActivities(slots, options, _clock, NullLogger<RunSlotActivities>.Instance);
    }

    [Fact]
    public async Task ClaimRunSlot_HolderNotStoredYet_KeepsItsSlotUntilTheGraceIsOver()
    {
        Assert.True((await ClaimAsync("item-0", recheck: false)).Held);
        var queued = await ClaimAsync("run-b", recheck: false);
        _client.Setup(c => c.GetInstanceAsync("item-0", It.IsAny<bool>(), It.IsAny<CancellationToken>())).ReturnsAsync((OrchestrationMetadata?)null);

        _clock.Advance(TimeSpan.FromMinutes(1));
        var early = await ClaimAsync("run-b", recheck: true);
        _clock.Advance(FirstEpisode.StoreGrace);
        var late = await ClaimAsync("run-b", recheck: true);

        Assert.False(queued.Held);
        Assert.False(early.Held);
        Assert.True(late.Held);
    }

    [Fact]
    public async Task ClaimRunSlot_HolderWhoseRunEnded_LosesItsSlotAtOnce()
    {
        Assert.True((await ClaimAsync("run-a", recheck: false)).Held);
        Assert.False((await ClaimAsync("run-b", recheck: false)).Held);
        _client.Setup(c => c.GetInstanceAsync("run-a", It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new OrchestrationMetadata(FunctionNames.WorkflowOrchestrator, "run-a") { RuntimeStatus = OrchestrationRuntimeStatus.Failed });

        _clock.Advance(TimeSpan.FromSeconds(2));
        var again = await ClaimAsync("run-b", recheck: true);

        Assert.True(again.Held);
    }

    // Each run joins the line at a fixed moment, as a run's claims all carry its queued-at time.
    private Task<RunSlotGrant> ClaimAsync(string runId, bool recheck) =>
        _activities.ClaimRunSlot(
            RunSlotClaim.Of(runId, "acct", "wf_1", Cap1, Cap1.CapReadAt.AddSeconds(runId == "run-b" ? 2 : 1)) with { Recheck = recheck },
            _client.Object,
            CancellationToken.None);
}
