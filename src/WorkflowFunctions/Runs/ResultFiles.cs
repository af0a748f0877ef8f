using Microsoft.DurableTask.Client;
using WorkflowFunctions.Outcomes;

namespace WorkflowFunctions.Runs;

/// <summary>
/// Result files: a run that has ended can be downloaded without an API key through a signed link that expires
/// (reference 004's presigned URLs; the native run view offers the same link). The link is the credential: opening
/// it checks its signature and expiry first, and only then reads the run, whatever account it belongs to.
/// </summary>
public sealed class ResultFiles(ResultLinkSigner signer, RunReader reader)
{
    /// <summary>
    /// A link to the run's result file, or null when it has none: it has not ended, it never started (a batch item
    /// cancelled before it ran has nothing to download), or the service has no signing key.
    /// </summary>
    public ResultLink? LinkFor(RunSnapshot run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.IsFinal && run.State != RunState.NotStarted ? signer.Sign(run.Id) : null;
    }

    /// <summary>The run a presented link names, when its signature holds and it has not expired; otherwise why not.</summary>
    public async Task<Outcome<RunSnapshot>> OpenAsync(
        DurableTaskClient client, string runId, string? expires, string? signature, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runId);
        var refused = signer.Check(runId, expires, signature) switch
        {
            ResultLinkCheck.Valid => null,
            ResultLinkCheck.NotSigned => Failure.Forbidden(
                "This link is not signed: a result file is downloaded with the URL, 'expires' and 'signature' included, that its run's results give."),
            ResultLinkCheck.BadSignature => Failure.Forbidden("This link's signature does not match it: use the URL exactly as it was given."),
            ResultLinkCheck.Expired => Failure.Forbidden("This link has expired: read the run again for a fresh one."),
            _ => Failure.Unavailable("Result files are not available: this service has no signing key (Results__SigningSecret)."),
        };
        if (refused is not null)
        {
            return refused;
        }

        var run = await reader.FindLinkedAsync(client, runId, cancellationToken).ConfigureAwait(false);
        return run is { IsFinal: true } ? run : Failure.NotFound("Result file", runId);
    }
}
