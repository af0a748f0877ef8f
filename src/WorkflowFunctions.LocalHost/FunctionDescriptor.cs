using System.Reflection;

namespace WorkflowFunctions.LocalHost;

/// <summary>One <c>[Function]</c> method of the app, as its attributes declare it.</summary>
/// <param name="Name">The function name.</param>
/// <param name="Kind">Its trigger.</param>
/// <param name="Method">The method to invoke.</param>
/// <param name="Route">HTTP route without the <c>api/</c> prefix (HTTP functions only).</param>
/// <param name="HttpMethods">Upper-case HTTP methods (HTTP functions only).</param>
/// <param name="TriggerParameter">The parameter carrying the trigger.</param>
public sealed record FunctionDescriptor(
    string Name,
    FunctionKind Kind,
    MethodInfo Method,
    string? Route,
    IReadOnlyList<string> HttpMethods,
    ParameterInfo TriggerParameter);
