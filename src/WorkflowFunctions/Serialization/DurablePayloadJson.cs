using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;

namespace WorkflowFunctions.Serialization;

/// <summary>
/// The JSON of everything the Durable Task engine stores and ships for a run: the run request with its pinned
/// definition, node inputs and results, custom status, outputs. The default encoder escapes every non-ASCII
/// character as <c>\uXXXX</c> (six bytes for a Cyrillic letter that takes two in UTF-8) and every quote inside a
/// string as <c>\u0022</c>, so an LLM answer in another script, or a result that is itself JSON, grew several times
/// over in orchestration history, in queue messages and on every replay. These payloads are never embedded in HTML,
/// so only what JSON itself requires is escaped. Null properties are left out (a missing property reads back as
/// null): a run's output otherwise spelled out every skipped node's empty timings, result and error. The HTTP API writes
/// its responses with its own options (which leave nulls out as well).
/// </summary>
public static class DurablePayloadJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The Durable Task data converter over <see cref="Options"/> (the LocalHost's worker and client use it).</summary>
    public static DataConverter Converter { get; } = new JsonDataConverter(Options);
}
