namespace WorkflowFunctions.LocalHost.Tests.TestFunctions;

/// <summary>A typed activity and orchestrator input, to show JSON inputs reach functions as their declared type.</summary>
public sealed record GreetingRequest(string Name, string Punctuation);
