using Microsoft.DurableTask.Client;
using WorkflowFunctions.Storage.Runs;

namespace WorkflowFunctions.Tests.Architecture.Samples;

/// <summary>A dialect written the wrong way, for the architecture test to catch: it reads orchestrations and the run history itself.</summary>
internal sealed class ReadsTheEngineItself(RunHistory index)
{
    public async Task<string?> StatusAsync(DurableTaskClient client, string runId)
    {
        OrchestrationMetadata? metadata = await client.GetInstanceAsync(runId, getInputsAndOutputs: true);
        var page = await index.ListAsync("acct", new RunQuery(), CancellationToken.None);
        return metadata?.RuntimeStatus.ToString() ?? (page.Items.Count > 0 ? page.Items[0].Status : null);
    }
}
