using System.Reflection;
using Azure.Core.Serialization;
using Microsoft.Azure.Functions.Worker;
using WorkflowFunctions.Serialization;

namespace WorkflowFunctions.Orchestration;

/// <summary>
/// The Functions worker's serializer: <see cref="DurablePayloadJson.Options"/> for everything, with a run's request
/// read through <see cref="RunRequestCache"/> (the Durable extension deserializes an orchestration's input with the
/// worker's serializer at every episode).
/// </summary>
internal sealed class RunRequestObjectSerializer(JsonObjectSerializer inner) : ObjectSerializer, IMemberNameConverter
{
    /// <summary>
    /// Makes it the Functions worker's serializer: the Durable extension converts orchestration and activity payloads
    /// with the worker's serializer.
    /// </summary>
    public static void Configure(WorkerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Serializer = new RunRequestObjectSerializer(new JsonObjectSerializer(DurablePayloadJson.Options));
    }

    public override object? Deserialize(Stream stream, Type returnType, CancellationToken cancellationToken) =>
        RunRequestCache.Applies(returnType) ? RunRequestCache.Read(stream) : inner.Deserialize(stream, returnType, cancellationToken);

    public override ValueTask<object?> DeserializeAsync(Stream stream, Type returnType, CancellationToken cancellationToken) =>
        RunRequestCache.Applies(returnType)
            ? ValueTask.FromResult<object?>(RunRequestCache.Read(stream))
            : inner.DeserializeAsync(stream, returnType, cancellationToken);

    public override void Serialize(Stream stream, object? value, Type inputType, CancellationToken cancellationToken) =>
        inner.Serialize(stream, value, inputType, cancellationToken);

    public override ValueTask SerializeAsync(Stream stream, object? value, Type inputType, CancellationToken cancellationToken) =>
        inner.SerializeAsync(stream, value, inputType, cancellationToken);

    public override BinaryData Serialize(object? value, Type? inputType = null, CancellationToken cancellationToken = default) =>
        inner.Serialize(value, inputType, cancellationToken);

    public override ValueTask<BinaryData> SerializeAsync(object? value, Type? inputType = null, CancellationToken cancellationToken = default) =>
        inner.SerializeAsync(value, inputType, cancellationToken);

    public string? ConvertMemberName(MemberInfo member) => ((IMemberNameConverter)inner).ConvertMemberName(member);
}
