using Microsoft.Extensions.Time.Testing;
using WorkflowFunctions.Orchestration;
using WorkflowFunctions.Orchestration.Contracts;

namespace WorkflowFunctions.Tests.Runs;

/// <summary>Waking waiters when a run's end is recorded, including waiters that arrive just after it.</summary>
public class RunCompletionSignalsTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Signal_RunWithAWaiter_CompletesItsSubscription()
    {
        var signals = new RunCompletionSignals(_clock);
        using var subscription = signals.Subscribe("r1");

        signals.Signal("r1");

        Assert.True(subscription.Signalled.IsCompletedSuccessfully);
    }

    [Fact]
    public void Subscribe_JustAfterTheSignal_IsAlreadySignalled()
    {
        var signals = new RunCompletionSignals(_clock);
        signals.Signal("r1");
        _clock.Advance(TimeSpan.FromSeconds(5));

        using var late = signals.Subscribe("r1");

        Assert.True(late.Signalled.IsCompletedSuccessfully);
        Assert.Equal(0, signals.WaitedRuns);
    }

    [Fact]
    public void Subscribe_LongAfterTheSignal_WaitsAgain()
    {
        var signals = new RunCompletionSignals(_clock);
        signals.Signal("r1");
        _clock.Advance(RunCompletionSignals.RememberFor);

        using var late = signals.Subscribe("r1");

        Assert.False(late.Signalled.IsCompleted);
    }

    [Fact]
    public void Signal_OtherRun_LeavesTheWaiterWaiting()
    {
        var signals = new RunCompletionSignals(_clock);
        using var subscription = signals.Subscribe("r1");

        signals.Signal("r2");

        Assert.False(subscription.Signalled.IsCompleted);
    }

    [Fact]
    public void Signal_MoreEndsThanRemembered_ForgetsTheOldest()
    {
        var signals = new RunCompletionSignals(_clock);
        for (var i = 0; i <= RunCompletionSignals.MaxRemembered; i++)
        {
            signals.Signal($"r{i}");
        }

        using var oldest = signals.Subscribe("r0");
        using var newest = signals.Subscribe($"r{RunCompletionSignals.MaxRemembered}");

        Assert.False(oldest.Signalled.IsCompleted);
        Assert.True(newest.Signalled.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Signal_WithTheRecordedEnd_HandsItToEveryPresentWaiter()
    {
        var signals = new RunCompletionSignals(_clock);
        using var first = signals.Subscribe("r1");
        using var second = signals.Subscribe("r1");
        var recorded = new RecordedRunEnd(new RunCompletion { AccountId = "a1", RunId = "r1", Status = "succeeded" }, _clock.GetUtcNow());

        signals.Signal("r1", recorded);

        Assert.Same(recorded, await first.Signalled);
        Assert.Same(recorded, await second.Signalled);
    }

    [Fact]
    public async Task Subscribe_JustAfterTheRecordedEnd_IsSignalledWithoutKeepingTheRecord()
    {
        var signals = new RunCompletionSignals(_clock);
        signals.Signal("r1", new RecordedRunEnd(new RunCompletion { AccountId = "a1", RunId = "r1", Status = "succeeded" }, _clock.GetUtcNow()));

        using var late = signals.Subscribe("r1");

        Assert.Null(await late.Signalled);
    }

    [Fact]
    public void HasEnded_ForgetsTheEndAfterTheRememberedWindow()
    {
        var signals = new RunCompletionSignals(_clock);
        signals.Signal("r1");

        Assert.True(signals.HasEnded("r1"));
        Assert.False(signals.HasEnded("r2"));
        _clock.Advance(RunCompletionSignals.RememberFor);
        Assert.False(signals.HasEnded("r1"));
    }

    [Fact]
    public void Dispose_LastSubscription_LeavesNoWaitedRun()
    {
        var signals = new RunCompletionSignals(_clock);
        var first = signals.Subscribe("r1");
        var second = signals.Subscribe("r1");

        first.Dispose();
        Assert.Equal(1, signals.WaitedRuns);
        second.Dispose();

        Assert.Equal(0, signals.WaitedRuns);
    }
}
