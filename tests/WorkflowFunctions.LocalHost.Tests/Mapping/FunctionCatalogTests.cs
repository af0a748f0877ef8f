using WorkflowFunctions.LocalHost.Tests.TestFunctions;

namespace WorkflowFunctions.LocalHost.Tests.Mapping;

public class FunctionCatalogTests
{
    [Fact]
    public void Describe_HttpTrigger_TakesRouteAndUpperCaseMethods()
    {
        var function = FunctionCatalog.Describe(typeof(ItemFunctions).GetMethod(nameof(ItemFunctions.GetPage))!);

        Assert.Equal(("GetPage", FunctionKind.Http, "pages/{number:int}"), (function.Name, function.Kind, function.Route));
        Assert.Equal(["GET", "HEAD"], function.HttpMethods);
    }

    [Fact]
    public void Describe_NoSupportedTrigger_ThrowsNamingTheFunction()
    {
        var method = typeof(UnsupportedFunctions).GetMethod(nameof(UnsupportedFunctions.WithoutTrigger))!;

        var error = Assert.Throws<NotSupportedException>(() => FunctionCatalog.Describe(method));

        Assert.Contains("'WithoutTrigger'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Types_ListsEveryFunctionOfThoseTypesWithItsTrigger()
    {
        var functions = FunctionCatalog.Read([typeof(GreetingFunctions)]);

        Assert.Equal(
            [("ComposeGreeting", FunctionKind.Activity), ("Greet", FunctionKind.Orchestration), ("StartGreeting", FunctionKind.Http)],
            functions.Select(f => (f.Name, f.Kind)).OrderBy(f => f.Name, StringComparer.Ordinal));
    }
}
