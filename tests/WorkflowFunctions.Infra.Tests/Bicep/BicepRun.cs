namespace WorkflowFunctions.Infra.Tests.Bicep;

/// <summary>What one Bicep CLI invocation produced: diagnostics go to standard error, templates to standard output.</summary>
public sealed record BicepRun(int ExitCode, string StandardOutput, string StandardError);
