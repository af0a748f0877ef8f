using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using WorkflowFunctions.Api.Common;
using WorkflowFunctions.Settings;

namespace WorkflowFunctions.Tests.Api;

public sealed class ResponseLimitsTests
{
    [Theory]
    [InlineData("WEBSITE_INSTANCE_ID")]
    [InlineData("WEBSITE_SITE_NAME")]
    public void MaxResponse_OnAzureWithoutSetting_EndsInsideTheFrontEndsLimit(string variable)
    {
        var limits = Limits(new ApiOptions(), (variable, "x"));

        Assert.True(limits.OnAzure);
        Assert.Equal(TimeSpan.FromSeconds(220), limits.MaxResponse);
        Assert.Equal(TimeSpan.FromSeconds(220), limits.StreamDuration);
        Assert.Equal(TimeSpan.FromSeconds(220), limits.Cap(TimeSpan.FromMinutes(10)));
        Assert.Equal(TimeSpan.FromSeconds(30), limits.Cap(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void MaxResponse_OffAzure_NoLimitAndStreamsLastTheirOwnMaximum()
    {
        var limits = Limits(new ApiOptions { StreamMaxSeconds = 600 });

        Assert.False(limits.OnAzure);
        Assert.Null(limits.MaxResponse);
        Assert.Equal(TimeSpan.FromMinutes(10), limits.Cap(TimeSpan.FromMinutes(10)));
        Assert.Equal(TimeSpan.FromSeconds(600), limits.StreamDuration);
    }

    [Theory]
    [InlineData(100, 100)]
    [InlineData(-1, null)]
    public void MaxResponse_Set_WinsOverDetection(int setting, int? expectedSeconds)
    {
        var limits = Limits(new ApiOptions { MaxResponseSeconds = setting }, ("WEBSITE_SITE_NAME", "x"));

        Assert.Equal(expectedSeconds is { } s ? TimeSpan.FromSeconds(s) : null, limits.MaxResponse);
    }

    private static ResponseLimits Limits(ApiOptions options, params (string Name, string Value)[] environment) =>
        new(
            Options.Create(options),
            new ConfigurationBuilder().AddInMemoryCollection(environment.Select(e => new KeyValuePair<string, string?>(e.Name, e.Value))).Build());
}
