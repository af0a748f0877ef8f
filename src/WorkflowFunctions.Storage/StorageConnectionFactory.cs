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
/// <c>__credential</c> is <c>managedidentity</c>, with <c>__clientId</c> for a user-assigned one). Memory only when
/// <c>Storage__Mode=InMemory</c> chooses it, and never in Azure: records kept in memory there would be lost on every
/// restart, silently, so a missing setting stops the app at startup instead, naming what to set.
/// </summary>
public static class StorageConnectionFactory
{
    public const string ConnectionName = "AzureWebJobsStorage";

    /// <summary>Settings the App Service platform (Functions included) sets on every instance: their presence means Azure.</summary>
    public static readonly IReadOnlyList<string> AzurePlatformSettings = ["WEBSITE_INSTANCE_ID", "WEBSITE_SITE_NAME"];

    /// <summary>
    /// Checks that configuration names a usable backend, as the app's service setup does before anything starts.
    /// </summary>
    /// <exception cref="InvalidOperationException">No account is configured and memory was not chosen, or memory was chosen in Azure.</exception>
    public static void Check(IConfiguration configuration, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        if (!options.TablePrefix.All(char.IsAsciiLetterOrDigit) || options.TablePrefix.Length is 0 or > 20)
        {
            throw new InvalidOperationException("Storage:TablePrefix must be 1-20 ASCII letters or digits.");
        }

        var account = Account(configuration);
        if (options.Mode == StorageMode.InMemory)
        {
            if (AzurePlatformSetting(configuration) is { } platform)
            {
                throw new InvalidOperationException(
                    $"Storage__Mode=InMemory is refused in Azure ({platform} is set): every workflow and run record would be lost on each restart. "
                    + $"Remove Storage__Mode and set {ConnectionName}__accountName (identity-based) or {ConnectionName} (a connection string).");
            }

            return;
        }

        if (account.Problem is { } problem)
        {
            throw new InvalidOperationException(problem);
        }
    }

    public static StorageTables Create(IConfiguration configuration, StorageOptions options)
    {
        Check(configuration, options);
        if (options.Mode == StorageMode.InMemory)
        {
            return StorageTables.InMemory(options);
        }

        var account = Account(configuration);
        if (account.ConnectionString is { } connectionString)
        {
            var tables = new TableServiceClient(connectionString);
            var blobs = new BlobServiceClient(connectionString);
            var name = connectionString.Contains("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase) || tables.Uri.IsLoopback
                ? "Azurite"
                : tables.Uri.Host;
            return Build(name, tables, blobs, options);
        }

        var section = configuration.GetSection(ConnectionName);
        TokenCredential credential = string.Equals(section["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(
                section["clientId"] is { Length: > 0 } clientId ? ManagedIdentityId.FromUserAssignedClientId(clientId) : ManagedIdentityId.SystemAssigned)
            : new DefaultAzureCredential();
        var tableUri = new Uri(account.TableUri!);
        return Build(tableUri.Host, new TableServiceClient(tableUri, credential), new BlobServiceClient(new Uri(account.BlobUri!), credential), options);
    }

    private static string? AzurePlatformSetting(IConfiguration configuration) =>
        AzurePlatformSettings.FirstOrDefault(name => !string.IsNullOrWhiteSpace(configuration[name]));

    /// <summary>The account configuration names: a connection string, service URIs, or the problem with it.</summary>
    private static (string? ConnectionString, string? TableUri, string? BlobUri, string? Problem) Account(IConfiguration configuration)
    {
        var connectionString = configuration[ConnectionName];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return (connectionString, null, null, null);
        }

        var section = configuration.GetSection(ConnectionName);
        var accountName = section["accountName"];
        var tableUri = section["tableServiceUri"] ?? (string.IsNullOrWhiteSpace(accountName) ? null : $"https://{accountName}.table.core.windows.net");
        var blobUri = section["blobServiceUri"] ?? (string.IsNullOrWhiteSpace(accountName) ? null : $"https://{accountName}.blob.core.windows.net");
        if (tableUri is not null && blobUri is not null)
        {
            return (null, tableUri, blobUri, null);
        }

        if (tableUri is not null || blobUri is not null)
        {
            var missing = tableUri is null ? "tableServiceUri" : "blobServiceUri";
            return (null, null, null,
                $"{ConnectionName}__{missing} is not set: the app keeps its records in tables and blobs of one account. "
                + $"Set {ConnectionName}__accountName, or both {ConnectionName}__tableServiceUri and {ConnectionName}__blobServiceUri.");
        }

        var where = AzurePlatformSetting(configuration) is { } platform ? $" (running in Azure: {platform} is set)" : string.Empty;
        return (null, null, null,
            $"No storage is configured{where}: set {ConnectionName} (a connection string; UseDevelopmentStorage=true for Azurite) or its identity-based form "
            + $"{ConnectionName}__accountName (or {ConnectionName}__tableServiceUri and {ConnectionName}__blobServiceUri, "
            + $"with {ConnectionName}__credential=managedidentity). "
            + "Only the LocalHost and tests keep records in memory, with Storage__Mode=InMemory; nothing survives a restart there.");
    }

    private static StorageTables Build(string name, TableServiceClient tables, BlobServiceClient blobs, StorageOptions options) =>
        new(
            name,
            table => new AzureTableStore(tables.GetTableClient(options.TablePrefix + table)),
            new BlobPayloadStore(blobs.GetBlobContainerClient(options.PayloadContainer)),
            options);
}
