using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;

namespace WorkflowFunctions.Storage.Tests.Backends;

/// <summary>
/// Azurite through the production path (<see cref="StorageConnectionFactory"/> with a development connection
/// string); a random table prefix per test keeps tests apart, and the tables are dropped afterwards.
/// </summary>
public sealed class AzuriteBackend : IStorageBackend
{
    private static readonly string[] TableNames = ["workflows", "runs", "batches", "apikeys", "idempotency", "slots"];
    private readonly string _prefix = "t" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..4]);

    public async Task<StorageTables> OpenAsync(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        await Azurite.EnsureRunningAsync();
        options.TablePrefix = _prefix;
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [StorageConnectionFactory.ConnectionName] = Azurite.ConnectionString })
            .Build();
        var storage = StorageConnectionFactory.Create(configuration, options);
        Assert.Equal("Azurite", storage.Backend);
        return storage;
    }

    public async ValueTask DisposeAsync()
    {
        var service = new TableServiceClient(Azurite.ConnectionString);
        foreach (var name in TableNames)
        {
            await service.DeleteTableAsync(_prefix + name);
        }
    }
}
