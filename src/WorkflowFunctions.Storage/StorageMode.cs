namespace WorkflowFunctions.Storage;

/// <summary>Where the app keeps its records (setting <c>Storage__Mode</c>).</summary>
public enum StorageMode
{
    /// <summary>The storage account <c>AzureWebJobsStorage</c> names; the app refuses to start without it.</summary>
    Account = 0,

    /// <summary>Tables in memory, lost on restart: chosen explicitly by the LocalHost without storage, and by tests. Refused in Azure.</summary>
    InMemory = 1,
}
