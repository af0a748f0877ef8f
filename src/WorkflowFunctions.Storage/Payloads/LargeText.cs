using System.Text;
using Azure.Data.Tables;

namespace WorkflowFunctions.Storage.Payloads;

/// <summary>
/// Keeps text in a row when it fits a table property and in a blob when it does not: the row then holds the
/// blob's name in <c>{property}Blob</c>. Blobs are written before the row that points at them, so a row
/// never points at a missing blob.
/// </summary>
public sealed class LargeText(IPayloadStore payloads, int inlineLimit)
{
    public async Task WriteAsync(TableEntity row, string property, string text, string blobName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= inlineLimit)
        {
            row[property] = text;
            return;
        }

        await payloads.PutAsync(blobName, BinaryData.FromString(text), cancellationToken).ConfigureAwait(false);
        row[property + "Blob"] = blobName;
    }

    public async Task<string?> ReadAsync(TableEntity row, string property, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.GetString(property) is { } inline)
        {
            return inline;
        }

        if (row.GetString(property + "Blob") is not { } blobName)
        {
            return null;
        }

        var content = await payloads.GetAsync(blobName, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Payload blob '{blobName}' referenced by row '{row.PartitionKey}'/'{row.RowKey}' is missing.");
        return content.ToString();
    }

    public static int Utf8Length(string text) => Encoding.UTF8.GetByteCount(text);
}
