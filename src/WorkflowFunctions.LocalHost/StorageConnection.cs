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
        var parts = Parts(connectionString);
        if (IsDevelopmentStorage(parts))
        {
            return "Azurite";
        }

        return parts.TryGetValue("AccountName", out var account) && account.Length > 0 ? $"account '{account}'" : "a storage account";
    }

    /// <summary>True for the local emulator: <c>UseDevelopmentStorage=true</c>, or endpoints on a loopback address.</summary>
    public static bool IsEmulator(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var parts = Parts(connectionString);
        return IsDevelopmentStorage(parts)
            || parts.Where(p => p.Key.EndsWith("Endpoint", StringComparison.OrdinalIgnoreCase))
                .Any(p => Uri.TryCreate(p.Value, UriKind.Absolute, out var uri) && uri.IsLoopback);
    }

    private static bool IsDevelopmentStorage(Dictionary<string, string> parts) =>
        parts.TryGetValue("UseDevelopmentStorage", out var development) && development.Equals("true", StringComparison.OrdinalIgnoreCase);

    private static Dictionary<string, string> Parts(string connectionString) =>
        connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .GroupBy(p => p[0].Trim(), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Last()[1].Trim(), StringComparer.OrdinalIgnoreCase);
}
