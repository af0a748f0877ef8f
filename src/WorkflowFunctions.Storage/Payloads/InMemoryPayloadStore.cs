using System.Collections.Concurrent;

namespace WorkflowFunctions.Storage.Payloads;

/// <summary>Payloads in process memory, for the LocalHost without a storage account.</summary>
public sealed class InMemoryPayloadStore : IPayloadStore
{
    private readonly ConcurrentDictionary<string, BinaryData> _payloads = new(StringComparer.Ordinal);

    public Task PutAsync(string name, BinaryData content, CancellationToken cancellationToken)
    {
        _payloads[name] = content;
        return Task.CompletedTask;
    }

    public Task<BinaryData?> GetAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(_payloads.TryGetValue(name, out var content) ? content : null);

    public Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        _payloads.TryRemove(name, out _);
        return Task.CompletedTask;
    }
}
