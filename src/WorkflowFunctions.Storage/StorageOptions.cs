namespace WorkflowFunctions.Storage;

/// <summary>
/// Settings of section <c>Storage</c>. The account itself comes from <c>AzureWebJobsStorage</c> (a connection
/// string, or the identity-based <c>AzureWebJobsStorage__accountName</c> or <c>__tableServiceUri</c> /
/// <c>__blobServiceUri</c>, with <c>__credential</c> / <c>__clientId</c>, that the Bicep template writes); without
/// it the app refuses to start, unless <see cref="Mode"/> chooses memory.
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>
    /// <see cref="StorageMode.Account"/> (the default: <c>AzureWebJobsStorage</c> is required) or
    /// <see cref="StorageMode.InMemory"/> (the LocalHost without storage, tests; refused in Azure).
    /// </summary>
    public StorageMode Mode { get; set; } = StorageMode.Account;

    /// <summary>Prefix of every table name (letters and digits), so several deployments can share an account.</summary>
    public string TablePrefix { get; set; } = "wf";

    /// <summary>Blob container for payloads over the table property limit (definitions, batch item inputs).</summary>
    public string PayloadContainer { get; set; } = "wf-payloads";

    /// <summary>Text up to this many characters is stored in a table property; longer text goes to a blob (a property holds at most 32K
    /// UTF-16 characters).</summary>
    public int InlineTextLimit { get; set; } = 30_000;
}
