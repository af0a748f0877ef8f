namespace WorkflowFunctions.Engine.Definition;

/// <summary>The node type names of the native graph format (reference 003) and this service's additions.</summary>
public static class NodeTypes
{
    public const string Trigger = "trigger-node";
    public const string IfElse = "if-else-node";
    public const string Llm = "basic-node";
    public const string Http = "http-node";
    public const string Output = "output-node";
    public const string Approval = "approval-node";
    public const string Workflow = "workflow-node";
    public const string ImportCsv = "import-csv-node";
    public const string FilterRows = "filter-rows-node";
    public const string MapRows = "map-rows-node";
}
