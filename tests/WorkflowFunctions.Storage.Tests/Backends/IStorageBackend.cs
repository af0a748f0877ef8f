namespace WorkflowFunctions.Storage.Tests.Backends;

/// <summary>Where a test's tables live: each test gets storage no other test can see, and gives it back when done.</summary>
public interface IStorageBackend : IAsyncDisposable
{
    Task<StorageTables> OpenAsync(StorageOptions options);
}
