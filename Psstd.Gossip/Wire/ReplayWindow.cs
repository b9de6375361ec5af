namespace Psstd.Gossip.Wire;

/// <summary>
/// Which counters of one sender were seen: the highest, and a bitmap of the <see cref="Size"/> below it.
/// A counter at or below the window's floor, or one already marked, is a replay (or so late it cannot be
/// told from one). Datagrams and stream frames share one counter, and a stream can lag the datagrams sent
/// while it connects, so the window is wide.
/// </summary>
internal sealed class ReplayWindow
{
    public const int Size = 2048;

    private readonly ulong[] _bits = new ulong[Size / 64];
    private ulong _highest;

    /// <summary>True when <paramref name="counter"/> may be new (not seen, not below the window).</summary>
    public bool MayAccept(ulong counter) =>
        counter > _highest || (_highest - counter < Size && (_bits[Slot(counter)] & Bit(counter)) == 0 && counter != 0);

    /// <summary>Marks <paramref name="counter"/> seen (call only after the packet opened).</summary>
    public void Mark(ulong counter)
    {
        if (counter > _highest)
        {
            var shift = counter - _highest;
            if (shift >= Size)
            {
                Array.Clear(_bits);
            }
            else
            {
                for (var c = _highest + 1; c < counter; c++)
                {
                    _bits[Slot(c)] &= ~Bit(c); // counters skipped over: not seen yet
                }
            }

            _highest = counter;
        }

        _bits[Slot(counter)] |= Bit(counter);
    }

    private static int Slot(ulong counter) => (int)(counter / 64 % (Size / 64));

    private static ulong Bit(ulong counter) => 1UL << (int)(counter % 64);
}
