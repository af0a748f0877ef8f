using WorkflowFunctions.Storage.Slots;
using WorkflowFunctions.Storage.Tables;
using WorkflowFunctions.Storage.Tests.Backends;

namespace WorkflowFunctions.Storage.Tests.Slots;

/// <summary>
/// A workflow's concurrency slots: claimed while free, waited for in line order otherwise, handed to the oldest waiters
/// as holders end, given up by waiters without freeing anything, and never more held than the cap, also when claims and
/// releases race.
/// </summary>
public abstract class RunSlotsTests(IStorageBackend backend) : StorageTests(backend)
{
    private const string Workflow = "wf_capped";
    private readonly string _account = NewAccount();

    private RunSlots Slots => new(Storage, Time);

    [Fact]
    public async Task AcquireAsync_BeyondTheCap_HoldsUpToItThenQueuesWithPositions()
    {
        var grants = new List<SlotGrant>();
        for (var i = 0; i < 4; i++)
        {
            grants.Add(await Slots.AcquireAsync(Claim(i, limit: 2), known: false, default));
        }

        Assert.Equal([true, true, false, false], grants.Select(g => g.Held));
        Assert.Equal([0, 0, 1, 2], grants.Select(g => g.Position));
        var line = await Slots.ReadAsync(_account, Workflow, default);
        Assert.Equal((2, 2, 2), (line.Limit, line.Holding, line.Waiting));
        Assert.Equal(["run-0", "run-1"], line.Holders.Select(h => h.RunId).Order(StringComparer.Ordinal));
        Assert.Equal(["run-2", "run-3"], line.Waiters);
    }

    [Fact]
    public async Task AcquireAsync_SameClaimAgain_KeepsItsSlotOrPlace()
    {
        await Slots.AcquireAsync(Claim(0, limit: 1), known: false, default);
        await Slots.AcquireAsync(Claim(1, limit: 1), known: false, default);

        // A retried first claim (its transaction committed, its answer was lost) and a re-check.
        var holderAgain = await Slots.AcquireAsync(Claim(0, limit: 1), known: false, default);
        var waiterAgain = await Slots.AcquireAsync(Claim(1, limit: 1), known: false, default);
        var waiterRecheck = await Slots.AcquireAsync(Claim(1, limit: 1), known: true, default);

        Assert.True(holderAgain.Held);
        Assert.Equal((false, 1), (waiterAgain.Held, waiterAgain.Position));
        Assert.Equal((false, 1), (waiterRecheck.Held, waiterRecheck.Position));
        var line = await Slots.ReadAsync(_account, Workflow, default);
        Assert.Equal((1, 1), (line.Holding, line.Waiting));
    }

    [Fact]
    public async Task ReleaseAsync_Holder_HandsItsSlotToTheOldestWaiter()
    {
        await Slots.AcquireAsync(Claim(0, limit: 1), known: false, default);
        // Claimed out of line order: run-3 joined the line after run-2 but is older.
        await Slots.AcquireAsync(Claim(2, limit: 1), known: false, default);
        await Slots.AcquireAsync(Claim(3, limit: 1, queuedAt: Start.AddSeconds(1.5)), known: false, default);

        var promoted = await Slots.ReleaseAsync(Claim(0, limit: 1), default);

        Assert.Equal(["run-3"], promoted);
        var line = await Slots.ReadAsync(_account, Workflow, default);
        Assert.Equal(["run-3"], line.Holders.Select(h => h.RunId));
        Assert.Equal(["run-2"], line.Waiters);
        Assert.Equal(1, await Slots.PositionAsync(Claim(2, limit: 1), default));
        Assert.True((await Slots.AcquireAsync(Claim(3, limit: 1, queuedAt: Start.AddSeconds(1.5)), known: true, default)).Held);
    }

    [Fact]
    public async Task ReleaseAsync_Retried_WakesTheSameRunsAndWritesNothing()
    {
        await Slots.AcquireAsync(Claim(0, limit: 1), known: false, default);
        await Slots.AcquireAsync(Claim(1, limit: 1), known: false, default);
        await Slots.AcquireAsync(Claim(2, limit: 1), known: false, default);
        await Slots.ReleaseAsync(Claim(0, limit: 1), default);

        var again = await Slots.ReleaseAsync(Claim(0, limit: 1), default);

        Assert.Equal(["run-1"], again);
        var line = await Slots.ReadAsync(_account, Workflow, default);
        Assert.Equal((1, 1), (line.Holding, line.Waiting));
        Assert.Equal(["run-2"], line.Waiters);
    }

