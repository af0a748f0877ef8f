namespace WorkflowFunctions.Engine.Definition;

/// <summary>Which outcome of a branching node a flow link belongs to.</summary>
public enum Branch
{
    /// <summary>An ordinary link: followed whenever its source finishes.</summary>
    None = 0,

    /// <summary>Followed only when an if-else condition is true (<c>sourceHandle: condition-true</c>).</summary>
    True = 1,

    /// <summary>Followed only when an if-else condition is false (<c>sourceHandle: condition-false</c>).</summary>
    False = 2,
}
