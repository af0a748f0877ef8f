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
    /// <summary>A random DAG: node i links only to later nodes; some nodes are if-else with labelled branches.</summary>
    internal sealed record RandomDag(int Count, bool[] IsIfElse, (int From, int To, Branch Branch)[] Links, bool[] Outcomes, int Seed)
    {
        public WorkflowDefinition ToDefinition()
        {
            var builder = new GraphBuilder();
            for (var i = 0; i < Count; i++)
            {
                builder.Node($"n{i}", IsIfElse[i] ? NodeTypes.IfElse : NodeTypes.Llm);
            }

            foreach (var (from, to, branch) in Links)
            {
                builder.Edge($"n{from}", $"n{to}", branch);
            }

            return builder.Build();
        }

        public Branch BranchOf(int node) => Outcomes[node] ? Branch.True : Branch.False;

        public override string ToString() =>
            $"{Count} nodes, if-else {string.Join(',', Enumerable.Range(0, Count).Where(i => IsIfElse[i]))}, links {string.Join(' ', Links.Select(l => $"{l.From}>{l.To}{(l.Branch == Branch.None ? "" : l.Branch == Branch.True ? "T" : "F")}"))}, seed {Seed}";
    }

    private static readonly Gen<RandomDag> Dags =
        from count in Gen.Choose(1, 60)
        from ifElse in Gen.ArrayOf(ArbMap.Default.GeneratorFor<bool>(), count)
        from density in Gen.Choose(1, 4)
        from picks in Gen.ArrayOf(Gen.Choose(0, 1000), count * 4)
        from outcomes in Gen.ArrayOf(ArbMap.Default.GeneratorFor<bool>(), count)
        from seed in Gen.Choose(0, int.MaxValue)
        select Build(count, ifElse, density, picks, outcomes, seed);

    private static RandomDag Build(int count, bool[] ifElse, int density, int[] picks, bool[] outcomes, int seed)
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

        return new RandomDag(count, ifElse, [.. links], outcomes, seed);
    }

    /// <summary>Runs the scheduler to the end, completing a random ready node each step.</summary>
    private static (List<int> Order, HashSet<int> Skipped, RunOutcome Outcome) Execute(RandomDag dag, int orderSeed)
    {
        var scheduler = new GraphScheduler(ExecutionPlan.Compile(dag.ToDefinition()));
        var random = new Random(orderSeed);
        var ready = new List<int>();
        var skipped = new HashSet<int>();
        var order = new List<int>();
        void Apply(SchedulerStep step)
        {
            ready.AddRange(step.Ready.Select(Index));
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
            Apply(scheduler.Complete($"n{node}", dag.IsIfElse[node] ? dag.BranchOf(node) : Branch.None));
        }

        return (order, skipped, scheduler.Outcome);
    }

    private static int Index(string id) => int.Parse(id.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Reference semantics: a node runs iff it is the start, or some live link reaches it from a node that runs.</summary>
    private static bool[] ExpectedRuns(RandomDag dag)
    {
        var reachable = new bool[dag.Count];
        reachable[0] = true;
        var runs = new bool[dag.Count];
        runs[0] = true;
        foreach (var (from, to, branch) in dag.Links.OrderBy(l => l.From))
        {
            if (reachable[from])
            {
                reachable[to] = true;
            }

            if (runs[from] && (branch == Branch.None || branch == dag.BranchOf(from)))
            {
                runs[to] = true;
            }
        }

        return runs;
    }

    [Property(MaxTest = 300)]
    public Property EveryLiveNodeRunsOnceAfterItsFinishedPredecessors() => Prop.ForAll(Dags.ToArbitrary(), dag =>
    {
        var (order, skipped, outcome) = Execute(dag, dag.Seed);
        var expected = ExpectedRuns(dag);
        var position = order.Select((node, i) => (node, i)).ToDictionary(p => p.node, p => p.i);

        var runsExactlyOnce = order.Count == order.Distinct().Count();
        var runsMatchReference = Enumerable.Range(0, dag.Count).All(i => expected[i] == position.ContainsKey(i));
        var predecessorsFirst = dag.Links.All(l => !position.ContainsKey(l.To) || !position.ContainsKey(l.From) || position[l.From] < position[l.To]);
        var skippedAreTheReachableNonRunning = skipped.All(i => !expected[i]);

        return (runsExactlyOnce && runsMatchReference && predecessorsFirst && skippedAreTheReachableNonRunning && outcome.Kind == RunOutcomeKind.Succeeded)
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

    [Property(MaxTest = 100)]
    public Property FailingANodeFailsTheRunRegardlessOfOrder() => Prop.ForAll(Dags.ToArbitrary(), dag =>
    {
        var scheduler = new GraphScheduler(ExecutionPlan.Compile(dag.ToDefinition()));
        scheduler.Start();
        scheduler.Fail("n0");

        return (scheduler.Outcome == new RunOutcome(RunOutcomeKind.Failed, "n0")).Label(dag.ToString());
    });
}
