using WorkflowFunctions.Orchestration;
using WorkflowFunctions.Orchestration.Contracts;

namespace WorkflowFunctions.Tests.Orchestration;

public sealed class RunBudgetAccountTests
{
    [Fact]
    public void TryGrantSubRun_SixSiblingsStartingTogether_EachGetsAShareAndTheTotalStaysWithinTheBudget()
    {
        // Arrange
        var account = new RunBudgetAccount(new RunBudget { SubRuns = 100, NodeExecutions = 10_000 });
        account.TrySpendNode();
        var grants = new List<RunBudget>();

        // Act: six workflow nodes start one after the other in the same step.
        for (var i = 0; i < 6; i++)
        {
            account.TrySpendNode();
            grants.Add(account.TryGrantSubRun(workflowNodesToStart: 6 - i, nodesToRun: 5 - i)!);
        }

        // Assert
        Assert.All(grants, g => Assert.InRange(g.SubRuns, 15, 16));
        Assert.Equal(100, grants.Count + grants.Sum(g => g.SubRuns));
        Assert.True(grants.Sum(g => g.NodeExecutions) + 7 <= 10_000);
        Assert.Null(account.TryGrantSubRun(1, 0));
    }

    [Fact]
    public void Settle_SubRunUsedLessThanItsShare_ReturnsTheRestForLaterNodes()
    {
        // Arrange
        var account = new RunBudgetAccount(new RunBudget { SubRuns = 10, NodeExecutions = 100 });
        var first = account.TryGrantSubRun(1, 0)!;

        // Act
        account.Settle(first, subRunsUsed: 2, nodeExecutionsUsed: 5);
        var second = account.TryGrantSubRun(1, 0)!;

        // Assert: 10 - 1 - 2 = 7 left, of which the second takes one and gets the other six.
        Assert.Equal((9, 100), (first.SubRuns, first.NodeExecutions));
        Assert.Equal((6, 95), (second.SubRuns, second.NodeExecutions));
        Assert.Equal((4, 5), (account.SubRunsUsed, account.NodeExecutionsUsed));
    }

    [Fact]
    public void Return_SubRunNeverStarted_GivesItsCostAndShareBack()
    {
        // Arrange
        var account = new RunBudgetAccount(new RunBudget { SubRuns = 3, NodeExecutions = 10 });
        var grant = account.TryGrantSubRun(1, 0)!;

        // Act
        account.Return(grant);

        // Assert
        Assert.Equal(0, account.SubRunsUsed);
        Assert.Equal(new RunBudget { SubRuns = 2, NodeExecutions = 10 }, account.TryGrantSubRun(1, 0));
    }

    [Fact]
    public void Forfeit_SubRunWhoseUseIsUnknown_CountsItsWholeShare()
    {
        // Arrange
        var account = new RunBudgetAccount(new RunBudget { SubRuns = 5, NodeExecutions = 10 });
        var grant = account.TryGrantSubRun(1, 2)!;

        // Act
        account.Forfeit(grant);

        // Assert
        Assert.Equal((5, 8), (account.SubRunsUsed, account.NodeExecutionsUsed));
        Assert.Null(account.TryGrantSubRun(1, 0));
        Assert.True(account.TrySpendNode());
    }

    [Fact]
    public void TrySpendNode_BudgetSpent_ReturnsFalse()
    {
        // Arrange
        var account = new RunBudgetAccount(new RunBudget { SubRuns = 0, NodeExecutions = 1 });

        // Act
        var spent = (account.TrySpendNode(), account.TrySpendNode());

        // Assert
        Assert.Equal((true, false), spent);
        Assert.Equal(1, account.NodeExecutionsUsed);
    }
}
