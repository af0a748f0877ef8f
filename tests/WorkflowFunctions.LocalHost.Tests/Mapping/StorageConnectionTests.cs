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

    [Theory]
    [InlineData("UseDevelopmentStorage=true", true)]
    [InlineData(
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;"
            + "QueueEndpoint=http://127.0.0.1:20001/devstoreaccount1;TableEndpoint=http://127.0.0.1:20002/devstoreaccount1",
        true)]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;TableEndpoint=http://localhost:10002/devstoreaccount1", true)]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=wfstore;AccountKey=a2V5;EndpointSuffix=core.windows.net", false)]
    [InlineData("BlobEndpoint=https://wfstore.blob.core.windows.net/;SharedAccessSignature=sv=2024-01-01&sig=abc", false)]
    public void IsEmulator_LoopbackEndpointsOrDevelopmentStorage_AreTheEmulator(string connectionString, bool expected)
    {
        Assert.Equal(expected, StorageConnection.IsEmulator(connectionString));
    }
}
