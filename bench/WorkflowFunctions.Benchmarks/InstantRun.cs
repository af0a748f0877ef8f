using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Engine.Scheduling;

namespace WorkflowFunctions.Benchmarks;

/// <summary>
/// Drives a scheduler to the end the way the orchestrator does, except that every ready node finishes at
/// once, so what is measured is the scheduling itself.
/// </summary>
internal static class InstantRun
{
    /// <summary>Runs <paramref name="plan"/> to its outcome; every if-else node takes <paramref name="taken"/>.</summary>
    public static RunOutcomeKind ToEnd(ExecutionPlan plan, Branch taken)
    {
        var scheduler = new GraphScheduler(plan);
        var ready = new Queue<string>(scheduler.Start().Ready);
        while (ready.TryDequeue(out var id))
        {
            var branch = plan.TypeOf(id) == NodeTypes.IfElse ? taken : Branch.None;
            foreach (var next in scheduler.Complete(id, branch).Ready)
            {
                ready.Enqueue(next);
            }
        }

        return scheduler.Outcome.Kind;
    }
}
