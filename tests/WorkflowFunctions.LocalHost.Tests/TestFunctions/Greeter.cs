namespace WorkflowFunctions.LocalHost.Tests.TestFunctions;

/// <summary>A service the test host registers, so an activity shows it is created through DI.</summary>
public sealed class Greeter(string salutation)
{
    public string Salutation { get; } = salutation;
}
