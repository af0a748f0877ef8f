namespace WorkflowFunctions.Tests.Fixtures;

/// <summary>
/// Tests that measure the process's allocations (<see cref="GC.GetTotalAllocatedBytes"/>) run alone, after the
/// parallel ones, so other tests' allocations do not count towards theirs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasured
{
    public const string Name = "Memory measured";
}
