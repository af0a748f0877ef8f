using WorkflowFunctions.Storage.Workflows;

namespace WorkflowFunctions.Storage.Tests.Workflows;

/// <summary>A workflow's UUID is computed from its id and resolves back to it; nothing else resolves.</summary>
public sealed class WorkflowUuidsTests
{
    [Fact]
    public void Of_AMintedId_IsAVersion8UuidThatResolvesBack()
    {
        // Arrange
        var id = StorageKeys.NewId("wf_");

        // Act
        var uuid = WorkflowUuids.Of(id)!;

        // Assert
        var guid = Guid.ParseExact(uuid, "D");
        Assert.Equal(guid.ToString("D"), uuid);
        Assert.Equal(8, guid.Version);
        Assert.Equal(0b10, guid.Variant >> 2);
        Assert.Equal(id, WorkflowUuids.WorkflowIdOf(uuid));
    }

    [Fact]
    public void Of_TheSameIdTwice_IsTheSameUuid()
    {
        Assert.Equal(WorkflowUuids.Of("wf_0123456789abcdef01234567"), WorkflowUuids.Of("wf_0123456789abcdef01234567"));
    }

    [Fact]
    public void Of_AKnownId_HasThisLayout()
    {
        // The id's 24 digits in order around the version (8) and variant (8) digits, then 6 digits of checksum.
        var uuid = WorkflowUuids.Of("wf_0123456789abcdef01234567")!;

        Assert.Matches("^01234567-89ab-8cde-8f01-234567[0-9a-f]{6}$", uuid);
    }

    [Fact]
    public void WorkflowIdOf_UpperCase_ResolvesToo()
    {
        var uuid = WorkflowUuids.Of("wf_0123456789abcdef01234567")!;

        Assert.Equal("wf_0123456789abcdef01234567", WorkflowUuids.WorkflowIdOf(uuid.ToUpperInvariant()));
    }

    [Theory]
    [InlineData("550e8400-e29b-41d4-a716-446655440000")]
    [InlineData("01234567-89ab-8cde-8f01-234567000000")]
    [InlineData("0123456789ab8cde8f01234567000000")]
    [InlineData("not-a-uuid")]
    [InlineData("")]
    [InlineData(null)]
    public void WorkflowIdOf_AnythingElse_IsNull(string? text)
    {
        Assert.Null(WorkflowUuids.WorkflowIdOf(text));
    }

    [Fact]
    public void WorkflowIdOf_OneDigitChanged_IsNull()
    {
        var uuid = WorkflowUuids.Of("wf_0123456789abcdef01234567")!;
        var changed = (uuid[0] == '0' ? "1" : "0") + uuid[1..];

        Assert.Null(WorkflowUuids.WorkflowIdOf(changed));
    }

    [Theory]
    [InlineData("wf_1")]
    [InlineData("wf_0123456789ABCDEF01234567")]
    [InlineData("b_0123456789abcdef01234567")]
    [InlineData("")]
    [InlineData(null)]
    public void Of_AnIdThisServiceDoesNotMint_IsNull(string? id)
    {
        Assert.Null(WorkflowUuids.Of(id));
    }
}
