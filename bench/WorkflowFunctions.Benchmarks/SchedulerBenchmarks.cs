using BenchmarkDotNet.Attributes;
using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Engine.Scheduling;

namespace WorkflowFunctions.Benchmarks;

/// <summary>
/// The graph scheduler on the 1,000-node layered graph (<see cref="LargeGraph"/>): compiling the plan, and
/// running it to the end when every if-else takes its true branch (almost everything runs) or its false
/// branch (the chain of if-else nodes is skipped, so dead-path elimination does real work).
/// </summary>
[MemoryDiagnoser]
public class SchedulerBenchmarks
{
    private WorkflowDefinition _definition = null!;
    private ExecutionPlan _plan = null!;

    [GlobalSetup]
    public void Setup()
    {
        _definition = WorkflowDefinition.FromJson(LargeGraph.Build());
        _plan = ExecutionPlan.Compile(_definition);
        if (InstantRun.ToEnd(_plan, Branch.True) != RunOutcomeKind.Succeeded || InstantRun.ToEnd(_plan, Branch.False) != RunOutcomeKind.Succeeded)
        {
            throw new InvalidOperationException("The benchmark graph does not run to success.");
        }
    }

    /// <summary>Compiling alone: reachability, topological order and index-based links.</summary>
    [Benchmark]
    public ExecutionPlan Compile1000Nodes() => ExecutionPlan.Compile(_definition);

    /// <summary>Compile, then run to the end with every if-else taking its true branch.</summary>
    [Benchmark]
    public RunOutcomeKind CompileAndRun1000NodesTrueBranches() => InstantRun.ToEnd(ExecutionPlan.Compile(_definition), Branch.True);

    /// <summary>Compile, then run to the end with every if-else taking its false branch (skips propagate).</summary>
    [Benchmark]
    public RunOutcomeKind CompileAndRun1000NodesFalseBranches() => InstantRun.ToEnd(ExecutionPlan.Compile(_definition), Branch.False);

    /// <summary>Run only, on a plan compiled once (the per-run cost when a definition version's plan is cached).</summary>
    [Benchmark]
    public RunOutcomeKind Run1000NodesOnCompiledPlan() => InstantRun.ToEnd(_plan, Branch.True);
}
