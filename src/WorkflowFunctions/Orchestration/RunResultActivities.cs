using System.Text;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Serialization;
using WorkflowFunctions.Storage;

namespace WorkflowFunctions.Orchestration;

/// <summary>
/// The result store: a run result too large to keep as its orchestration's output is written to payload blobs in
/// parts (<see cref="RunResultParts"/>; named by account, run and part, so a retried write replaces the same blob),
/// and readers load it back whole.
/// </summary>
public sealed class RunResultActivities(StorageTables storage)
{
    /// <summary>The single-blob store of earlier versions: no longer called, kept for orchestrations replaying a call to it.</summary>
    [Function(FunctionNames.StoreRunResult)]
    public async Task<StoredRunResult> StoreRunResult([ActivityTrigger] StoreRunResultRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = NameOf(request.AccountId, request.RunId);
        var content = BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(request.Result, DurablePayloadJson.Options));
        await storage.Payloads.PutAsync(name, content, cancellationToken).ConfigureAwait(false);
        return new StoredRunResult(name, content.ToMemory().Length);
    }

    /// <summary>Writes one part of a result's JSON to its blob (<see cref="PartName"/>).</summary>
    [Function(FunctionNames.StoreRunResultPart)]
    public async Task StoreRunResultPart([ActivityTrigger] StoreRunResultPartRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = PartName(NameOf(request.AccountId, request.RunId), request.Part);
        await storage.Payloads.PutAsync(name, BinaryData.FromString(request.Text), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The whole result a run's output refers to; null when the payload (or one of its parts) is gone.</summary>
    public static async Task<WorkflowRunResult?> LoadAsync(StorageTables storage, StoredRunResult stored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(stored);
        if (stored.Parts <= 0)
        {
            var content = await storage.Payloads.GetAsync(stored.Name, cancellationToken).ConfigureAwait(false);
            return content?.ToObjectFromJson<WorkflowRunResult>(DurablePayloadJson.Options);
        }

        var json = new StringBuilder(stored.Bytes is > 0 and < int.MaxValue ? (int)stored.Bytes : 0);
        for (var part = 0; part < stored.Parts; part++)
        {
            var content = await storage.Payloads.GetAsync(PartName(stored.Name, part), cancellationToken).ConfigureAwait(false);
            if (content is null)
            {
                return null;
            }

            json.Append(content.ToString());
        }

        return JsonSerializer.Deserialize<WorkflowRunResult>(json.ToString(), DurablePayloadJson.Options);
    }

    /// <summary>The blob of a result's single payload (earlier versions) and the base of its parts' names.</summary>
    public static string NameOf(string accountId, string runId) => $"results/{accountId}/{runId.Replace(':', '_')}.json";

    /// <summary>The blob of part <paramref name="part"/> of the result stored as <paramref name="name"/>.</summary>
    public static string PartName(string name, int part) => $"{name}.{part.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}

/// <summary>Splits a result's JSON into the parts the result store writes, each crossing the engine as one activity input.</summary>
public static class RunResultParts
{
    /// <summary>
    /// The most chars one part holds (512 Ki): at most 1.5 MiB of UTF-8, or 3 MiB of JSON-escaped text in the
    /// engine's message, below its limit of about 3.9 MB on one message.
    /// </summary>
    public const int MaxPartChars = 512 * 1024;

    /// <summary>
    /// <paramref name="text"/> in pieces of at most <paramref name="maxChars"/> chars, concatenating to it in order;
    /// a piece never ends between the two chars of a surrogate pair. Empty text gives one empty piece.
    /// </summary>
    public static IReadOnlyList<string> Split(string text, int maxChars = MaxPartChars)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChars, 2);
        var parts = new List<string>(text.Length / maxChars + 1);
        var start = 0;
        do
        {
            var length = Math.Min(maxChars, text.Length - start);
            if (start + length < text.Length && char.IsHighSurrogate(text[start + length - 1]))
            {
                length--;
            }

            parts.Add(text.Substring(start, length));
            start += length;
        }
        while (start < text.Length);
        return parts;
    }
}
