using WorkflowFunctions.LocalHost.Tests.TestFunctions;

namespace WorkflowFunctions.LocalHost.Tests.Mapping;

/// <summary>What the LocalHost cannot bind fails while it prepares, naming the function, not on the first call.</summary>
public class UnsupportedFunctionTests
{
    private static FunctionDescriptor Describe(string method) =>
        FunctionCatalog.Describe(typeof(UnsupportedFunctions).GetMethod(method)!);

    [Theory]
    [InlineData(nameof(UnsupportedFunctions.WithFunctionContext), "'context'")]
    [InlineData(nameof(UnsupportedFunctions.WithUnroutedValue), "'name'")]
    [InlineData(nameof(UnsupportedFunctions.ReturnsText), "returns String")]
    public void HttpPrepare_UnsupportedSignature_ThrowsNamingFunctionAndCause(string method, string cause)
    {
        var error = Assert.Throws<NotSupportedException>(() => HttpFunctionEndpoints.Prepare([Describe(method)]));

        Assert.Contains($"'{method}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(cause, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(UnsupportedFunctions.ActivityWithLogger), "'logger'")]
    [InlineData(nameof(UnsupportedFunctions.OrchestratorWithExtra), "only its [OrchestrationTrigger]")]
    public void DurablePrepare_UnsupportedSignature_ThrowsNamingFunctionAndCause(string method, string cause)
    {
        var error = Assert.Throws<NotSupportedException>(() => DurableFunctionRegistration.Prepare([Describe(method)]));

        Assert.Contains($"'{method}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(cause, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_UnsupportedFunction_FailsAtStartup()
    {
        var functions = FunctionCatalog.Read([typeof(ItemFunctions)]).Append(Describe(nameof(UnsupportedFunctions.ActivityWithLogger))).ToList();

        await Assert.ThrowsAsync<NotSupportedException>(() =>
            LocalHostBuilder.StartAsync(["--urls", "http://127.0.0.1:0"], functions, settings: new Dictionary<string, string?>()));
    }
}
