using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using WorkflowFunctions.Storage.Payloads;
using WorkflowFunctions.Storage.Tables;

namespace WorkflowFunctions.Storage;

/// <summary>
/// Chooses the storage backend from configuration, the same way the Functions host reads
/// <c>AzureWebJobsStorage</c>: a connection string, or identity-based service URIs (managed identity when
/// <c>__credential</c> is <c>managedidentity</c>, with <c>__clientId</c> for a user-assigned one). Neither
/// means in memory.
/// </summary>
public static class StorageConnectionFactory
{
    public const string ConnectionName = "AzureWebJobsStorage";

    public static StorageTables Create(IConfiguration configuration, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        if (!options.TablePrefix.All(char.IsAsciiLetterOrDigit) || options.TablePrefix.Length is 0 or > 20)
        {
            throw new InvalidOperationException("Storage:TablePrefix must be 1-20 ASCII letters or digits.");
        }

        var connectionString = configuration[ConnectionName];
        var section = configuration.GetSection(ConnectionName);
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            var tables = new TableServiceClient(connectionString);
            var blobs = new BlobServiceClient(connectionString);
            var name = connectionString.Contains("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase) || tables.Uri.IsLoopback ? "Azurite" : tables.Uri.Host;
            return Build(name, tables, blobs, options);
        }

        var accountName = section["accountName"];
        var tableUri = section["tableServiceUri"] ?? (accountName is null ? null : $"https://{accountName}.table.core.windows.net");
        var blobUri = section["blobServiceUri"] ?? (accountName is null ? null : $"https://{accountName}.blob.core.windows.net");
        if (tableUri is null || blobUri is null)
        {
            return StorageTables.InMemory(options);
        }

        TokenCredential credential = string.Equals(section["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(section["clientId"] is { Length: > 0 } clientId ? ManagedIdentityId.FromUserAssignedClientId(clientId) : ManagedIdentityId.SystemAssigned)
            : new DefaultAzureCredential();
        return Build(new Uri(tableUri).Host, new TableServiceClient(new Uri(tableUri), credential), new BlobServiceClient(new Uri(blobUri), credential), options);
    }

    private static StorageTables Build(string name, TableServiceClient tables, BlobServiceClient blobs, StorageOptions options) =>
        new(
            name,
            table => new AzureTableStore(tables.GetTableClient(options.TablePrefix + table)),
            new BlobPayloadStore(blobs.GetBlobContainerClient(options.PayloadContainer)),
            options);
}
