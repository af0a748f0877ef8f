using Microsoft.Extensions.Time.Testing;
using WorkflowFunctions.Orchestration;

namespace WorkflowFunctions.Tests.Runs;

public sealed class RunChangeSignalsTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Changed_WhileWatched_CallsTheWatcherUntilDisposed()
    {
        var signals = new RunChangeSignals(_clock);
        var calls = 0;
        var watch = signals.Watch("r", () => calls++);

        signals.Changed("r");
        signals.Changed("other");
        watch.Dispose();
        signals.Changed("r");

        Assert.Equal(1, calls);
    }

    [Fact]
    public void Watch_RightAfterAChange_CalledAtOnce()
    {
        // The stream's first read came just before a node ended here: its reader must still look soon.
        var signals = new RunChangeSignals(_clock);
        signals.Changed("r");
        _clock.Advance(TimeSpan.FromSeconds(1));
        var calls = 0;

        using var watch = signals.Watch("r", () => calls++);

        Assert.Equal(1, calls);
    }

    [Fact]
    public void Watch_LongAfterAChange_NotCalled()
    {
        var signals = new RunChangeSignals(_clock);
        signals.Changed("r");
        _clock.Advance(RunChangeSignals.RememberFor);
        var calls = 0;

        using var watch = signals.Watch("r", () => calls++);

        Assert.Equal(0, calls);
    }
}
