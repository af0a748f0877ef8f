using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Serialization;
using WorkflowFunctions.Storage;

namespace WorkflowFunctions.Orchestration;

/// <summary>
/// The result store: a run result too large to keep as its orchestration's output is written to a payload blob
/// (named by account and run, so a retried write replaces the same blob), and readers load it back.
/// </summary>
public sealed class RunResultActivities(StorageTables storage)
{
    [Function(FunctionNames.StoreRunResult)]
    public async Task<StoredRunResult> StoreRunResult([ActivityTrigger] StoreRunResultRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = NameOf(request.AccountId, request.RunId);
        var content = BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(request.Result, DurablePayloadJson.Options));
        await storage.Payloads.PutAsync(name, content, cancellationToken).ConfigureAwait(false);
        return new StoredRunResult(name, content.ToMemory().Length);
    }

    /// <summary>The whole result a run's output refers to; null when the payload is gone.</summary>
    public static async Task<WorkflowRunResult?> LoadAsync(StorageTables storage, StoredRunResult stored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(stored);
        var content = await storage.Payloads.GetAsync(stored.Name, cancellationToken).ConfigureAwait(false);
        return content?.ToObjectFromJson<WorkflowRunResult>(DurablePayloadJson.Options);
    }

    private static string NameOf(string accountId, string runId) => $"results/{accountId}/{runId.Replace(':', '_')}.json";
}
