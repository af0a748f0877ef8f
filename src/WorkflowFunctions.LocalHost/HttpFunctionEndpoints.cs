using System.ComponentModel;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace WorkflowFunctions.LocalHost;

/// <summary>
/// Maps each <c>[HttpTrigger]</c> function to <c>/api/{Route}</c> with its declared methods. Supported
/// parameters: the trigger's <see cref="HttpRequest"/>, route values by name (string, int, long, Guid, bool),
/// <c>[DurableClient] DurableTaskClient</c>, and <see cref="CancellationToken"/>. Results may be
/// <see cref="IActionResult"/> or <see cref="IResult"/> (optionally in a Task).
/// </summary>
public static class HttpFunctionEndpoints
{
    /// <summary>The route prefix of host.json (<c>extensions.http.routePrefix</c>).</summary>
    public const string RoutePrefix = "api";

    public static IReadOnlyList<(string Route, IReadOnlyList<string> Methods)> Map(IEndpointRouteBuilder endpoints, IEnumerable<FunctionDescriptor> functions)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(functions);
        var mapped = new List<(string, IReadOnlyList<string>)>();
        foreach (var function in functions.Where(f => f.Kind == FunctionKind.Http))
        {
            var binders = function.Method.GetParameters().Select(p => Binder(function, p)).ToArray();
            var route = "/" + RoutePrefix + "/" + function.Route!.TrimStart('/');
            endpoints.MapMethods(route, function.HttpMethods, async context =>
            {
                var arguments = binders.Select(b => b(context)).ToArray();
                var result = await FunctionInvoker.InvokeAsync(context.RequestServices, function.Method, arguments);
                await WriteAsync(context, result);
            }).WithDisplayName(function.Name);
            mapped.Add((function.Route!, function.HttpMethods));
        }

        return mapped;
    }

    private static Func<HttpContext, object?> Binder(FunctionDescriptor function, ParameterInfo parameter)
    {
        if (parameter.ParameterType == typeof(HttpRequest))
        {
            return c => c.Request;
        }

        if (parameter.ParameterType == typeof(CancellationToken))
        {
            return c => c.RequestAborted;
        }

        if (parameter.GetCustomAttribute<DurableClientAttribute>() is not null && parameter.ParameterType == typeof(DurableTaskClient))
        {
            return c => c.RequestServices.GetRequiredService<DurableTaskClient>();
        }

        if (function.Route!.Contains('{' + parameter.Name!, StringComparison.OrdinalIgnoreCase)
            && (parameter.ParameterType == typeof(string) || TypeDescriptor.GetConverter(parameter.ParameterType).CanConvertFrom(typeof(string))))
        {
            var converter = TypeDescriptor.GetConverter(parameter.ParameterType);
            return c => c.Request.RouteValues.TryGetValue(parameter.Name!, out var value) && value is not null
                ? parameter.ParameterType == typeof(string) ? value.ToString() : converter.ConvertFromInvariantString(value.ToString()!)
                : null;
        }

        throw new NotSupportedException(
            $"Function '{function.Name}': the LocalHost cannot bind parameter '{parameter.Name}' of type {parameter.ParameterType.Name}.");
    }

    private static async Task WriteAsync(HttpContext context, object? result)
    {
        switch (result)
        {
            case IActionResult action:
                await action.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
                break;
            case IResult httpResult:
                await httpResult.ExecuteAsync(context);
                break;
            case null:
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                break;
            default:
                throw new NotSupportedException($"HTTP functions must return IActionResult or IResult; got {result.GetType().Name}.");
        }
    }
}
