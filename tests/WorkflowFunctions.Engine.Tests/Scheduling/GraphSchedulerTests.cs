using WorkflowFunctions.Engine.Definition;
using WorkflowFunctions.Engine.Scheduling;
using WorkflowFunctions.Engine.Tests.Fixtures;

namespace WorkflowFunctions.Engine.Tests.Scheduling;

public class GraphSchedulerTests
{
    private const string Trigger = "052af1cb-86fd-443a-bc25-626c365025db";
    private const string IfNode = "0a4c9bdb-0378-4426-9e4d-0ba5c6e3e5a8";
    private const string TrueTarget = "58a35684-7d25-4dff-b012-609eab065751";
    private const string FalseTarget = "8f6bd336-3d7c-41fe-b94c-d47974c1e056";

    private static GraphScheduler Scheduler(WorkflowDefinition definition) => new(ExecutionPlan.Compile(definition));

    [Fact]
    public void Run_LinearChain_ReadiesOneNodeAtATimeThenSucceeds()
    {
        var scheduler = Scheduler(new GraphBuilder().Node("a", NodeTypes.Trigger).Node("b").Node("c", NodeTypes.Output).Edge("a", "b").Edge("b", "c").Build());

        Assert.Equal(["a"], scheduler.Start().Ready);
        Assert.Equal(["b"], scheduler.Complete("a").Ready);
        Assert.Equal(["c"], scheduler.Complete("b").Ready);
        Assert.Equal(RunOutcomeKind.Running, scheduler.Outcome.Kind);
        Assert.Empty(scheduler.Complete("c").Ready);
        Assert.Equal(RunOutcomeKind.Succeeded, scheduler.Outcome.Kind);
        Assert.Equal(["c"], scheduler.SucceededOutputNodes);
    }

    [Theory]
    [InlineData(Branch.True, TrueTarget, FalseTarget)]
    [InlineData(Branch.False, FalseTarget, TrueTarget)]
    public void Run_Reference003_TakesOneBranchAndSkipsTheOther(Branch branch, string taken, string skipped)
    {
        var scheduler = Scheduler(WorkflowDefinition.Parse(FixtureFiles.Reference003Data()));
        scheduler.Start();
        scheduler.Complete(Trigger);

        var step = scheduler.Complete(IfNode, branch);

        Assert.Equal([taken], step.Ready);
        Assert.Equal([skipped], step.Skipped);
        scheduler.Complete(taken);
        Assert.Equal(RunOutcomeKind.Succeeded, scheduler.Outcome.Kind);
        Assert.Equal(SchedulerNodeState.Skipped, scheduler.StateOf(skipped));
    }

    [Fact]
    public void Run_DiamondJoin_WaitsForBothSides()
    {
        var scheduler = Scheduler(
            new GraphBuilder().Node("s").Node("l").Node("r").Node("j").Edge("s", "l").Edge("s", "r").Edge("l", "j").Edge("r", "j").Build());
        scheduler.Start();

        Assert.Equal(["l", "r"], scheduler.Complete("s").Ready);
        Assert.Empty(scheduler.Complete("r").Ready);
        Assert.Equal(SchedulerNodeState.Pending, scheduler.StateOf("j"));
        Assert.Equal(["j"], scheduler.Complete("l").Ready);
    }

    [Fact]
    public void Run_JoinAfterIfElse_RunsWithOnlyTheTakenSide()
    {
        var scheduler = Scheduler(new GraphBuilder().Node("s", NodeTypes.IfElse).Node("t").Node("f").Node("j", NodeTypes.Output)
            .Edge("s", "t", Branch.True).Edge("s", "f", Branch.False).Edge("t", "j").Edge("f", "j").Build());
        scheduler.Start();

        var step = scheduler.Complete("s", Branch.False);

        Assert.Equal(["f"], step.Ready);
        Assert.Equal(["t"], step.Skipped);
        Assert.Equal(["j"], scheduler.Complete("f").Ready);
    }

    [Fact]
    public void Run_UntakenBranch_SkipsEverythingReachableOnlyThroughIt()
    {
        var scheduler = Scheduler(new GraphBuilder().Node("s", NodeTypes.IfElse).Node("t1").Node("t2").Node("t3").Node("f")
            .Edge("s", "t1", Branch.True).Edge("t1", "t2").Edge("t2", "t3").Edge("s", "f", Branch.False).Build());
        scheduler.Start();

        var step = scheduler.Complete("s", Branch.False);

        Assert.Equal(["t1", "t2", "t3"], step.Skipped);
        scheduler.Complete("f");
        Assert.Equal(RunOutcomeKind.Succeeded, scheduler.Outcome.Kind);
    }

