using System.Buffers;
using System.Globalization;

namespace Psstd.Agent.Metrics.Linux;

/// <summary>
/// Walks the whitespace-separated fields of one /proc line without allocating.
/// </summary>
/// <remarks>
/// The kernel pads columns with runs of spaces for alignment, so empty fields never carry meaning
/// and are skipped. Numbers are parsed with <see cref="NumberStyles.None"/>: /proc counters are
/// plain unsigned decimals, and anything with a sign, a thousands separator or a letter is garbage.
/// </remarks>
internal ref struct FieldCursor
{
    private static readonly SearchValues<char> Separators = SearchValues.Create(" \t\r\n\v\f");

    private readonly int _length;
    private ReadOnlySpan<char> _rest;

    public FieldCursor(ReadOnlySpan<char> line)
    {
        _rest = line;
        _length = line.Length;
    }

    /// <summary>How far into the line the cursor is: just past the last field returned.</summary>
    public readonly int Position => _length - _rest.Length;

    public bool TryNext(out ReadOnlySpan<char> field)
    {
        int start = _rest.IndexOfAnyExcept(Separators);
        if (start < 0)
        {
            _rest = default;
            field = default;
            return false;
        }

        var tail = _rest[start..];
        int end = tail.IndexOfAny(Separators);
        field = end < 0 ? tail : tail[..end];
        _rest = end < 0 ? default : tail[end..];
        return true;
    }

    public bool TryNextInt64(out long value)
    {
        value = 0;
        return TryNext(out var field) && ProcNumber.TryParseCounter(field, out value);
    }

    public bool TryNextDouble(out double value)
    {
        value = 0;
        return TryNext(out var field) && ProcNumber.TryParseDecimal(field, out value);
    }

    /// <summary>Skips <paramref name="count"/> fields; false when the line ends first.</summary>
    public bool TrySkip(int count)
    {
        for (int i = 0; i < count; i++)
        {
            if (!TryNext(out _))
            {
                return false;
            }
        }

        return true;
    }
}
