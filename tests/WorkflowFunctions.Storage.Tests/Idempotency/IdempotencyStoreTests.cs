using WorkflowFunctions.Storage.Idempotency;
using WorkflowFunctions.Storage.Tests.Backends;

namespace WorkflowFunctions.Storage.Tests.Idempotency;

/// <summary>Idempotency-Key claims: first use proceeds, repeats replay, conflicts and expiry, on both backends.</summary>
public abstract class IdempotencyStoreTests(IStorageBackend backend) : StorageTests(backend)
{
    private const string Operation = "start-run";
    private const string Key = "client-key-1";
    private const string Hash = "hash-a";
    private readonly string _account = NewAccount();

    private IdempotencyStore Store => new(Storage, Time);

    [Fact]
    public async Task ClaimAsync_FirstUse_Proceeds()
    {
        var outcome = await ClaimAsync(Hash);

        Assert.Equal(IdempotencyDecision.Proceed, outcome.Decision);
    }

    [Fact]
    public async Task ClaimAsync_WhilePending_IsInProgress()
    {
        await ClaimAsync(Hash);

        var outcome = await ClaimAsync(Hash);

        Assert.Equal(IdempotencyDecision.InProgress, outcome.Decision);
    }

    [Fact]
    public async Task ClaimAsync_AfterComplete_ReplaysTheStoredResponse()
    {
        await ClaimAsync(Hash);
        await Store.CompleteAsync(_account, Operation, Key, Hash, 202, """{"run_id":"r1"}""", "/runs/r1", default);

        var outcome = await ClaimAsync(Hash);

        Assert.Equal(new IdempotencyOutcome(IdempotencyDecision.Replay, 202, """{"run_id":"r1"}""", "/runs/r1"), outcome);
    }

    [Fact]
    public async Task ClaimAsync_AfterCompleteWithLargeBody_ReplaysTheWholeBody()
    {
        var body = $$"""{"text":"{{new string('x', 50_000)}}"}""";
        await ClaimAsync(Hash);
        await Store.CompleteAsync(_account, Operation, Key, Hash, 200, body, null, default);

        var outcome = await ClaimAsync(Hash);

        Assert.Equal(new IdempotencyOutcome(IdempotencyDecision.Replay, 200, body, null), outcome);
    }

    [Fact]
    public async Task ClaimAsync_DifferentRequestHash_IsMismatch()
    {
        await ClaimAsync(Hash);
        await Store.CompleteAsync(_account, Operation, Key, Hash, 202, "{}", null, default);

        var outcome = await ClaimAsync("hash-b");

        Assert.Equal(IdempotencyDecision.Mismatch, outcome.Decision);
    }

    [Fact]
    public async Task ClaimAsync_SameKeyOtherAccountOrOperation_Proceeds()
    {
        await ClaimAsync(Hash);

        var otherAccount = await Store.ClaimAsync(NewAccount(), Operation, Key, Hash, default);
        var otherOperation = await Store.ClaimAsync(_account, "start-batch", Key, Hash, default);

        Assert.Equal((IdempotencyDecision.Proceed, IdempotencyDecision.Proceed), (otherAccount.Decision, otherOperation.Decision));
    }

    [Fact]
    public async Task ReleaseAsync_PendingClaim_AllowsANewClaim()
    {
        await ClaimAsync(Hash);

        await Store.ReleaseAsync(_account, Operation, Key, default);

        Assert.Equal(IdempotencyDecision.Proceed, (await ClaimAsync("hash-b")).Decision);
    }

    [Fact]
    public async Task ClaimAsync_CompletedRecordPastRetention_Proceeds()
    {
        await ClaimAsync(Hash);
        await Store.CompleteAsync(_account, Operation, Key, Hash, 202, "{}", null, default);

        Time.Advance(IdempotencyStore.Retention + TimeSpan.FromSeconds(1));

        Assert.Equal(IdempotencyDecision.Proceed, (await ClaimAsync("hash-b")).Decision);
    }

    [Fact]
    public async Task ClaimAsync_CompletedRecordWithinRetention_StillReplays()
    {
        await ClaimAsync(Hash);
        await Store.CompleteAsync(_account, Operation, Key, Hash, 202, "{}", null, default);

        Time.Advance(IdempotencyStore.Retention - TimeSpan.FromMinutes(1));

        Assert.Equal(IdempotencyDecision.Replay, (await ClaimAsync(Hash)).Decision);
    }

    [Fact]
    public async Task ClaimAsync_PendingClaimAbandoned_IsTakenOver()
    {
        await ClaimAsync(Hash);

        Time.Advance(IdempotencyStore.AbandonedAfter + TimeSpan.FromSeconds(1));

        Assert.Equal(IdempotencyDecision.Proceed, (await ClaimAsync(Hash)).Decision);
    }

    [Fact]
    public async Task ClaimAsync_TenParallelClaims_ExactlyOneProceeds()
    {
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => ClaimAsync(Hash))));

        Assert.Single(outcomes, o => o.Decision == IdempotencyDecision.Proceed);
        Assert.All(outcomes.Where(o => o.Decision != IdempotencyDecision.Proceed), o => Assert.Equal(IdempotencyDecision.InProgress, o.Decision));
    }

    [Fact]
    public async Task ClaimAsync_TenParallelTakeoversOfAnExpiredRecord_ExactlyOneProceeds()
    {
        await ClaimAsync(Hash);
        await Store.CompleteAsync(_account, Operation, Key, Hash, 202, "{}", null, default);
        Time.Advance(IdempotencyStore.Retention + TimeSpan.FromSeconds(1));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => ClaimAsync(Hash))));

        Assert.Single(outcomes, o => o.Decision == IdempotencyDecision.Proceed);
    }

    private Task<IdempotencyOutcome> ClaimAsync(string requestHash) => Store.ClaimAsync(_account, Operation, Key, requestHash, default);

    public sealed class OnAzurite() : IdempotencyStoreTests(new AzuriteBackend());

    public sealed class InMemory() : IdempotencyStoreTests(new InMemoryBackend());
}
