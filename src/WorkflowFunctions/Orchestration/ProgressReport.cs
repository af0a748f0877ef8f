using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Serialization;

namespace WorkflowFunctions.Orchestration;

/// <summary>
/// Builds the custom status, never larger than its budget. Node states and the sequence number go in first, then the
/// nodes' timelines (their events with times) and the errors of nodes that ended failed or cancelled, when all of that
/// fits; finished results are added newest first while the status stays within the budget, and the rest are named in
/// <c>omitted_results</c> as far as their names fit, so a run whose nodes return 100 KB each still reports every
/// node's state. Newest first, because a live reader (the event feed, a polling client) has seen the older results
/// already, while the latest it has not. A graph too large for all its states keeps the nodes in flight (a waiting
/// approval is decided by its state) and then the others in plan order while they fit.
/// <para>
/// Sizes are added up entry by entry and the whole status is serialized once to check; what the estimate missed
/// (escaping) is taken back in one step. Re-serializing the status for every result dropped, or every status with
/// every timeline only to find it too large, made a 500-node chain allocate 450 KB per episode here.
/// </para>
/// </summary>
internal static class ProgressReport
{
    /// <summary>
    /// The largest budget: the Functions host fails an orchestration whose custom status is over 16 KB of UTF-16
    /// (8,192 characters), and a status measured in UTF-8 bytes never has more characters than bytes.
    /// </summary>
    public const int MaxBudgetBytes = 8 * 1024;

    // Quotes, colon and comma around each map entry (or quotes and comma around each listed name).
    private const int EntryOverhead = 4;

    // The least one timeline adds to the status: its entry and {"end":[0,0]}.
    private const int LeastTimelineBytes = EntryOverhead + 13;

    private static readonly int[] StatusBytes = Enum.GetValues<NodeStatus>()
        .Select(s => Encoding.UTF8.GetByteCount(JsonNamingPolicy.SnakeCaseLower.ConvertName(s.ToString())) + 2)
        .ToArray();

    public static WorkflowRunProgress Build(
        RunStatus status, DateTime? startedAt, NodeLedger ledger, int budgetBytes, int? queuePosition = null, DateTimeOffset? queuedAt = null)
    {
        var progress = new WorkflowRunProgress
        {
            Status = status,
            StartedAt = startedAt,
            QueuePosition = queuePosition,
            QueuedAt = queuedAt,
            Seq = ledger.LastSeq,
        };
        var used = Measure(progress);
        var (nodes, childRuns, listed) = States(ledger, budgetBytes, ref used);
        progress = progress with { Nodes = nodes, ChildRuns = childRuns };

        if (listed == ledger.Entries.Count && used + LeastTimelines(ledger) <= budgetBytes)
        {
            var withTimeline = progress with { Timeline = ledger.Timelines(), Errors = Errors(ledger) };
            var withUsed = Measure(withTimeline);
            if (withUsed <= budgetBytes)
            {
                (progress, used) = (withTimeline, withUsed);
            }
        }

        var chosen = new HashSet<string>(StringComparer.Ordinal);
        var omitted = new List<string>();
        for (var i = ledger.Succeeded.Count - 1; i >= 0; i--)
        {
            var entry = ledger.Succeeded[i];
            var idBytes = Encoding.UTF8.GetByteCount(entry.Id) + EntryOverhead;
            if (entry.Result is not null && used + idBytes + entry.ResultBytes <= budgetBytes)
            {
                chosen.Add(entry.Id);
                used += idBytes + entry.ResultBytes;
            }
            else if (used + idBytes <= budgetBytes)
            {
                omitted.Add(entry.Id);
                used += idBytes;
            }
        }

        var results = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var entry in ledger.Succeeded)
        {
            if (chosen.Contains(entry.Id))
            {
                results[entry.Id] = entry.Result!;
            }
        }

