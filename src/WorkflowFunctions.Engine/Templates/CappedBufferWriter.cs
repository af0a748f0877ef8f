using System.Buffers;

namespace WorkflowFunctions.Engine.Templates;

/// <summary>A buffer for UTF-8 JSON that throws <see cref="TemplateOutputTooLargeException"/> once more than its cap is written.</summary>
internal sealed class CappedBufferWriter(int cap, int reportedLimit) : IBufferWriter<byte>
{
    private readonly ArrayBufferWriter<byte> _buffer = new();

    public ReadOnlySpan<byte> WrittenSpan => _buffer.WrittenSpan;

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.WrittenMemory;

    public void Advance(int count)
    {
        if ((long)_buffer.WrittenCount + count > cap)
        {
            throw new TemplateOutputTooLargeException(reportedLimit);
        }

        _buffer.Advance(count);
    }

    public Memory<byte> GetMemory(int sizeHint = 0) => _buffer.GetMemory(sizeHint);

    public Span<byte> GetSpan(int sizeHint = 0) => _buffer.GetSpan(sizeHint);
}
