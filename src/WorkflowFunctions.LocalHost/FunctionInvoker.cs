using System.Reflection;

namespace WorkflowFunctions.LocalHost;

/// <summary>Creates a function's class through DI (as the Functions worker does, once per invocation) and awaits its result.</summary>
internal static class FunctionInvoker
{
    public static async Task<object?> InvokeAsync(IServiceProvider services, MethodInfo method, object?[] arguments)
    {
        var target = method.IsStatic ? null : ActivatorUtilities.CreateInstance(services, method.DeclaringType!);
        object? returned;
        try
        {
            returned = method.Invoke(target, arguments);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }

        switch (returned)
        {
            case Task task:
                await task.ConfigureAwait(false);
                var type = task.GetType();
                return type.IsGenericType && type.GetProperty("Result") is { } result && result.PropertyType.Name != "VoidTaskResult"
                    ? result.GetValue(task)
                    : null;
            case ValueTask valueTask:
                await valueTask.ConfigureAwait(false);
                return null;
            default:
                return returned;
        }
    }
}
