namespace WorkflowFunctions.LocalHost.Tests.Mapping;

public class StorageConnectionTests
{
    [Fact]
    public void Describe_AccountKeyConnection_NamesTheAccountWithoutTheKey()
    {
        const string Key = "c2VjcmV0LWtleS1ub3QtdG8tYmUtcHJpbnRlZA==";

        var description = StorageConnection.Describe($"DefaultEndpointsProtocol=https;AccountName=wfstore;AccountKey={Key};EndpointSuffix=core.windows.net");

        Assert.Equal("account 'wfstore'", description);
    }

    [Fact]
    public void Describe_SasConnectionWithoutAccountName_SaysOnlyStorageAccount()
    {
        var description = StorageConnection.Describe("BlobEndpoint=https://wfstore.blob.core.windows.net/;SharedAccessSignature=sv=2024-01-01&sig=abc");

        Assert.Equal("a storage account", description);
    }

    [Fact]
    public void Describe_DevelopmentStorage_IsAzurite()
    {
        Assert.Equal("Azurite", StorageConnection.Describe("UseDevelopmentStorage=true"));
    }
}
