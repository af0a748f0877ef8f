using WorkflowFunctions.Engine.Definition;

namespace WorkflowFunctions.Engine.Scheduling;

/// <summary>A compiled link: the node at the other end (by plan index) and the branch it belongs to.</summary>
internal readonly record struct PlanLink(int Node, Branch Branch);
