namespace WorkflowFunctions.Engine.Conditions;

/// <summary>The comparison an if-else node makes.</summary>
public enum ConditionOperator
{
    Equal = 0,
    NotEqual = 1,
    GreaterThan = 2,
    LessThan = 3,
    GreaterThanOrEqual = 4,
    LessThanOrEqual = 5,
    Contains = 6,
    NotContains = 7,
    StartsWith = 8,
    EndsWith = 9,
    IsEmpty = 10,
    IsNotEmpty = 11,
}
