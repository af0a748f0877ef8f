namespace WorkflowFunctions.Engine.Validation;

/// <summary>
/// The stable codes of validation findings. Clients may switch on them; never rename one.
/// </summary>
public static class FindingCodes
{
    // Shape of the document.
    public const string DefinitionNotObject = "definition.not_object";
    public const string NodesNotArray = "definition.nodes_not_array";
    public const string EdgesNotArray = "definition.edges_not_array";
    public const string NodeNotObject = "node.not_object";
    public const string NodeMissingId = "node.missing_id";
    public const string EdgeNotObject = "edge.not_object";

    // Flow.
    public const string StartNodeMissing = "start_node.missing";
    public const string StartNodeUnknown = "start_node.unknown";
    public const string NodeDuplicateId = "node.duplicate_id";
    public const string EdgeUnknownSource = "edge.unknown_source";
    public const string EdgeUnknownTarget = "edge.unknown_target";
    public const string NextNodeUnknown = "node.next_node_unknown";
    public const string FlowMismatch = "flow.mismatch";
    public const string Cycle = "flow.cycle";
    public const string NodeUnreachable = "node.unreachable";
    public const string NoOutputNode = "workflow.no_output_node";
    public const string StartNodeNotTrigger = "start_node.not_trigger";
    public const string MultipleTriggers = "workflow.multiple_triggers";

    // Nodes.
    public const string NodeUnknownType = "node.unknown_type";
    public const string NodeConfigMissing = "node.config_missing";
    public const string NodeConfigInvalid = "node.config_invalid";
    public const string IfElseMissingBranch = "if_else.missing_branch";
    public const string IfElseUnknownOperator = "if_else.unknown_operator";
    public const string IfElseBranchOnNonBranching = "edge.branch_on_non_branching_node";
    public const string WorkflowNodeCallsItself = "workflow_node.calls_itself";

    // Templates.
    public const string TemplateSyntax = "template.syntax";
    public const string TemplateUnknownNode = "template.unknown_node";
    public const string TemplateNodeNotUpstream = "template.node_not_upstream";
    public const string TemplateRowOutsideRows = "template.row_outside_rows";

    // Table nodes.
    public const string ImportCsvSource = "import_csv.source";
    public const string TableSource = "table.source";
    public const string TableColumnId = "table.column_id";

    // Trigger input fields.
    public const string InputFieldDuplicateId = "input_field.duplicate_id";
    public const string InputFieldUnknownType = "input_field.unknown_type";
    public const string InputFieldMissingId = "input_field.missing_id";
    public const string InputFieldNoOptions = "input_field.no_options";
    public const string InputFieldBadDefault = "input_field.bad_default";

    // Run input.
    public const string InputRequired = "input.required";
    public const string InputWrongType = "input.wrong_type";
    public const string InputNotInOptions = "input.not_in_options";
    public const string InputNotObject = "input.not_object";
}
