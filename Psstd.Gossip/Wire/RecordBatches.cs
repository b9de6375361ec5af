namespace Psstd.Gossip.Wire;

/// <summary>
/// Walks a list of encoded records as consecutive batches (<see cref="RecordBatch"/> payloads) that each
/// fit <c>buffer</c>: the one packing loop every sender uses. A record too large for any batch is skipped,
/// so the walk always ends.
/// </summary>
internal ref struct RecordBatches
{
    private readonly IReadOnlyList<byte[]> _records;
    private readonly Span<byte> _buffer;
    private int _next;

    public RecordBatches(IReadOnlyList<byte[]> records, Span<byte> buffer)
    {
        ArgumentNullException.ThrowIfNull(records);
        _records = records;
        _buffer = buffer;
    }

    /// <summary>Index of the first record in the current batch.</summary>
    public int First { get; private set; }

    /// <summary>Index just past the last record in the current batch.</summary>
    public readonly int End => _next;

    /// <summary>The current batch, in the buffer.</summary>
    public readonly ReadOnlySpan<byte> Payload => _buffer[..Length];

    private int Length { get; set; }

    public bool MoveNext()
    {
        while (_next < _records.Count)
        {
            First = _next;
            Length = RecordBatch.Pack(_records, ref _next, _buffer);
            if (Length > 0)
            {
                return true;
            }

            _next++; // too large for any batch: skip it rather than loop
        }

        return false;
    }
}
