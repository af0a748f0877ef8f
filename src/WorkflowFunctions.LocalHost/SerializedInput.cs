using System.Text.Json;
using WorkflowFunctions.Orchestration;

namespace WorkflowFunctions.LocalHost;

/// <summary>
/// A durable function's input exactly as the engine delivered it: JSON text, not yet deserialized. The LocalHost
/// registers its functions with this input type (see <see cref="LocalHostDataConverter"/>) so the input is parsed
/// once, straight into the type the function asks for, as the Functions host does, instead of first into a
/// generic JSON tree and then again from that tree.
/// </summary>
internal sealed class SerializedInput(string json)
{
    public string Json { get; } = json;

    /// <summary>The input as <paramref name="type"/>; null for a JSON <c>null</c>. A run's request goes through the
    /// app's cache of requests, as the app's worker serializer on the Functions host does.</summary>
    public object? Deserialize(Type type) => RunRequestCache.Applies(type) ? RunRequestCache.Read(Json) : JsonSerializer.Deserialize(Json, type);

    /// <summary>The input as <typeparamref name="T"/>; default for a JSON <c>null</c>.</summary>
    public T? Deserialize<T>() => RunRequestCache.Applies(typeof(T)) ? (T?)(object?)RunRequestCache.Read(Json) : JsonSerializer.Deserialize<T>(Json);
}
