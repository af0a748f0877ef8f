using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using WorkflowFunctions.Settings;

namespace WorkflowFunctions.Tests.Configuration;

/// <summary>Waits capped below Azure's 230 s response limit on Azure only, which the platform's own settings reveal.</summary>
public class ResponseLimitTests
{
    [Theory]
    [InlineData("WEBSITE_INSTANCE_ID")]
    [InlineData("WEBSITE_SITE_NAME")]
    public void IsAzure_PlatformSettingPresent_True(string name)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [name] = "x" }).Build();

        Assert.True(ResponseLimit.IsAzure(configuration));
    }

    [Fact]
    public void IsAzure_NoPlatformSetting_False()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["WEBSITE_SITE_NAME"] = " " }).Build();

        Assert.False(ResponseLimit.IsAzure(configuration));
    }

    [Theory]
    [InlineData(true, 600_000, 220_000)]
    [InlineData(true, 5_000, 5_000)]
    [InlineData(false, 600_000, 600_000)]
    public void Cap_Wait_CappedOnAzureOnly(bool onAzure, int wantedMs, int expectedMs)
    {
        var limit = new ResponseLimit(Options.Create(new ApiOptions()), onAzure);

        var wait = limit.Cap(TimeSpan.FromMilliseconds(wantedMs));

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), wait);
    }
}