    [Fact]
    public void Run_NestedIfElse_SkipsInnerBranchesIndependently()
    {
        var scheduler = Scheduler(new GraphBuilder().Node("a", NodeTypes.IfElse).Node("b", NodeTypes.IfElse).Node("c").Node("bt").Node("bf")
            .Edge("a", "b", Branch.True).Edge("a", "c", Branch.False).Edge("b", "bt", Branch.True).Edge("b", "bf", Branch.False).Build());
        scheduler.Start();

        Assert.Equal(["c"], scheduler.Complete("a", Branch.True).Skipped);
        var step = scheduler.Complete("b", Branch.True);

        Assert.Equal(["bt"], step.Ready);
        Assert.Equal(["bf"], step.Skipped);
    }

    [Fact]
    public void Run_NodeOnTakenAndUntakenPaths_Runs()
    {
        var scheduler = Scheduler(new GraphBuilder().Node("s").Node("i", NodeTypes.IfElse).Node("t").Node("m")
            .Edge("s", "i").Edge("i", "t", Branch.True).Edge("t", "m").Edge("s", "m").Build());
        scheduler.Start();
        scheduler.Complete("s");

        var step = scheduler.Complete("i", Branch.False);

        Assert.Equal(["m"], step.Ready);
        Assert.Equal(["t"], step.Skipped);
    }

    [Fact]
    public void Run_ParallelBranches_SuccessorReadyWithoutWaitingForOtherBranch()
    {
        var scheduler = Scheduler(new GraphBuilder().Node("s").Node("a1").Node("a2").Node("b1").Node("b2")
            .Edge("s", "a1").Edge("a1", "a2").Edge("s", "b1").Edge("b1", "b2").Build());
        scheduler.Start();
        scheduler.Complete("s");

        Assert.Equal(["a2"], scheduler.Complete("a1").Ready);
        Assert.Equal(SchedulerNodeState.Ready, scheduler.StateOf("b1"));
    }

    [Fact]
    public void Fail_WithContinueOnError_SuccessorsProceed()
    {
        var scheduler = Scheduler(new GraphBuilder().Node("a").Node("b", continueOnError: true).Node("c").Edge("a", "b").Edge("b", "c").Build());
        scheduler.Start();
        scheduler.Complete("a");

        Assert.Equal(["c"], scheduler.Fail("b", continueOnError: true).Ready);
        scheduler.Complete("c");
        Assert.Equal(RunOutcomeKind.Succeeded, scheduler.Outcome.Kind);
        Assert.Equal(SchedulerNodeState.Failed, scheduler.StateOf("b"));
    }

    [Fact]
    public void Fail_WithoutContinue_FailsRunAndStopsScheduling()
    {
        var scheduler = Scheduler(new GraphBuilder().Node("s").Node("a").Node("b").Node("after").Edge("s", "a").Edge("s", "b").Edge("b", "after").Build());
        scheduler.Start();
        scheduler.Complete("s");

        var step = scheduler.Fail("a");
        var late = scheduler.Complete("b");

        Assert.Empty(step.Ready);
        Assert.Empty(late.Ready);
        Assert.Equal(new RunOutcome(RunOutcomeKind.Failed, "a"), scheduler.Outcome);
        Assert.Equal(SchedulerNodeState.Pending, scheduler.StateOf("after"));
    }

    [Fact]
    public void Compile_UnreachableNodes_AreLeftOutAndReportedUnreachable()
    {
        var plan = ExecutionPlan.Compile(new GraphBuilder().Node("s").Node("x").Node("y").Edge("x", "y").Build());
        var scheduler = new GraphScheduler(plan);
        scheduler.Start();

        scheduler.Complete("s");

        Assert.Equal(["s"], plan.Nodes);
        Assert.Equal(SchedulerNodeState.Unreachable, scheduler.StateOf("y"));
        Assert.Equal(RunOutcomeKind.Succeeded, scheduler.Outcome.Kind);
    }

    [Fact]
    public void Complete_PredecessorWithLinkFromUnreachableNode_ReadiesWithoutWaitingForIt()
    {
        var scheduler = Scheduler(new GraphBuilder().Node("s").Node("b").Node("x").Edge("s", "b").Edge("x", "b").Build());
        scheduler.Start();

        var step = scheduler.Complete("s");

        Assert.Equal(["b"], step.Ready);
    }

    [Fact]
    public void Compile_CycleAmongUnreachableNodes_Compiles()
    {
        var definition = new GraphBuilder().Node("s").Node("x").Node("y").Edge("x", "y").Edge("y", "x").Build();

        var plan = ExecutionPlan.Compile(definition);

        Assert.Equal(["s"], plan.Nodes);
    }