        omitted.Reverse();
        progress = progress with { Results = results, OmittedResults = omitted };
        return FitExactly(progress, ledger, budgetBytes);
    }

    /// <summary>The status's size as the worker writes it (<see cref="DurablePayloadJson"/>).</summary>
    public static int Measure(WorkflowRunProgress progress) => JsonSerializer.SerializeToUtf8Bytes(progress, DurablePayloadJson.Options).Length;

    /// <summary>
    /// Every node's state (and sub-run) when all fit; otherwise those in flight first, then the others in plan order,
    /// while they fit. The map keeps plan order either way. Returns how many nodes it lists.
    /// </summary>
    private static (Dictionary<string, NodeStatus> Nodes, Dictionary<string, string> ChildRuns, int Listed) States(
        NodeLedger ledger, int budgetBytes, ref int used)
    {
        var entries = ledger.Entries;
        var costs = new int[entries.Count];
        var total = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            costs[i] = StateBytes(entries[i]);
            total += costs[i];
        }

        var keep = new bool[entries.Count];
        if (used + total <= budgetBytes)
        {
            Array.Fill(keep, true);
            used += total;
        }
        else
        {
            // In flight first, then the rest; each pass in plan order.
            foreach (var inFlight in new[] { true, false })
            {
                for (var i = 0; i < entries.Count; i++)
                {
                    if (IsInFlight(entries[i]) == inFlight && used + costs[i] <= budgetBytes)
                    {
                        keep[i] = true;
                        used += costs[i];
                    }
                }
            }
        }

        var nodes = new Dictionary<string, NodeStatus>(entries.Count, StringComparer.Ordinal);
        var childRuns = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            if (keep[i])
            {
                nodes[entries[i].Id] = entries[i].Status;
                if (entries[i].ChildRunId is { } child)
                {
                    childRuns[entries[i].Id] = child;
                }
            }
        }

        return (nodes, childRuns, nodes.Count);
    }

    /// <summary>
    /// Checks the whole status once and, when the estimate fell short (escaping), takes back at least the excess in
    /// one step: the oldest results, then the omitted names, then timelines and errors, then node states from the last
    /// listed. Each step removes entries whose estimated sizes cover the excess; escaping only ever adds to an entry's
    /// size, so one step is enough, and the loop only guards the order of the steps.
    /// </summary>
    private static WorkflowRunProgress FitExactly(WorkflowRunProgress progress, NodeLedger ledger, int budgetBytes)
    {
        for (var size = Measure(progress); size > budgetBytes; size = Measure(progress))
        {
            var excess = size - budgetBytes;
            if (progress.Results.Count > 0)
            {
                var results = new Dictionary<string, JsonObject>(progress.Results, StringComparer.Ordinal);
                var omitted = progress.OmittedResults.ToList();
                foreach (var entry in ledger.Succeeded)
                {
                    if (excess <= 0)
                    {
                        break;
                    }

                    if (results.Remove(entry.Id))
                    {
                        // Named as omitted in completion order, without counting the name against the excess.
                        omitted.Add(entry.Id);
                        excess -= entry.ResultBytes;
                    }
                }

                progress = progress with { Results = results, OmittedResults = omitted };
            }
            else if (progress.OmittedResults.Count > 0)
            {
                var omitted = progress.OmittedResults.ToList();
                var drop = 0;
                while (drop < omitted.Count && excess > 0)
                {
                    excess -= Encoding.UTF8.GetByteCount(omitted[drop++]) + EntryOverhead;
                }

                progress = progress with { OmittedResults = omitted[drop..] };
            }
            else if (progress.Timeline.Count > 0 || progress.Errors.Count > 0)
            {
                progress = progress with { Timeline = new Dictionary<string, NodeTimeline>(), Errors = new Dictionary<string, string>() };
            }
            else if (progress.Nodes.Count > 0)
            {
                var nodes = new Dictionary<string, NodeStatus>(progress.Nodes, StringComparer.Ordinal);
                var childRuns = new Dictionary<string, string>(progress.ChildRuns, StringComparer.Ordinal);
                for (var i = ledger.Entries.Count - 1; i >= 0 && excess > 0; i--)
                {
                    var entry = ledger.Entries[i];
                    if (!IsInFlight(entry) && nodes.Remove(entry.Id))
                    {
                        childRuns.Remove(entry.Id);
                        excess -= StateBytes(entry);
                    }
                }

                for (var i = ledger.Entries.Count - 1; i >= 0 && excess > 0; i--)
                {
                    var entry = ledger.Entries[i];
                    if (nodes.Remove(entry.Id))
                    {
                        childRuns.Remove(entry.Id);
                        excess -= StateBytes(entry);
                    }
                }

                progress = progress with { Nodes = nodes, ChildRuns = childRuns };
            }
            else
            {
                // Only the run's own fields are left; a budget this small is refused when the options are validated.
                return progress;
            }
        }

        return progress;
    }

    private static bool IsInFlight(NodeEntry entry) => entry.Status is NodeStatus.Running or NodeStatus.Waiting;

    /// <summary>A node's state entry and, for a workflow node, its sub-run's entry, in UTF-8 bytes before escaping.</summary>
    private static int StateBytes(NodeEntry entry)
    {
        var idBytes = Encoding.UTF8.GetByteCount(entry.Id) + EntryOverhead;
        var bytes = idBytes + StatusBytes[(int)entry.Status];
        return entry.ChildRunId is { } child ? bytes + idBytes + Encoding.UTF8.GetByteCount(child) + 2 : bytes;
    }

    /// <summary>The least the timelines of the nodes that have one add to the status.</summary>
    private static int LeastTimelines(NodeLedger ledger)
    {
        var bytes = 0;
        foreach (var entry in ledger.Entries)
        {
            if (entry.StartMark is not null || entry.EndMark is not null)
            {
                bytes += Encoding.UTF8.GetByteCount(entry.Id) + LeastTimelineBytes;
            }
        }

        return bytes;
    }

    private static Dictionary<string, string> Errors(NodeLedger ledger)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in ledger.Entries)
        {
            if (entry.Error is { } error && entry.EndMark is not null)
            {
                errors[entry.Id] = RetryMark.Shorten(error);
            }
        }

        return errors;
    }
}
