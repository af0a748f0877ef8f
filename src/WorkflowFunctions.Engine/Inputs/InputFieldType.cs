namespace WorkflowFunctions.Engine.Inputs;

/// <summary>The type of a trigger input field.</summary>
public enum InputFieldType
{
    Text = 0,
    Number = 1,
    Select = 2,
    Boolean = 3,
    Json = 4,
}
