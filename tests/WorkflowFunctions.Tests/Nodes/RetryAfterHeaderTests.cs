
using WorkflowFunctions.Nodes;

namespace WorkflowFunctions.Tests.Nodes;

public sealed class RetryAfterHeaderTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Read_DeltaSeconds_ReturnsThatWait()
    {
        // Arrange
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("Retry-After", "7");

        // Act
        var wait = RetryAfterHeader.Read(response.Headers, Now);

        // Assert
        Assert.Equal(TimeSpan.FromSeconds(7), wait);
    }

    [Fact]
    public void Read_HttpDate_ReturnsTimeUntilThen()
    {
        // Arrange
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("Retry-After", "Wed, 01 Jan 2025 12:00:30 GMT");

        // Act
        var wait = RetryAfterHeader.Read(response.Headers, Now);

        // Assert
        Assert.Equal(TimeSpan.FromSeconds(30), wait);
    }

    [Fact]
    public void Read_OpenAiMillisecondsHeader_WinsOverSeconds()
    {
        // Arrange
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("Retry-After", "2");
        response.Headers.TryAddWithoutValidation("retry-after-ms", "1500");

        // Act
        var wait = RetryAfterHeader.Read(response.Headers, Now);

        // Assert
        Assert.Equal(TimeSpan.FromMilliseconds(1500), wait);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("soon")]
    [InlineData("-3")]
    public void Parse_MissingOrInvalid_ReturnsNull(string? value)
    {
        // Act
        var wait = RetryAfterHeader.Parse(value, Now);

        // Assert
        Assert.Null(wait);
    }
}
