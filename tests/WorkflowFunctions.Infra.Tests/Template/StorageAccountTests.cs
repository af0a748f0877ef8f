using System.Text.Json.Nodes;

namespace WorkflowFunctions.Infra.Tests.Template;

[Collection(SharedCompiledTemplate.Name)]
public sealed class StorageAccountTests(CompiledTemplateFixture compiled)
{
    private JsonObject Account => compiled.Template.OnlyOfType("Microsoft.Storage/storageAccounts").Properties;

    [Fact]
    public void StorageAccount_Compiled_DisallowsSharedKeyAccess()
    {
        // Arrange
        var account = Account;

        // Act
        var allowSharedKeyAccess = account["allowSharedKeyAccess"]!.GetValue<bool>();

        // Assert
        Assert.False(allowSharedKeyAccess);
    }

    [Fact]
    public void StorageAccount_Compiled_DisallowsPublicBlobAccess()
    {
        // Arrange
        var account = Account;

        // Act
        var allowBlobPublicAccess = account["allowBlobPublicAccess"]!.GetValue<bool>();

        // Assert
        Assert.False(allowBlobPublicAccess);
    }

    [Fact]
    public void StorageAccount_Compiled_AcceptsHttpsOnly()
    {
        // Arrange
        var account = Account;

        // Act
        var httpsOnly = account["supportsHttpsTrafficOnly"]!.GetValue<bool>();

        // Assert
        Assert.True(httpsOnly);
    }

    [Fact]
    public void StorageAccount_Compiled_RequiresTls12()
    {
        // Arrange
        var account = Account;

        // Act
        var minimumTlsVersion = account["minimumTlsVersion"]!.GetValue<string>();

        // Assert
        Assert.Equal("TLS1_2", minimumTlsVersion);
    }

    [Fact]
    public void DeploymentContainer_Compiled_IsPrivate()
    {
        // Arrange
        var containers = compiled.Template.OfType("Microsoft.Storage/storageAccounts/blobServices/containers");

        // Act
        var publicAccess = containers.Single().Properties["publicAccess"]!.GetValue<string>();

        // Assert
        Assert.Equal("None", publicAccess);
    }
}