    [Fact]
    public void Complete_NodeNotReady_Throws()
    {
        var scheduler = Scheduler(new GraphBuilder().Node("a").Node("b").Edge("a", "b").Build());
        scheduler.Start();

        var ex = Assert.Throws<InvalidOperationException>(() => scheduler.Complete("b"));

        Assert.Contains("'b' is Pending", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_Cycle_ThrowsNamingTheNodes()
    {
        var definition = new GraphBuilder().Node("s").Node("a").Node("b").Edge("s", "a").Edge("a", "b").Edge("b", "a").Build();

        var ex = Assert.Throws<InvalidOperationException>(() => ExecutionPlan.Compile(definition));

        Assert.Contains("cycle", ex.Message, StringComparison.Ordinal);
        Assert.Contains("a", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_UnknownStartNode_Throws()
    {
        var definition = WorkflowDefinition.Parse("""{"start_node":"nope","nodes":[{"id":"a","type":"trigger-node"}]}""");

        Assert.Throws<InvalidOperationException>(() => ExecutionPlan.Compile(definition));
    }

    [Fact]
    public void Plan_PredecessorsAndSuccessors_FollowTheFlow()
    {
        var plan = ExecutionPlan.Compile(
            new GraphBuilder().Node("s").Node("l").Node("r").Node("j").Edge("s", "l").Edge("s", "r").Edge("l", "j").Edge("r", "j").Build());

        Assert.Equal(["l", "r"], plan.Predecessors("j"));
        Assert.Equal(["l", "r"], plan.Successors("s"));
    }

    [Fact]
    public void Complete_SeveralNodesBecomeReady_ListsThemInPlanOrder()
    {
        var plan = ExecutionPlan.Compile(new GraphBuilder().Node("s").Node("y").Node("x").Edge("s", "x").Edge("s", "y").Build());
        var scheduler = new GraphScheduler(plan);
        scheduler.Start();

        var step = scheduler.Complete("s");

        Assert.Equal(["y", "x"], step.Ready);
        Assert.Equal(["s", "y", "x"], plan.Nodes);
    }

    [Fact]
    public void Fail_NodeNotReady_Throws()
    {
        var scheduler = Scheduler(new GraphBuilder().Node("a").Node("b").Edge("a", "b").Build());
        scheduler.Start();

        var ex = Assert.Throws<InvalidOperationException>(() => scheduler.Fail("b"));

        Assert.Contains("'b' is Pending", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Complete_NodeAlreadySucceeded_Throws()
    {
        var scheduler = Scheduler(new GraphBuilder().Node("a").Node("b").Edge("a", "b").Build());
        scheduler.Start();
        scheduler.Complete("a");

        Assert.Throws<InvalidOperationException>(() => scheduler.Complete("a"));
    }

    [Fact]
    public void Complete_UnreachableNode_Throws()
    {
        var scheduler = Scheduler(new GraphBuilder().Node("s").Node("x").Build());
        scheduler.Start();

        var ex = Assert.Throws<InvalidOperationException>(() => scheduler.Complete("x"));

        Assert.Contains("not part of this run", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_Twice_Throws()
    {
        var scheduler = Scheduler(new GraphBuilder().Node("a").Build());
        scheduler.Start();

        Assert.Throws<InvalidOperationException>(() => scheduler.Start());
    }

    [Fact]
    public void Fail_IfElseWithContinueOnError_TakesNeitherBranch()
    {
        var scheduler = Scheduler(new GraphBuilder().Node("i", NodeTypes.IfElse, continueOnError: true).Node("t").Node("f").Node("after")
            .Edge("i", "t", Branch.True).Edge("i", "f", Branch.False).Edge("i", "after").Build());
        scheduler.Start();

        var step = scheduler.Fail("i", continueOnError: true);

        Assert.Equal(["after"], step.Ready);
        Assert.Equal(["t", "f"], step.Skipped);
    }

    [Fact]
    public void Fail_AfterRunFailed_KeepsTheFirstFailedNode()
    {
        var scheduler = Scheduler(new GraphBuilder().Node("s").Node("a").Node("b").Edge("s", "a").Edge("s", "b").Build());
        scheduler.Start();
        scheduler.Complete("s");

        scheduler.Fail("a");
        scheduler.Fail("b");

        Assert.Equal(new RunOutcome(RunOutcomeKind.Failed, "a"), scheduler.Outcome);
        Assert.True(scheduler.IsFinal);
    }

    [Fact]
    public void SucceededOutputNodes_OutputOnUntakenBranch_IsLeftOut()
    {
        var scheduler = Scheduler(new GraphBuilder().Node("i", NodeTypes.IfElse).Node("ot", NodeTypes.Output).Node("of", NodeTypes.Output)
            .Edge("i", "ot", Branch.True).Edge("i", "of", Branch.False).Build());
        scheduler.Start();
        scheduler.Complete("i", Branch.True);

        scheduler.Complete("ot");

        Assert.Equal(["ot"], scheduler.SucceededOutputNodes);
        Assert.Equal(["ot", "of"], scheduler.Plan.OutputNodes);
    }

    [Fact]
    public void Compile_NoStartNode_Throws()
    {
        var definition = WorkflowDefinition.Parse("""{"nodes":[{"id":"a","type":"trigger-node"}]}""");

        var ex = Assert.Throws<InvalidOperationException>(() => ExecutionPlan.Compile(definition));

        Assert.Contains("start_node", ex.Message, StringComparison.Ordinal);
    }
}
