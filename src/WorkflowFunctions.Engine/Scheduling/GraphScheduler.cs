using WorkflowFunctions.Engine.Definition;

namespace WorkflowFunctions.Engine.Scheduling;

/// <summary>
/// The per-run state machine over an <see cref="ExecutionPlan"/>. Pure and deterministic: the same calls in
/// the same order give the same answers, so an orchestrator can rebuild it by replay.
/// <para>
/// A node becomes ready once every incoming link is resolved (its source finished, or the link is dead) and
/// at least one is live. A link is dead when it is an if-else branch that was not taken, or when its source
/// was skipped; a node whose incoming links are all dead is skipped, and skipping propagates. Each link is
/// resolved exactly once, so a whole run costs O(nodes + links).
/// </para>
/// </summary>
public sealed class GraphScheduler
{
    private static readonly SchedulerStep Nothing = new([], []);
    private readonly ExecutionPlan _plan;
    private readonly SchedulerNodeState[] _states;
    private readonly int[] _unresolved;
    private readonly int[] _live;
    // Scratch space reused by every transition (a scheduler serves one run, one call at a time).
    private readonly List<int> _ready = [];
    private readonly List<int> _skipped = [];
    private readonly Stack<int> _deadSources = new();
    private int _settled;
    private bool _started;

    public GraphScheduler(ExecutionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        _plan = plan;
        var count = plan.NodeIds.Length;
        _states = new SchedulerNodeState[count];
        _unresolved = new int[count];
        _live = new int[count];
        for (var i = 0; i < count; i++)
        {
            _unresolved[i] = plan.Incoming[i].Length;
        }

        Outcome = new RunOutcome(RunOutcomeKind.Running);
    }

    /// <summary>The plan this scheduler runs.</summary>
    public ExecutionPlan Plan => _plan;

    /// <summary>The run's outcome so far.</summary>
    public RunOutcome Outcome { get; private set; }

    /// <summary>True once the outcome is no longer <see cref="RunOutcomeKind.Running"/>.</summary>
    public bool IsFinal => Outcome.Kind != RunOutcomeKind.Running;

    /// <summary>Output nodes that succeeded, in topological order.</summary>
    public IReadOnlyList<string> SucceededOutputNodes =>
        [.. _plan.OutputNodes.Where(id => _states[_plan.IndexOf(id)] == SchedulerNodeState.Succeeded)];

    /// <summary>Starts the run: returns the initially ready nodes (the start node).</summary>
    public SchedulerStep Start()
    {
        if (_started)
        {
            throw new InvalidOperationException("The run has already started.");
        }

        _started = true;
        _states[0] = SchedulerNodeState.Ready;
        return new SchedulerStep([_plan.NodeIds[0]], []);
    }

    /// <summary>A ready node finished. <paramref name="branch"/> is the taken branch of an if-else node (else <see cref="Branch.None"/>).</summary>
    public SchedulerStep Complete(string nodeId, Branch branch = Branch.None) => Finish(nodeId, SchedulerNodeState.Succeeded, branch);

    /// <summary>
    /// A ready node failed. With <paramref name="continueOnError"/> its successors proceed as if it had finished
    /// (a failed if-else node takes neither branch); otherwise the run fails and nothing more becomes ready.
    /// </summary>
    public SchedulerStep Fail(string nodeId, bool continueOnError = false)
    {
        if (continueOnError)
        {
            return Finish(nodeId, SchedulerNodeState.Failed, Branch.None);
        }

        var index = ReadyIndex(nodeId);
        _states[index] = SchedulerNodeState.Failed;
        _settled++;
        if (Outcome.Kind == RunOutcomeKind.Running)
        {
            Outcome = new RunOutcome(RunOutcomeKind.Failed, nodeId);
        }

        return Nothing;
    }

    /// <summary>The scheduler's view of a node (<see cref="SchedulerNodeState.Unreachable"/> for nodes the plan does not contain).</summary>
    public SchedulerNodeState StateOf(string nodeId) =>
        _plan.TryIndexOf(nodeId, out var index) ? _states[index] : SchedulerNodeState.Unreachable;

    private SchedulerStep Finish(string nodeId, SchedulerNodeState state, Branch branch)
    {
        var index = ReadyIndex(nodeId);
        _states[index] = state;
        _settled++;
        if (Outcome.Kind == RunOutcomeKind.Failed)
        {
            // Work already in flight may still report after the run failed; it changes nothing downstream.
            return Nothing;
        }

        _ready.Clear();
        _skipped.Clear();
        Resolve(index, branch);
        while (_deadSources.Count > 0)
        {
            Resolve(_deadSources.Pop(), null);
        }

        if (_settled == _states.Length)
        {
            Outcome = new RunOutcome(RunOutcomeKind.Succeeded);
        }

        return _ready.Count == 0 && _skipped.Count == 0 ? Nothing : new SchedulerStep(InPlanOrder(_ready), InPlanOrder(_skipped));
    }

    /// <summary>Plan indices are topological positions, so sorting them gives the documented deterministic order.</summary>
    private string[] InPlanOrder(List<int> indices)
    {
        if (indices.Count == 0)
        {
            return [];
        }

        indices.Sort();
        var ids = new string[indices.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = _plan.NodeIds[indices[i]];
        }

        return ids;
    }

    /// <summary>Resolves every outgoing link of a settled node. <paramref name="taken"/> is null for a skipped source (all links dead).</summary>
    private void Resolve(int source, Branch? taken)
    {
        foreach (var link in _plan.Outgoing[source])
        {
            var live = taken is { } branch && (link.Branch == Branch.None || link.Branch == branch);
            var target = link.Node;
            if (live)
            {
                _live[target]++;
            }

            if (--_unresolved[target] > 0)
            {
                continue;
            }

            if (_live[target] > 0)
            {
                _states[target] = SchedulerNodeState.Ready;
                _ready.Add(target);
            }
            else
            {
                _states[target] = SchedulerNodeState.Skipped;
                _settled++;
                _skipped.Add(target);
                _deadSources.Push(target);
            }
        }
    }

    private int ReadyIndex(string nodeId)
    {
        ArgumentNullException.ThrowIfNull(nodeId);
        if (!_plan.TryIndexOf(nodeId, out var index))
        {
            throw new InvalidOperationException($"Node '{nodeId}' is not part of this run (unknown or unreachable).");
        }

        if (_states[index] != SchedulerNodeState.Ready)
        {
            throw new InvalidOperationException($"Node '{nodeId}' is {_states[index]}, not Ready; only ready nodes can complete or fail.");
        }

        return index;
    }
}
