using Azure;
using Azure.Data.Tables;
using WorkflowFunctions.Storage.Tables;

namespace WorkflowFunctions.Tests.Fixtures;

/// <summary>
/// A table whose writes wait while it is held (<see cref="Hold"/>, until <see cref="Release"/>), so a test can
/// tell what waits for a write from what does not. Reads pass straight through.
/// </summary>
public sealed class HeldWritesTableStore(ITableStore inner) : ITableStore
{
    private TaskCompletionSource _open = Opened();

    /// <summary>Writes issued from now on wait for <see cref="Release"/>.</summary>
    public void Hold() => _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _open.TrySetResult();

    public Task<TableEntity?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken) =>
        inner.GetAsync(partitionKey, rowKey, cancellationToken);

    public async Task<ETag> AddAsync(TableEntity entity, CancellationToken cancellationToken)
    {
        await _open.Task.ConfigureAwait(false);
        return await inner.AddAsync(entity, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ETag> ReplaceAsync(TableEntity entity, ETag ifMatch, CancellationToken cancellationToken)
    {
        await _open.Task.ConfigureAwait(false);
        return await inner.ReplaceAsync(entity, ifMatch, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ETag> UpsertAsync(TableEntity entity, CancellationToken cancellationToken)
    {
        await _open.Task.ConfigureAwait(false);
        return await inner.UpsertAsync(entity, cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        await _open.Task.ConfigureAwait(false);
        await inner.DeleteAsync(partitionKey, rowKey, cancellationToken).ConfigureAwait(false);
    }

    public async Task SubmitAsync(IReadOnlyList<TableOperation> operations, CancellationToken cancellationToken)
    {
        await _open.Task.ConfigureAwait(false);
        await inner.SubmitAsync(operations, cancellationToken).ConfigureAwait(false);
    }

    public Task<TablePage> QueryAsync(TableQuery query, CancellationToken cancellationToken) => inner.QueryAsync(query, cancellationToken);

    private static TaskCompletionSource Opened()
    {
        var open = new TaskCompletionSource();
        open.SetResult();
        return open;
    }
}
