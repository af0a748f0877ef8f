using Microsoft.DurableTask;

namespace WorkflowFunctions.LocalHost;

/// <summary>
/// The worker's data converter: the app's durable payload converter (<c>DurablePayloadJson</c>), except that a function registered with a
/// <see cref="SerializedInput"/> input receives the serialized text itself, left for the function to deserialize
/// into the type it declares.
/// </summary>
internal sealed class LocalHostDataConverter(DataConverter inner) : DataConverter
{
    public override string? Serialize(object? value) => inner.Serialize(value);

    public override object? Deserialize(string? data, Type targetType)
    {
        ArgumentNullException.ThrowIfNull(targetType);
        return targetType == typeof(SerializedInput)
            ? data is null ? null : new SerializedInput(data)
            : inner.Deserialize(data, targetType);
    }
}
