using WorkflowFunctions.Storage.Batches;

namespace WorkflowFunctions.Storage.Tests.Batches;

/// <summary>Batch item run IDs: formed from the batch and index, and parsed back (no storage involved).</summary>
public sealed class BatchRunIdTests
{
    [Fact]
    public void BatchRunId_Index_PadsToFiveDigits()
    {
        var id = BatchItems.RunId("b_abc", 7);

        Assert.Equal("b_abc-00007", id);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(249)]
    [InlineData(123456)]
    public void TryParseBatchRunId_BatchRunId_RoundTrips(int index)
    {
        var parsed = BatchItems.TryParseRunId(BatchItems.RunId("b_0123abcd", index), out var batch, out var parsedIndex);

        Assert.True(parsed);
        Assert.Equal(("b_0123abcd", index), (batch, parsedIndex));
    }

    [Theory]
    [InlineData("run_0123abcd")]
    [InlineData("b_abc")]
    [InlineData("b_abc-")]
    [InlineData("b_abc-x1")]
    [InlineData("x_abc-00001")]
    [InlineData("b_a/c-00001")]
    [InlineData("-00001")]
    public void TryParseBatchRunId_OtherRunId_ReturnsFalse(string runId)
    {
        var parsed = BatchItems.TryParseRunId(runId, out _, out _);

        Assert.False(parsed);
    }
}
