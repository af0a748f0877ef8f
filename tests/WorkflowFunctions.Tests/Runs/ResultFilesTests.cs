using System.Globalization;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Orchestration;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Outcomes;
using WorkflowFunctions.Runs;
using WorkflowFunctions.Serialization;
using WorkflowFunctions.Settings;
using WorkflowFunctions.Storage;
using WorkflowFunctions.Storage.Batches;
using WorkflowFunctions.Storage.Runs;
using WorkflowFunctions.Storage.Slots;
using WorkflowFunctions.Storage.Workflows;
using WorkflowFunctions.Workflows;

namespace WorkflowFunctions.Tests.Runs;

/// <summary>
/// Which runs have a result file, and opening one by its link alone: a link that does not hold is refused before
/// anything is read; one that holds finds the run whatever its account.
/// </summary>
public sealed class ResultFilesTests
{
    private readonly Mock<DurableTaskClient> _client = new("test");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 15, 10, 35, 0, TimeSpan.Zero));
    private readonly StorageTables _storage = StorageTables.InMemory();

    [Theory]
    [InlineData(RunStatus.Queued, RunState.Pending, false)]
    [InlineData(RunStatus.Running, RunState.Running, false)]
    [InlineData(RunStatus.Waiting, RunState.Running, false)]
    [InlineData(RunStatus.Succeeded, RunState.Completed, true)]
    [InlineData(RunStatus.Failed, RunState.Completed, true)]
    [InlineData(RunStatus.Cancelled, RunState.Terminated, true)]
    [InlineData(RunStatus.Cancelled, RunState.NotStarted, false)]
    public void LinkFor_ARun_OnlyOnceItHasEndedAfterStarting(RunStatus status, RunState state, bool hasLink)
    {
        var run = new RunSnapshot
        {
            Id = "b_0123456789abcdef01234567-00001", AccountId = "acct", Status = status, State = state, CreatedAt = _clock.GetUtcNow(),
        };

        var link = Files().LinkFor(run);

        Assert.Equal(hasLink, link is not null);
    }

    [Theory]
    [InlineData(null, null, "not signed")]
    [InlineData("9999999999", "AAAA", "does not match")]
    public async Task OpenAsync_ALinkThatDoesNotHold_IsForbiddenWithoutReadingTheRun(string? expires, string? signature, string says)
    {
        var opened = await Files().OpenAsync(_client.Object, Guid.NewGuid().ToString("D"), expires, signature, CancellationToken.None);

        Assert.Equal(FailureKind.Forbidden, opened.Failure?.Kind);
        Assert.Contains(says, opened.Failure!.Message, StringComparison.Ordinal);
        _client.Verify(c => c.GetInstanceAsync(It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task OpenAsync_AnExpiredLink_IsForbiddenSayingSo()
    {
        var files = Files();
        var link = files.LinkFor(Finished(Guid.NewGuid().ToString("D")))!;
        _clock.Advance(TimeSpan.FromHours(2));

        var opened = await files.OpenAsync(_client.Object, link.RunId, Expires(link), link.Signature, CancellationToken.None);

        Assert.Equal(FailureKind.Forbidden, opened.Failure?.Kind);
        Assert.Contains("expired", opened.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_AValidLinkToAFinishedRun_FindsItWhateverItsAccount()
    {
        // Arrange: a run of some account, finished.
        var id = Guid.NewGuid().ToString("D");
        var result = new WorkflowRunResult { RunId = id, Status = RunStatus.Succeeded, Output = "hi" };
        Returns(id, OrchestrationRuntimeStatus.Completed, JsonSerializer.Serialize(result, DurablePayloadJson.Options));
        var files = Files();
        var link = files.LinkFor(Finished(id))!;

        // Act
        var opened = await files.OpenAsync(_client.Object, id, Expires(link), link.Signature, CancellationToken.None);

        // Assert
        Assert.True(opened.Succeeded, opened.Failure?.Message);
        Assert.Equal((id, "any-account", RunStatus.Succeeded), (opened.Value.Id, opened.Value.AccountId, opened.Value.Status));
    }

    [Fact]
    public async Task OpenAsync_AValidLinkToARunThatIsGone_IsNotFound()
    {
        var files = Files();
        var link = files.LinkFor(Finished(Guid.NewGuid().ToString("D")))!;

        var opened = await files.OpenAsync(_client.Object, link.RunId, Expires(link), link.Signature, CancellationToken.None);

        Assert.Equal(FailureKind.NotFound, opened.Failure?.Kind);
    }

    private static string Expires(ResultLink link) => link.Expires.ToString(CultureInfo.InvariantCulture);

    private RunSnapshot Finished(string id) =>
        new() { Id = id, AccountId = "acct", Status = RunStatus.Succeeded, State = RunState.Completed, CreatedAt = _clock.GetUtcNow() };

    private void Returns(string id, OrchestrationRuntimeStatus status, string output)
    {
        var input = JsonSerializer.Serialize(
            WorkflowRunRequest.TopLevel(
                "any-account",
                "wf_1",
                1,
                JsonSerializer.SerializeToElement(new { nodes = Array.Empty<object>() }),
                new System.Text.Json.Nodes.JsonObject(),
                null,
                _clock.GetUtcNow()),
            DurablePayloadJson.Options);
        var metadata = new OrchestrationMetadata(FunctionNames.WorkflowOrchestrator, id)
        {
            RuntimeStatus = status,
            SerializedInput = input,
            SerializedOutput = output,
            DataConverter = DurablePayloadJson.Converter,
        };
        _client.Setup(c => c.GetInstanceAsync(id, It.IsAny<bool>(), It.IsAny<CancellationToken>())).ReturnsAsync(metadata);
    }

    private ResultFiles Files()
    {
        var signer = new ResultLinkSigner(
            Options.Create(new ResultOptions { SigningSecret = "result-files-test-secret-0123456789abcdef" }),
            _clock,
            randomKeyWhenUnset: false,
            NullLogger<ResultLinkSigner>.Instance);
        var api = Options.Create(new ApiOptions());
        var workflows = new WorkflowReader(new WorkflowRepository(_storage, _clock), new DefinitionCache(8));
        var waiter = new RunWaiter(new RunCompletionSignals(_clock), api, _clock);
        var reader = new RunReader(
            new RunHistory(_storage),
            new BatchItems(_storage, new RunHistory(_storage)),
            waiter,
            workflows,
            _storage,
            _clock,
            api,
            Options.Create(new TableOptions()),
            new RunSlots(_storage, _clock));
        return new ResultFiles(signer, reader);
    }
}