    [Fact]
    public async Task ReleaseAsync_Waiter_LeavesTheLineAndFreesNothing()
    {
        await Slots.AcquireAsync(Claim(0, limit: 1), known: false, default);
        await Slots.AcquireAsync(Claim(1, limit: 1), known: false, default);
        await Slots.AcquireAsync(Claim(2, limit: 1), known: false, default);

        var promoted = await Slots.ReleaseAsync(Claim(1, limit: 1), default);

        Assert.Empty(promoted);
        var line = await Slots.ReadAsync(_account, Workflow, default);
        Assert.Equal(["run-0"], line.Holders.Select(h => h.RunId));
        Assert.Equal(["run-2"], line.Waiters);
        Assert.Equal((1, 1), (line.Holding, line.Waiting));
        Assert.Null(await Slots.PositionAsync(Claim(1, limit: 1), default));
        Assert.Equal(1, await Slots.PositionAsync(Claim(2, limit: 1), default));
    }

    [Fact]
    public async Task ReleaseAsync_PlaceInLineUnknown_FindsTheWaiter()
    {
        await Slots.AcquireAsync(Claim(0, limit: 1), known: false, default);
        await Slots.AcquireAsync(Claim(1, limit: 1), known: false, default);

        await Slots.ReleaseAsync(new SlotClaim(_account, Workflow, "run-1"), default);

        var line = await Slots.ReadAsync(_account, Workflow, default);
        Assert.Empty(line.Waiters);
        Assert.Equal((1, 0), (line.Holding, line.Waiting));
    }

    [Fact]
    public async Task ReleaseAsync_NeverClaimed_WritesNothing()
    {
        Assert.Empty(await Slots.ReleaseAsync(Claim(7, limit: 3), default));

        Assert.Equal(SlotLine.Empty, await Slots.ReadAsync(_account, Workflow, default));
    }

    [Fact]
    public async Task ClaimsAndReleases_Racing_NeverHoldMoreThanTheCapAndServeEveryRunInLineOrder()
    {
        const int Runs = 24;
        const int Limit = 4;
        var grants = await Task.WhenAll(Enumerable.Range(0, Runs).Select(i => Task.Run(() => Slots.AcquireAsync(Claim(i, Limit), known: false, default))));
        Assert.Equal(Limit, grants.Count(g => g.Held));
        var waiting = Enumerable.Range(0, Runs).Where(i => !grants[i].Held).ToList();
        var positions = await Task.WhenAll(waiting.Select(i => Slots.PositionAsync(Claim(i, Limit), default)));
        Assert.Equal(Enumerable.Range(1, Runs - Limit).Select(p => (int?)p), positions);

        // Holders end in waves (all at once each time); every hand-over goes to the oldest waiters.
        var holding = Enumerable.Range(0, Runs).Where(i => grants[i].Held).ToList();
        var served = new List<int>();
        while (holding.Count > 0)
        {
            var released = await Task.WhenAll(holding.Select(i => Task.Run(() => Slots.ReleaseAsync(Claim(i, Limit), default))));
            var line = await Slots.ReadAsync(_account, Workflow, default);
            Assert.InRange(line.Holding, 0, Limit);
            Assert.Equal(line.Holding, line.Holders.Count);
            Assert.Equal(line.Waiting, line.Waiters.Count);
            holding = [.. released.SelectMany(r => r).Select(id => int.Parse(id[4..], System.Globalization.CultureInfo.InvariantCulture)).Order()];
            served.AddRange(holding);
        }

        Assert.Equal(waiting, served);
        var empty = await Slots.ReadAsync(_account, Workflow, default);
        Assert.Equal((0, 0, 0, 0), (empty.Holding, empty.Waiting, empty.Holders.Count, empty.Waiters.Count));
    }

    [Fact]
    public async Task SetLimitAsync_Raised_TheNextClaimLetsWaitersAheadStartToo()
    {
        await Slots.AcquireAsync(Claim(0, limit: 1), known: false, default);
        await Slots.AcquireAsync(Claim(1, limit: 1), known: false, default);
        await Slots.AcquireAsync(Claim(2, limit: 1), known: false, default);

        await Slots.SetLimitAsync(_account, Workflow, 3, Start.AddMinutes(1), default);
        var grant = await Slots.AcquireAsync(Claim(3, limit: 1), known: false, default);

        Assert.Equal((false, 1), (grant.Held, grant.Position));
        Assert.Equal(["run-1", "run-2"], grant.Promoted);
        var line = await Slots.ReadAsync(_account, Workflow, default);
        Assert.Equal((3, 3, 1), (line.Limit, line.Holding, line.Waiting));
    }

    [Fact]
    public async Task AcquireAsync_ClaimReadBeforeANewerCap_DoesNotChangeIt()
    {
        await Slots.SetLimitAsync(_account, Workflow, 1, Start.AddMinutes(1), default);

        await Slots.AcquireAsync(Claim(0, limit: 5), known: false, default);
        var second = await Slots.AcquireAsync(Claim(1, limit: 5), known: false, default);
        var newer = await Slots.AcquireAsync(Claim(2, limit: 2) with { LimitSetAt = Start.AddMinutes(2) }, known: false, default);

        Assert.False(second.Held);
        Assert.Equal(["run-1"], newer.Promoted);
        Assert.Equal((false, 1), (newer.Held, newer.Position));
        Assert.Equal(2, (await Slots.ReadAsync(_account, Workflow, default)).Limit);
    }

