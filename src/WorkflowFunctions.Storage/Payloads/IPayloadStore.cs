namespace WorkflowFunctions.Storage.Payloads;

/// <summary>
/// Immutable named payloads too large for a table property (64 KB): workflow definitions up to 4 MB and batch
/// item inputs. Names are chosen by the repositories and never reused for different content.
/// </summary>
public interface IPayloadStore
{
    Task PutAsync(string name, BinaryData content, CancellationToken cancellationToken);

    /// <summary>The payload, or null when it does not exist.</summary>
    Task<BinaryData?> GetAsync(string name, CancellationToken cancellationToken);

    Task DeleteAsync(string name, CancellationToken cancellationToken);
}
