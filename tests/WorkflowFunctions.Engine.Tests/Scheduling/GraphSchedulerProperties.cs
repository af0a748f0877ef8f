using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Engine.Scheduling;

namespace WorkflowFunctions.Engine.Tests.Scheduling;

/// <summary>
/// Properties over random DAGs with random if-else outcomes and random completion orders, checked against an
/// independent reference computation of which nodes must run.
/// </summary>
public class GraphSchedulerProperties
{
    /// <summary>
    /// A random DAG: node i links only to later nodes; some nodes are if-else with labelled branches, and some
    /// plain nodes fail with <c>continue_on_error</c>, which must not change what runs.
    /// </summary>
    internal sealed record RandomDag(int Count, bool[] IsIfElse, bool[] FailsAndContinues, (int From, int To, Branch Branch)[] Links, bool[] Outcomes, int Seed)
    {
        public WorkflowDefinition ToDefinition()
        {
            var builder = new GraphBuilder();
            for (var i = 0; i < Count; i++)
            {
                builder.Node($"n{i}", IsIfElse[i] ? NodeTypes.IfElse : NodeTypes.Llm, FailsAndContinues[i]);
            }

            foreach (var (from, to, branch) in Links)
            {
                builder.Edge($"n{from}", $"n{to}", branch);
            }

            return builder.Build();
        }

        public Branch BranchOf(int node) => Outcomes[node] ? Branch.True : Branch.False;

        public override string ToString() =>
            $"{Count} nodes, if-else {string.Join(',', Enumerable.Range(0, Count).Where(i => IsIfElse[i]))}, "
                + $"failing {string.Join(',', Enumerable.Range(0, Count).Where(i => FailsAndContinues[i]))}, "
                + $"links {string.Join(' ', Links.Select(l => $"{l.From}>{l.To}{(l.Branch == Branch.None ? "" : l.Branch == Branch.True ? "T" : "F")}"))}, "
                + $"outcomes {string.Concat(Outcomes.Select(o => o ? 'T' : 'F'))}, seed {Seed}";
    }

    /// <summary>What one run to completion observed.</summary>
    private sealed record Observed(List<int> Order, Dictionary<int, int> ReadyAfter, HashSet<int> Skipped, RunOutcome Outcome, GraphScheduler Scheduler);

    private static readonly Gen<RandomDag> Dags =
        from count in Gen.Choose(1, 60)
        from ifElse in Gen.ArrayOf(ArbMap.Default.GeneratorFor<bool>(), count)
        from failing in Gen.ArrayOf(Gen.Frequency((1, Gen.Constant(true)), (5, Gen.Constant(false))), count)
        from density in Gen.Choose(1, 4)
        from picks in Gen.ArrayOf(Gen.Choose(0, 1000), count * 4)
        from outcomes in Gen.ArrayOf(ArbMap.Default.GeneratorFor<bool>(), count)
        from seed in Gen.Choose(0, int.MaxValue)
        select Build(count, ifElse, failing, density, picks, outcomes, seed);

    private static RandomDag Build(int count, bool[] ifElse, bool[] failing, int density, int[] picks, bool[] outcomes, int seed)
    {
        var links = new List<(int, int, Branch)>();
        var seen = new HashSet<(int, int, Branch)>();
        for (var i = 0; i < count - 1; i++)
        {
            var fanOut = 1 + (picks[i * 4] % density);
            for (var k = 0; k < fanOut; k++)
            {
                var to = i + 1 + (picks[(i * 4) + 1 + (k % 3)] + k * 7) % (count - i - 1);
                var branch = ifElse[i] ? ((picks[(i * 4) + 3] + k) % 2 == 0 ? Branch.True : Branch.False) : Branch.None;
                if (seen.Add((i, to, branch)))
                {
                    links.Add((i, to, branch));
                }
            }
        }

        // A failed if-else takes neither branch, so only plain nodes fail: the set of nodes that run stays the reference's.
        var failsAndContinues = failing.Select((f, i) => f && !ifElse[i]).ToArray();
        return new RandomDag(count, ifElse, failsAndContinues, [.. links], outcomes, seed);
    }

