using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkflowFunctions.Runs;

namespace WorkflowFunctions.Tests.Configuration;

/// <summary>
/// The signing secret of result-file links (<c>Results__SigningSecret</c>) as the app's service setup reads it: used
/// when set (at least 32 characters); unset, a key of the process outside Azure and no links at all in Azure.
/// </summary>
public sealed class ResultSettingsTests
{
    private const string Secret = "a-results-signing-secret-of-32-chars+";

    [Fact]
    public void Signer_SecretSet_SignsWithIt()
    {
        using var services = Build(("Results:SigningSecret", Secret));

        var signer = services.GetRequiredService<ResultLinkSigner>();

        Assert.True(signer.SecretConfigured);
        Assert.NotNull(signer.Sign("7c9e6679-7425-40de-944b-e07fc1f90ae7"));
    }

    [Fact]
    public void Signer_SecretUnsetOutsideAzure_SignsWithAKeyOfTheProcess()
    {
        using var services = Build();

        var signer = services.GetRequiredService<ResultLinkSigner>();

        Assert.Equal((true, false), (signer.CanSign, signer.SecretConfigured));
    }

    [Fact]
    public void Signer_SecretUnsetInAzure_SignsNothing()
    {
        using var services = Build(("WEBSITE_INSTANCE_ID", "0a1b2c"), ("AzureWebJobsStorage", "UseDevelopmentStorage=true"));

        var signer = services.GetRequiredService<ResultLinkSigner>();

        Assert.False(signer.CanSign);
    }

    [Fact]
    public void Signer_SecretShorterThan32Characters_IsRefusedNamingTheSetting()
    {
        using var services = Build(("Results:SigningSecret", "too-short"));

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<ResultLinkSigner>());

        Assert.Contains("Results:SigningSecret must be at least 32 characters", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(params (string Key, string Value)[] settings)
    {
        var all = settings.Any(s => s.Key == "AzureWebJobsStorage") ? settings : [.. settings, ("Storage:Mode", "InMemory")];
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(all.ToDictionary(s => s.Key, s => (string?)s.Value)).Build();
        return new ServiceCollection().AddLogging().AddWorkflowFunctions(configuration).BuildServiceProvider();
    }
}
