using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Orchestration;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Serialization;
using WorkflowFunctions.Storage;

namespace WorkflowFunctions.Tests.Orchestration;

/// <summary>
/// The result store's parts: a large result's JSON is cut into pieces no larger than one activity input may safely be,
/// never inside a surrogate pair, and read back whole in order; a result stored in one blob by an earlier version
/// (<c>parts</c> 0) still loads.
/// </summary>
public class RunResultPartsTests
{
    private readonly StorageTables _storage = StorageTables.InMemory();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(9)]
    [InlineData(10)]
    [InlineData(11)]
    [InlineData(95)]
    public void Split_PiecesStayWithinTheLimitAndConcatenateToTheText(int length)
    {
        // Arrange
        var text = string.Concat(Enumerable.Range(0, length).Select(i => (char)('a' + (i % 26))));

        // Act
        var parts = RunResultParts.Split(text, maxChars: 10);

        // Assert
        Assert.All(parts, part => Assert.InRange(part.Length, length == 0 ? 0 : 1, 10));
        Assert.Equal(text, string.Concat(parts));
        Assert.Equal(Math.Max(1, (length + 9) / 10), parts.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("x")]
    [InlineData("xx")]
    [InlineData("xxx")]
    public void Split_NeverCutsASurrogatePair(string prefix)
    {
        // Arrange: pairs at every offset parity, so some piece would otherwise end on a high surrogate.
        var text = prefix + string.Concat(Enumerable.Repeat("\U0001F600a\U0001F600", 50));

        // Act
        var parts = RunResultParts.Split(text, maxChars: 7);

        // Assert
        Assert.All(parts, part => Assert.InRange(part.Length, 1, 7));
        Assert.All(parts, part => Assert.False(char.IsHighSurrogate(part[^1]), "a piece ends on a high surrogate"));
        Assert.All(parts, part => Assert.False(char.IsLowSurrogate(part[0]), "a piece starts on a low surrogate"));
        Assert.Equal(text, string.Concat(parts));
    }

    [Fact]
    public void Split_DefaultPiecesHoldAtMost512KiChars()
    {
        // Arrange
        var text = new string('x', RunResultParts.MaxPartChars * 2) + "\U0001F600" + new string('y', 10);

        // Act
        var parts = RunResultParts.Split(text);

        // Assert
        Assert.Equal(524_288, RunResultParts.MaxPartChars);
        Assert.Equal(3, parts.Count);
        Assert.All(parts, part => Assert.True(part.Length <= RunResultParts.MaxPartChars));
        Assert.Equal(text, string.Concat(parts));
    }

    [Fact]
    public async Task LoadAsync_ReadsThePartsInOrder()
    {
        // Arrange: parts written out of order, as a fan-out may finish them.
        var result = Result(new string('x', 300) + "\U0001F600" + new string('y', 300));
        var json = JsonSerializer.Serialize(result, DurablePayloadJson.Options);
        var parts = RunResultParts.Split(json, maxChars: 64);
        var activities = new RunResultActivities(_storage);
        foreach (var part in Enumerable.Range(0, parts.Count).Reverse())
        {
            await activities.StoreRunResultPart(new StoreRunResultPartRequest("acct", "run:1", part, parts[part]), CancellationToken.None);
        }

        var stored = new StoredRunResult(RunResultActivities.NameOf("acct", "run:1"), json.Length, parts.Count);

        // Act
        var loaded = await RunResultActivities.LoadAsync(_storage, stored, CancellationToken.None);

        // Assert
        Assert.True(parts.Count > 5);
        Assert.Equal(json, JsonSerializer.Serialize(loaded, DurablePayloadJson.Options));
        Assert.Equal("results/acct/run_1.json.0", RunResultActivities.PartName(stored.Name, 0));
    }

    [Fact]
    public async Task LoadAsync_AMissingPart_GivesNull()
    {
        // Arrange
        var json = JsonSerializer.Serialize(Result(new string('x', 300)), DurablePayloadJson.Options);
        var parts = RunResultParts.Split(json, maxChars: 64);
        var activities = new RunResultActivities(_storage);
        for (var part = 0; part < parts.Count - 1; part++)
        {
            await activities.StoreRunResultPart(new StoreRunResultPartRequest("acct", "r", part, parts[part]), CancellationToken.None);
        }

        // Act
        var stored = new StoredRunResult("results/acct/r.json", json.Length, parts.Count);
        var loaded = await RunResultActivities.LoadAsync(_storage, stored, CancellationToken.None);

        // Assert
        Assert.Null(loaded);
    }

    [Fact]
    public async Task LoadAsync_AResultStoredInOneBlobByAnEarlierVersion_StillLoads()
    {
        // Arrange: the old activity's blob, and its reference as earlier outputs hold it (no "parts").
        var result = Result("legacy");
        var stored = await new RunResultActivities(_storage).StoreRunResult(new StoreRunResultRequest("acct", "old", result), CancellationToken.None);
        var reference = JsonSerializer.Deserialize<StoredRunResult>(
            $$"""{"name":"{{stored.Name}}","bytes":{{stored.Bytes}}}""", DurablePayloadJson.Options)!;

        // Act
        var loaded = await RunResultActivities.LoadAsync(_storage, reference, CancellationToken.None);

        // Assert
        Assert.Equal(0, reference.Parts);
        Assert.Equal("legacy", loaded!.Output!.GetValue<string>());
    }

    private static WorkflowRunResult Result(string output) => new()
    {
        RunId = "run:1",
        WorkflowId = "w",
        Status = RunStatus.Succeeded,
        Output = JsonValue.Create(output),
        Outputs = new Dictionary<string, JsonObject> { ["o"] = new() { ["content"] = output } },
    };
}
