using WorkflowFunctions.Storage.Payloads;
using WorkflowFunctions.Storage.Tables;

namespace WorkflowFunctions.Storage;

/// <summary>
/// The service's tables and payload container, on one backend (Azure Storage, Azurite or memory). The
/// repositories take what they need from here; health checks probe it.
/// </summary>
public sealed class StorageTables(
    string backend,
    Func<string, ITableStore> table,
    IPayloadStore payloads,
    StorageOptions options)
{
    /// <summary>"memory", "Azurite" or the account's table endpoint, for logs and the health endpoint.</summary>
    public string Backend { get; } = backend;

    public StorageOptions Options { get; } = options;

    public ITableStore Workflows { get; } = table("workflows");

    public ITableStore Runs { get; } = table("runs");

    public ITableStore Batches { get; } = table("batches");

    public ITableStore ApiKeys { get; } = table("apikeys");

    public ITableStore Idempotency { get; } = table("idempotency");

    /// <summary>Per-workflow concurrency slots: who holds one, who waits for one (see <c>RunSlots</c>).</summary>
    public ITableStore Slots { get; } = table("slots");

    public IPayloadStore Payloads { get; } = payloads;

    /// <summary>Reads a row that never exists: proves the table endpoint answers and the credentials work.</summary>
    public async Task ProbeAsync(CancellationToken cancellationToken) =>
        await Runs.GetAsync("~health", "~health", cancellationToken).ConfigureAwait(false);

    public static StorageTables InMemory(StorageOptions? options = null) =>
        new("memory", _ => new InMemoryTableStore(), new InMemoryPayloadStore(), options ?? new StorageOptions());
}
