namespace WorkflowFunctions.LocalHost;

/// <summary>
/// Names the storage behind an <c>AzureWebJobsStorage</c> connection string for the startup banner: the
/// account name at most, never the key or a SAS token.
/// </summary>
public static class StorageConnection
{
    public static string Describe(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var parts = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        if (parts.TryGetValue("UseDevelopmentStorage", out var development) && development.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            return "Azurite";
        }

        return parts.TryGetValue("AccountName", out var account) && account.Length > 0 ? $"account '{account}'" : "a storage account";
    }
}
