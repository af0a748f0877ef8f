using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Orchestration.Contracts;

namespace WorkflowFunctions.Runs;

/// <summary>
/// A run's events, derived from a <see cref="RunSnapshot"/>. The orchestrator numbers each node event as it
/// happens and keeps the numbers in the run's progress (while it runs) and its result (once it ends), so every
/// reader, on any instance, before or after a restart, derives the same events with the same numbers: 1 queued,
/// 2 started, then the nodes' events, then the output (when there is one) and exactly one terminal event. No event
/// is stored on its own; the feed costs no storage request beyond reading the run.
/// <para>
/// While the run is in progress only the gap-free prefix is given (a progress that had to leave its timelines out
/// of the status budget shows its node events once the run ends), so a later snapshot only ever extends what an
/// earlier one gave. A run stopped by force (terminated) has no result: its events are those of its last progress,
/// then a cancel for each node that had started and not ended, then the terminal event.
/// </para>
/// </summary>
public static class RunFeed
{
    /// <summary>
    /// The events the snapshot shows, in order. <paramref name="knownResult"/> supplies results this reader has seen
    /// before that the snapshot's progress has since left out.
    /// </summary>
    public static IReadOnlyList<RunEvent> Events(RunSnapshot run, Func<string, JsonObject?>? knownResult = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var events = new List<RunEvent>
        {
            new(RunEventNumbers.Queued, RunEventType.RunQueued, run.Id, run.CreatedAt)
            {
                WorkflowId = run.WorkflowId,
                Version = run.Version,
                BatchId = run.BatchId,
                BatchIndex = run.BatchIndex,
                ParentRunId = run.ParentRunId,
            },
        };
        if (run.State == RunState.NotStarted)
        {
            if (run.IsFinal)
            {
                events.Add(Terminal(run, RunEventNumbers.Started, run.CompletedAt ?? run.CreatedAt));
            }

            return events;
        }

        if (run.StartedAt is { } startedAt)
        {
            events.Add(new RunEvent(RunEventNumbers.Started, RunEventType.RunStarted, run.Id, startedAt));
            foreach (var node in run.Nodes)
            {
                AddNodeEvents(events, run, node, startedAt, knownResult);
            }
        }

        events.Sort((a, b) => a.Seq.CompareTo(b.Seq));
        switch (run.State)
        {
            case RunState.Completed when run.Result is { } result:
                // The output event is the one before the terminal event when no node event took that number (a result
                // kept beside a stored whole has no outputs of its own to tell).
                if (run.Seq - 1 > events[^1].Seq)
                {
                    events.Add(new RunEvent(run.Seq - 1, RunEventType.RunOutput, run.Id, Utc(result.CompletedAt))
                    {
                        Output = result.Output,
                        Outputs = result.Outputs,
                    });
                }

                events.Add(Terminal(run, run.Seq, Utc(result.CompletedAt)));
                return events;
            case RunState.Terminated or RunState.Faulted:
                var seq = Math.Max(run.Seq, events[^1].Seq);
                var at = run.CompletedAt ?? run.CreatedAt;
                foreach (var node in run.Nodes.Where(n => n.Timeline is { Start: not null, End: null }))
                {
                    events.Add(new RunEvent(++seq, RunEventType.NodeCancelled, run.Id, at)
                    {
                        NodeId = node.Id,
                        NodeType = node.Type,
                        StartedAt = node.StartedAt,
                        Error = run.Error?.Message is { } reason ? RetryMark.Shorten(reason) : null,
                    });
                }

                events.Add(Terminal(run, seq + 1, at));
                return events;
            default:
                return GapFree(events);
        }
    }

    /// <summary>The events after <paramref name="after"/> (0: all).</summary>
    public static IEnumerable<RunEvent> After(IReadOnlyList<RunEvent> events, int after)
    {
        ArgumentNullException.ThrowIfNull(events);
        return events.Where(e => e.Seq > after);
    }

    private static void AddNodeEvents(
        List<RunEvent> events, RunSnapshot run, NodeSnapshot node, DateTimeOffset startedAt, Func<string, JsonObject?>? knownResult)
    {
        if (node.Timeline is not { } timeline)
        {
            return;
        }

        if (timeline.Start is { } start)
        {
            events.Add(NodeEvent(start.Seq, RunEventType.NodeStarted, run, node, start.At(startedAt)));
        }

        if (timeline.Wait is { } wait)
        {
            events.Add(NodeEvent(wait.Seq, RunEventType.NodeWaiting, run, node, wait.At(startedAt)));
        }

        var attempt = 0;
        foreach (var retry in timeline.Retries ?? [])
        {
            events.Add(NodeEvent(retry.Seq, RunEventType.NodeRetrying, run, node, startedAt.AddMilliseconds(retry.AtMs)) with
            {
                Attempt = ++attempt,
                Error = retry.Error,
                NextAttemptAt = startedAt.AddMilliseconds(retry.NextAtMs),
            });
        }

        if (timeline.End is not { } end)
        {
            return;
        }

        var ended = NodeEvent(end.Seq, EndType(node.Status), run, node, end.At(startedAt)) with
        {
            StartedAt = timeline.Start?.At(startedAt),
            ChildRunId = node.ChildRunId,
        };
        if (node.Status == NodeStatus.Succeeded)
        {
            var result = node.Result ?? knownResult?.Invoke(node.Id);
            ended = ended with { Result = result, ResultAvailable = result is not null };
        }
        else
        {
            // Cut as the progress carries it, so the event reads the same before and after the run ends.
            ended = ended with { Error = node.Error is { } error ? RetryMark.Shorten(error) : null };
        }

        events.Add(ended);
    }

    private static RunEvent NodeEvent(int seq, RunEventType type, RunSnapshot run, NodeSnapshot node, DateTimeOffset at) =>
        new(seq, type, run.Id, at) { NodeId = node.Id, NodeType = node.Type };

    private static RunEventType EndType(NodeStatus status) => status switch
    {
        NodeStatus.Succeeded => RunEventType.NodeSucceeded,
        NodeStatus.Skipped => RunEventType.NodeSkipped,
        NodeStatus.Cancelled => RunEventType.NodeCancelled,
        _ => RunEventType.NodeFailed,
    };

    private static RunEvent Terminal(RunSnapshot run, int seq, DateTimeOffset at) => new(seq, TerminalType(run.Status), run.Id, at)
    {
        RunError = run.Error,
        Metrics = run.State == RunState.Completed ? run.Metrics : null,
    };

    private static RunEventType TerminalType(RunStatus status) => status switch
    {
        RunStatus.Succeeded => RunEventType.RunSucceeded,
        RunStatus.Cancelled => RunEventType.RunCancelled,
        _ => RunEventType.RunFailed,
    };

    // While the run goes on: only events with no number missing before them.
    private static List<RunEvent> GapFree(List<RunEvent> events)
    {
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i].Seq != i + 1)
            {
                return events[..i];
            }
        }

        return events;
    }

    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));
}
