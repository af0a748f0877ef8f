using System.Buffers;
using System.Text;
using System.Text.Json;
using WorkflowFunctions.Orchestration.Contracts;
using WorkflowFunctions.Serialization;

namespace WorkflowFunctions.Orchestration;

/// <summary>
/// A run's request (<see cref="WorkflowRunRequest"/>) deserialized once per text: every episode of an orchestration
/// is given the same input again, and a long run's input carries its pinned definition and its checkpoint, so parsing
/// it into a new request at every episode cost a 500-node chain about a third of what it allocated. A request is
/// immutable (init-only members, read-only collections, <see cref="JsonElement"/>s), so the episodes of a generation
/// share one. Inputs under <see cref="MinCachedBytes"/> are parsed as before: their parse costs less than the lookup.
/// </summary>
internal static class RunRequestCache
{
    /// <summary>The smallest input worth caching (UTF-8 bytes).</summary>
    public const int MinCachedBytes = 16 * 1024;

    // The inputs of many long runs in flight at once; an input is at most a few MB of text.
    private static readonly ContentCache<WorkflowRunRequest?> Cache = new(capacity: 256, maxTextBytes: 64 * 1024 * 1024);

    /// <summary>Whether inputs of <paramref name="type"/> go through the cache.</summary>
    public static bool Applies(Type type) => type == typeof(WorkflowRunRequest);

    /// <summary>The request in <paramref name="utf8"/>, from the cache when the same text was read before.</summary>
    public static WorkflowRunRequest? Read(ReadOnlySpan<byte> utf8) =>
        utf8.Length < MinCachedBytes
            ? JsonSerializer.Deserialize<WorkflowRunRequest>(utf8, DurablePayloadJson.Options)
            : Cache.GetOrAdd(utf8, text => JsonSerializer.Deserialize<WorkflowRunRequest>(text, DurablePayloadJson.Options));

    /// <summary>The request in <paramref name="json"/> (text as the engine delivers it).</summary>
    public static WorkflowRunRequest? Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.Length < MinCachedBytes / 3)
        {
            return JsonSerializer.Deserialize<WorkflowRunRequest>(json, DurablePayloadJson.Options);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            return Read(buffer.AsSpan(0, Encoding.UTF8.GetBytes(json, buffer)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The request in <paramref name="stream"/> (the Functions worker's serializer is handed a stream).</summary>
    public static WorkflowRunRequest? Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var copy = new PooledBuffer();
        stream.CopyTo(copy);
        return Read(copy.Written);
    }

    /// <summary>A write-only stream over pooled arrays.</summary>
    private sealed class PooledBuffer : Stream
    {
        private byte[] _buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        private int _length;

        public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position
        {
            get => _length;
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (_length + buffer.Length > _buffer.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + buffer.Length));
                _buffer.AsSpan(0, _length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = larger;
            }

            buffer.CopyTo(_buffer.AsSpan(_length));
            _length += buffer.Length;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing && _buffer.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = [];
            }

            base.Dispose(disposing);
        }
    }
}
