using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WorkflowFunctions.Storage;

namespace WorkflowFunctions.Tests.Configuration;

/// <summary>
/// The app's service setup (<c>AddWorkflowFunctions</c>, as Program.cs calls it) never falls back to memory: without a
/// storage account it refuses to build, naming the setting; memory only when chosen, and never in Azure.
/// </summary>
public sealed class StorageSetupTests
{
    private static IServiceCollection Setup(params (string Key, string Value)[] settings) =>
        new ServiceCollection()
            .AddLogging()
            .AddWorkflowFunctions(new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => (string?)s.Value)).Build());

    [Fact]
    public void AddWorkflowFunctions_InAzureWithoutStorage_RefusesNamingTheSetting()
    {
        // Act
        var error = Assert.Throws<InvalidOperationException>(() => Setup(("WEBSITE_INSTANCE_ID", "0a1b2c"), ("WEBSITE_SITE_NAME", "wf-prod")));

        // Assert
        Assert.StartsWith(
            "No storage is configured (running in Azure: WEBSITE_INSTANCE_ID is set): set AzureWebJobsStorage",
            error.Message,
            StringComparison.Ordinal);
        Assert.Contains("AzureWebJobsStorage__accountName", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddWorkflowFunctions_NoStorageAndNoChoice_Refuses()
    {
        // Act
        var error = Assert.Throws<InvalidOperationException>(() => Setup());

        // Assert
        Assert.StartsWith("No storage is configured: set AzureWebJobsStorage", error.Message, StringComparison.Ordinal);
        Assert.Contains("Storage__Mode=InMemory", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("WEBSITE_INSTANCE_ID")]
    [InlineData("WEBSITE_SITE_NAME")]
    public void AddWorkflowFunctions_InMemoryChosenInAzure_Refuses(string platformSetting)
    {
        // Act
        var error = Assert.Throws<InvalidOperationException>(() => Setup((platformSetting, "x"), ("Storage:Mode", "InMemory")));

        // Assert
        Assert.StartsWith($"Storage__Mode=InMemory is refused in Azure ({platformSetting} is set)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddWorkflowFunctions_HalfOfTheIdentityBasedSettings_RefusesNamingTheMissingOne()
    {
        // Act
        var error = Assert.Throws<InvalidOperationException>(() => Setup(("AzureWebJobsStorage:tableServiceUri", "https://acct.table.core.windows.net")));

        // Assert
        Assert.StartsWith("AzureWebJobsStorage__blobServiceUri is not set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddWorkflowFunctions_InMemoryChosenOutsideAzure_BuildsOnMemory()
    {
        // Act
        using var services = Setup(("Storage:Mode", "InMemory")).BuildServiceProvider();

        // Assert
        Assert.Equal("memory", services.GetRequiredService<StorageTables>().Backend);
    }

    [Theory]
    [InlineData("AzureWebJobsStorage", "UseDevelopmentStorage=true", "Azurite")]
    [InlineData("AzureWebJobsStorage:accountName", "wfprodstore", "wfprodstore.table.core.windows.net")]
    public void AddWorkflowFunctions_StorageConfiguredInAzure_BuildsOnTheAccount(string key, string value, string backend)
    {
        // Act
        using var services = Setup(("WEBSITE_INSTANCE_ID", "0a1b2c"), (key, value), ("AzureWebJobsStorage:credential", "managedidentity"))
            .BuildServiceProvider();

        // Assert
        Assert.Equal(backend, services.GetRequiredService<StorageTables>().Backend);
    }
}