    [Fact]
    public async Task ReleaseAsync_CapRemoved_EveryWaiterStarts()
    {
        for (var i = 0; i < 5; i++)
        {
            await Slots.AcquireAsync(Claim(i, limit: 1), known: false, default);
        }

        await Slots.SetLimitAsync(_account, Workflow, 0, Start.AddMinutes(1), default);
        var promoted = await Slots.ReleaseAsync(Claim(0, limit: 1), default);

        Assert.Equal(["run-1", "run-2", "run-3", "run-4"], promoted);
    }

    [Fact]
    public async Task TryStartReapingAsync_OncePerInterval()
    {
        await Slots.AcquireAsync(Claim(0, limit: 1), known: false, default);

        var first = await Slots.TryStartReapingAsync(_account, Workflow, TimeSpan.FromMinutes(1), default);
        var second = await Slots.TryStartReapingAsync(_account, Workflow, TimeSpan.FromMinutes(1), default);
        Time.Advance(TimeSpan.FromMinutes(2));
        var later = await Slots.TryStartReapingAsync(_account, Workflow, TimeSpan.FromMinutes(1), default);

        Assert.Equal((true, false, true), (first, second, later));
        Assert.Equal(["run-0"], (await Slots.HoldersAsync(_account, Workflow, default)).Select(h => h.RunId));
    }

    [Fact]
    public async Task AcquireAsync_DuplicateClaimAfterTheRunsRelease_LeavesNoSlotHeld()
    {
        // At-least-once: a claim whose answer had already reached the orchestrator runs again after a crash (its queue
        // message came back), by which time the run has ended and released. It must not take a slot nobody frees.
        await Slots.AcquireAsync(Claim(0, limit: 2), known: false, default);
        await Slots.ReleaseAsync(Claim(0, limit: 2), default);

        var late = await Slots.AcquireAsync(Claim(0, limit: 2), known: false, default);
        var lateRecheck = await Slots.AcquireAsync(Claim(0, limit: 2), known: true, default);

        Assert.False(late.Held);
        Assert.False(lateRecheck.Held);
        var line = await Slots.ReadAsync(_account, Workflow, default);
        Assert.Equal((2, 0, 0), (line.Limit, line.Holding, line.Waiting));
        Assert.Empty(line.Holders);
        Assert.Empty(line.Waiters);
    }

    [Fact]
    public async Task AcquireAsync_DuplicateClaimAfterAWaitersRelease_DoesNotJoinTheLineAgain()
    {
        await Slots.AcquireAsync(Claim(0, limit: 1), known: false, default);
        await Slots.AcquireAsync(Claim(1, limit: 1), known: false, default);
        await Slots.ReleaseAsync(Claim(1, limit: 1), default);

        var late = await Slots.AcquireAsync(Claim(1, limit: 1), known: false, default);
        var promoted = await Slots.ReleaseAsync(Claim(0, limit: 1), default);

        Assert.False(late.Held);
        Assert.Empty(promoted);
        var line = await Slots.ReadAsync(_account, Workflow, default);
        Assert.Equal((1, 0, 0), (line.Limit, line.Holding, line.Waiting));
        Assert.Empty(line.Holders);
        Assert.Empty(line.Waiters);
    }

    [Fact]
    public async Task ReleaseAsync_EndedMarksOlderThanTheirTime_AreDropped()
    {
        await Slots.AcquireAsync(Claim(0, limit: 1), known: false, default);
        await Slots.AcquireAsync(Claim(1, limit: 1), known: false, default);
        await Slots.ReleaseAsync(Claim(0, limit: 1), default);
        Assert.Equal(["run-0"], await EndedMarksAsync());

        Time.Advance(RunSlots.EndedKeptFor + TimeSpan.FromMinutes(1));
        await Slots.ReleaseAsync(Claim(1, limit: 1), default);

        Assert.Equal(["run-1"], await EndedMarksAsync());
    }

    private async Task<List<string>> EndedMarksAsync()
    {
        var page = await Storage.Slots.QueryAsync(
            new TableQuery(_account + "~" + Workflow) { RowKeyAfter = "e~", RowKeyBefore = "e~~", Select = ["RunId"] }, default);
        return page.Rows.Select(r => r.GetString("RunId")).ToList();
    }

    /// <summary>Run <c>run-i</c>, in line at <see cref="StorageTests.Start"/> + i seconds, under a cap read at the start.</summary>
    private SlotClaim Claim(int i, int limit, DateTimeOffset? queuedAt = null) =>
        new(_account, Workflow, $"run-{i}") { QueuedAt = queuedAt ?? Start.AddSeconds(i), Limit = limit, LimitSetAt = Start };

    public sealed class OnAzurite() : RunSlotsTests(new AzuriteBackend());

    public sealed class InMemory() : RunSlotsTests(new InMemoryBackend());
}
