namespace WorkflowFunctions.Storage.Tests.Backends;

/// <summary>The LocalHost's in-memory tables and payloads; a fresh set per test.</summary>
public sealed class InMemoryBackend : IStorageBackend
{
    public Task<StorageTables> OpenAsync(StorageOptions options) => Task.FromResult(StorageTables.InMemory(options));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
