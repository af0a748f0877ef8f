using WorkflowFunctions.Settings;

namespace WorkflowFunctions.Tests.Configuration;

/// <summary>Which cap governs a workflow: its own, else its account's default, else the service's; 0 is none.</summary>
public sealed class ConcurrencyOptionsTests
{
    private static readonly ConcurrencyOptions Options = new() { DefaultMaxConcurrentRuns = 5, AccountMaxConcurrentRuns = { ["acme"] = 2, ["free"] = 0 } };

    [Theory]
    [InlineData("acme", 7, 7)]
    [InlineData("acme", 0, null)]
    [InlineData("acme", null, 2)]
    [InlineData("free", null, null)]
    [InlineData("other", null, 5)]
    [InlineData("other", 3, 3)]
    public void CapFor_WorkflowSettingAndAccount_OwnCapThenAccountThenService(string account, int? workflowCap, int? expected)
    {
        Assert.Equal(expected, Options.CapFor(account, workflowCap));
    }

    [Fact]
    public void CapFor_NothingSet_NoCap()
    {
        Assert.Null(new ConcurrencyOptions().CapFor("acme", null));
    }
}
