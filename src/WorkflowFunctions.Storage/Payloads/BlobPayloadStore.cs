using Azure;
using Azure.Storage.Blobs;

namespace WorkflowFunctions.Storage.Payloads;

/// <summary>Payloads as block blobs in one container, created on first use.</summary>
public sealed class BlobPayloadStore(BlobContainerClient container) : IPayloadStore
{
    private Task? _created;

    public async Task PutAsync(string name, BinaryData content, CancellationToken cancellationToken)
    {
        await EnsureCreated().ConfigureAwait(false);
        await container.GetBlobClient(name).UploadAsync(content, overwrite: true, cancellationToken).ConfigureAwait(false);
    }

    public async Task<BinaryData?> GetAsync(string name, CancellationToken cancellationToken)
    {
        await EnsureCreated().ConfigureAwait(false);
        try
        {
            var result = await container.GetBlobClient(name).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return result.Value.Content;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        await EnsureCreated().ConfigureAwait(false);
        await container.GetBlobClient(name).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    // A failed attempt (storage unreachable at start) is retried by the next call instead of being cached.
    private Task EnsureCreated()
    {
        var created = _created;
        if (created is null || created.IsFaulted || created.IsCanceled)
        {
            created = container.CreateIfNotExistsAsync();
            _created = created;
        }

        return created;
    }
}
