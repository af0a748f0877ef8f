using WorkflowFunctions.Storage.Batches;

namespace WorkflowFunctions.Orchestration.Contracts;

/// <summary>
/// Run identifiers: hyphenated UUIDs for runs started through an API (runs from before that change have 32 hex
/// digits and are still found), <c>&lt;batch&gt;-&lt;index&gt;</c> for batch items (readable before they start), and
/// <c>&lt;run&gt;:&lt;node&gt;</c> for a <c>workflow-node</c>'s sub-run. Anything else (a batch's own id, a batch segment,
/// a forged or garbled id) names no run, which a reader answers without a storage read.
/// </summary>
public static class RunIds
{
    /// <summary>The longest run id the service ever hands out: a sub-run of a sub-run ... five levels deep.</summary>
    public const int MaxLength = 600;

    /// <summary>A new run id.</summary>
    public static string New() => Guid.NewGuid().ToString("D");

    /// <summary>The id of the sub-run a run's <c>workflow-node</c> starts.</summary>
    public static string SubRun(string parentRunId, string nodeId) => parentRunId + ":" + nodeId;

    /// <summary>What kind of run <paramref name="id"/> names, or <see cref="RunIdKind.None"/>.</summary>
    public static RunIdKind Classify(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxLength)
        {
            return RunIdKind.None;
        }

        var colon = id.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0)
        {
            // A sub-run: its parent is a run of any kind, its last part a node id.
            var node = id[(id.LastIndexOf(':') + 1)..];
            return Classify(id[..id.LastIndexOf(':')]) != RunIdKind.None && IsNodeId(node) ? RunIdKind.SubRun : RunIdKind.None;
        }

        if (Guid.TryParseExact(id, "D", out _) || Guid.TryParseExact(id, "N", out _))
        {
            return RunIdKind.Run;
        }

        return BatchItems.TryParseRunId(id, out _, out _) ? RunIdKind.BatchItem : RunIdKind.None;
    }

    /// <summary>The run id of a batch's item: the batch id and the zero-based index, so it can be listed before the run starts.</summary>
    public static string BatchItem(string batchId, int index) => BatchItems.RunId(batchId, index);

    /// <summary>The batch and index of a batch item's id.</summary>
    public static bool TryParseBatchItem(string id, out string batchId, out int index) => BatchItems.TryParseRunId(id, out batchId, out index);

    /// <summary>The run that started a sub-run, or null for a top-level run.</summary>
    public static string? ParentOf(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var colon = id.LastIndexOf(':');
        return colon > 0 ? id[..colon] : null;
    }

    // Node ids are UUIDs in reference 003, but any printable id without separators a graph may use is allowed.
    private static bool IsNodeId(string node) =>
        node.Length is > 0 and <= 100 && node.All(c => c is > ' ' and < (char)127 and not ':' and not '/' and not '\\' and not '#' and not '?');
}

/// <summary>What a run identifier names.</summary>
public enum RunIdKind
{
    /// <summary>Nothing: not an id this service hands out for runs.</summary>
    None,

    /// <summary>A run started through an API.</summary>
    Run,

    /// <summary>One item of a batch.</summary>
    BatchItem,

    /// <summary>A <c>workflow-node</c>'s sub-run.</summary>
    SubRun,
}
