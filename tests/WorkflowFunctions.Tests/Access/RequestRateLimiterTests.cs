using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WorkflowFunctions.Access;
using WorkflowFunctions.Settings;

namespace WorkflowFunctions.Tests.Access;

/// <summary>Requests per key per minute: a refused request is told the time its window actually has left.</summary>
public sealed class RequestRateLimiterTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void TryAcquire_OverTheLimit_RetryAfterCountsDownToTheWindowsEnd()
    {
        var limiter = new RequestRateLimiter(Options.Create(new ApiOptions { RateLimitPerMinute = 2 }), _clock);
        Assert.Null(limiter.TryAcquire("k"));
        Assert.Null(limiter.TryAcquire("k"));

        _clock.Advance(TimeSpan.FromSeconds(10));
        var early = limiter.TryAcquire("k");
        _clock.Advance(TimeSpan.FromSeconds(49.5));
        var late = limiter.TryAcquire("k");
        _clock.Advance(TimeSpan.FromSeconds(1));
        var next = limiter.TryAcquire("k");

        Assert.Equal(TimeSpan.FromSeconds(50), early);
        Assert.Equal(TimeSpan.FromSeconds(1), late);
        Assert.Null(next);
    }

    [Fact]
    public void TryAcquire_OtherKey_HasItsOwnWindow()
    {
        var limiter = new RequestRateLimiter(Options.Create(new ApiOptions { RateLimitPerMinute = 1 }), _clock);

        Assert.Null(limiter.TryAcquire("a"));
        Assert.NotNull(limiter.TryAcquire("a"));
        Assert.Null(limiter.TryAcquire("b"));
    }
}
