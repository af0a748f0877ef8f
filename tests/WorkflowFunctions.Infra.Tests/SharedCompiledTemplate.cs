namespace WorkflowFunctions.Infra.Tests;

/// <summary>Shares one compilation of the Bicep files between all template test classes.</summary>
[CollectionDefinition(Name)]
public sealed class SharedCompiledTemplate : ICollectionFixture<CompiledTemplateFixture>
{
    public const string Name = "Compiled template";
}