    /// <summary>
    /// Runs the scheduler to the end, finishing a random ready node each step. When <paramref name="failRunAt"/>
    /// is set, the node finished at that step fails without continue_on_error, and the ready nodes still in
    /// flight are finished afterwards.
    /// </summary>
    private static Observed Execute(RandomDag dag, int orderSeed, int? failRunAt = null)
    {
        var scheduler = new GraphScheduler(ExecutionPlan.Compile(dag.ToDefinition()));
        var random = new Random(orderSeed);
        var ready = new List<int>();
        var readyAfter = new Dictionary<int, int>();
        var skipped = new HashSet<int>();
        var order = new List<int>();
        void Apply(SchedulerStep step)
        {
            foreach (var r in step.Ready.Select(Index))
            {
                Assert.True(readyAfter.TryAdd(r, order.Count), $"n{r} became ready twice");
                ready.Add(r);
            }

            foreach (var s in step.Skipped)
            {
                Assert.True(skipped.Add(Index(s)), $"{s} skipped twice");
            }
        }

        Apply(scheduler.Start());
        while (ready.Count > 0)
        {
            var pick = random.Next(ready.Count);
            var node = ready[pick];
            ready.RemoveAt(pick);
            order.Add(node);
            var id = $"n{node}";
            Apply(
                order.Count - 1 == failRunAt ? scheduler.Fail(id)
                : dag.FailsAndContinues[node] ? scheduler.Fail(id, continueOnError: true)
                : scheduler.Complete(id, dag.IsIfElse[node] ? dag.BranchOf(node) : Branch.None));
        }

        return new Observed(order, readyAfter, skipped, scheduler.Outcome, scheduler);
    }

    private static int Index(string id) => int.Parse(id.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Reference semantics, computed without the scheduler: a node is reachable if some link path leads to it
    /// from the start, and runs iff it is the start or some live link (no branch, or the branch its if-else
    /// took) comes from a node that runs. Links only go forward, so one pass in source order settles both.
    /// </summary>
    private static (bool[] Reachable, bool[] Runs) Reference(RandomDag dag)
    {
        var reachable = new bool[dag.Count];
        var runs = new bool[dag.Count];
        reachable[0] = runs[0] = true;
        foreach (var (from, to, branch) in dag.Links.OrderBy(l => l.From))
        {
            reachable[to] |= reachable[from];
            runs[to] |= runs[from] && (branch == Branch.None || branch == dag.BranchOf(from));
        }

        return (reachable, runs);
    }

    [Property(MaxTest = 300)]
    public Property EveryLiveNodeRunsOnceAfterItsFinishedPredecessors() => Prop.ForAll(Dags.ToArbitrary(), dag =>
    {
        var run = Execute(dag, dag.Seed);
        var (reachable, runs) = Reference(dag);
        var position = run.Order.Select((node, i) => (node, i)).ToDictionary(p => p.node, p => p.i);

        var runsExactlyOnce = run.Order.Count == position.Count;
        var runsMatchReference = Enumerable.Range(0, dag.Count).All(i => runs[i] == position.ContainsKey(i));
        var readyOnlyAfterRunningPredecessors = dag.Links
            .Where(l => position.ContainsKey(l.To) && position.ContainsKey(l.From))
            .All(l => position[l.From] < run.ReadyAfter[l.To]);
        var skippedAreReachableButNotRunning = Enumerable.Range(0, dag.Count).All(i => run.Skipped.Contains(i) == (reachable[i] && !runs[i]));
        var failuresContinued = run.Order.Where(i => dag.FailsAndContinues[i]).All(i => run.Scheduler.StateOf($"n{i}") == SchedulerNodeState.Failed);

        return (runsExactlyOnce && runsMatchReference && readyOnlyAfterRunningPredecessors && skippedAreReachableButNotRunning
                && failuresContinued && run.Outcome.Kind == RunOutcomeKind.Succeeded)
            .Label(dag.ToString());
    });

    [Property(MaxTest = 300)]
    public Property OutcomeDoesNotDependOnCompletionOrder() => Prop.ForAll(Dags.ToArbitrary(), dag =>
    {
        var first = Execute(dag, dag.Seed);
        var second = Execute(dag, unchecked(dag.Seed * 31 + 7));

        return (first.Order.ToHashSet().SetEquals(second.Order) && first.Skipped.SetEquals(second.Skipped) && first.Outcome == second.Outcome)
            .Label(dag.ToString());
    });

    [Property(MaxTest = 200)]
    public Property AFailureStopsSchedulingButInFlightNodesMayFinish() => Prop.ForAll(Dags.ToArbitrary(), Gen.Choose(0, 59).ToArbitrary(), (dag, at) =>
    {
        var failAt = at % Reference(dag).Runs.Count(r => r);
        var run = Execute(dag, dag.Seed, failAt);
        var failed = run.Order[failAt];

        var nothingReadiedAfterFailure = run.ReadyAfter.Values.All(after => after <= failAt);
        var unfinishedStayPending = Enumerable.Range(0, dag.Count)
            .Where(i => !run.ReadyAfter.ContainsKey(i) && i != 0 && !run.Skipped.Contains(i) && run.Scheduler.Plan.Contains($"n{i}"))
            .All(i => run.Scheduler.StateOf($"n{i}") == SchedulerNodeState.Pending);

        return (run.Outcome == new RunOutcome(RunOutcomeKind.Failed, $"n{failed}") && nothingReadiedAfterFailure && unfinishedStayPending)
            .Label($"{dag}, fail step {failAt}");
    });
}
