using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using WorkflowFunctions.Engine.Execution;
using WorkflowFunctions.Orchestration.Contracts;

namespace WorkflowFunctions.Orchestration.Batches;

/// <summary>
/// The items a segment has seen finish, kept as it goes (a replay appends them again in the same order) and set as
/// its custom status, written as the <see cref="BatchSegmentProgress"/> it stands for only when the worker serializes
/// the status at the end of an episode: appending is constant work per item, where building the text at each item
/// would cost every replay the square of the segment's size.
/// </summary>
[JsonConverter(typeof(SegmentFinishLogConverter))]
internal sealed class SegmentFinishLog(int from)
{
    private readonly StringBuilder _finished = new();

    public int From { get; } = from;

    public void Add(int index, RunStatus status)
    {
        if (_finished.Length > 0)
        {
            _finished.Append(',');
        }

        _finished.Append((index - From).ToString(CultureInfo.InvariantCulture)).Append(BatchSegmentProgress.Code(status));
    }

    public BatchSegmentProgress ToProgress() => new() { From = From, Finished = _finished.ToString() };
}

/// <summary>Writes a <see cref="SegmentFinishLog"/> as its <see cref="BatchSegmentProgress"/>.</summary>
internal sealed class SegmentFinishLogConverter : JsonConverter<SegmentFinishLog>
{
    public override SegmentFinishLog Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Read the custom status as a BatchSegmentProgress.");

    public override void Write(Utf8JsonWriter writer, SegmentFinishLog value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(value);
        JsonSerializer.Serialize(writer, value.ToProgress(), options);
    }
}
