using System.Security.Cryptography;

namespace Psstd.Dashboard.Heatmap;

/// <summary>
/// What recently rendered heatmap pages showed, so each page's stream can start with the squares that changed since
/// it was rendered instead of every square. A page gets a random stamp; its stream hands the stamp back once. At most
/// <see cref="Capacity"/> pages are kept, the oldest dropped first: a stream whose page is gone starts with every square.
/// </summary>
public sealed class RenderedHeatmaps
{
    /// <summary>About 400 KB per 10,000-node page, so at most some 13 MB.</summary>
    public const int Capacity = 32;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, (string Layout, IReadOnlyDictionary<Guid, SquareState> States)> _pages = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _pages.Count;
            }
        }
    }

    /// <summary>Keeps what <paramref name="model"/> shows; returns the page's stamp (16 hex digits).</summary>
    public string Remember(HeatmapModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var stamp = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var states = model.States();
        lock (_gate)
        {
            while (_pages.Count >= Capacity && _order.TryDequeue(out var oldest))
            {
                _pages.Remove(oldest);
            }

            _pages[stamp] = (model.LayoutKey, states);
            _order.Enqueue(stamp);
        }

        return stamp;
    }

    /// <summary>
    /// The squares the page stamped <paramref name="stamp"/> showed, removed from the store; null when it is unknown
    /// (dropped, or another process's) or its layout is not <paramref name="layout"/>.
    /// </summary>
    public IReadOnlyDictionary<Guid, SquareState>? Take(string? stamp, string layout)
    {
        if (stamp is null)
        {
            return null;
        }

        lock (_gate)
        {
            if (!_pages.Remove(stamp, out var page))
            {
                return null;
            }

            return string.Equals(page.Layout, layout, StringComparison.Ordinal) ? page.States : null;
        }
    }
}
