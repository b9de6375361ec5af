using System.Globalization;
using Psstd.Contracts;

namespace Psstd.ClusterView;

/// <summary>
/// What the dashboard's summary and the terminal's header say while the agent paces its publishing
/// (<see cref="ClusterSnapshot.PublishStride"/> above 1): freshness is coarser on purpose, not because
/// something is wrong. Beside the contract because it is the one project both readers share, so the
/// sentence is written once.
/// </summary>
public static class PaceNotice
{
    /// <summary>
    /// <c>large cluster: nodes report every 10 s to stay within the gossip budget</c>, with the interval this
    /// node's own record declares (or the stride when its record is not in the snapshot); empty while the
    /// agent publishes every interval.
    /// </summary>
    /// <remarks>
    /// The interval is a period, not an age: it is shown as declared (<c>0.3 s</c>, <c>1.5 s</c>), never cut
    /// to whole seconds as the age helpers do, which would claim a faster pace than the real one.
    /// </remarks>
    public static string Text(ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.PublishStride <= 1)
        {
            return "";
        }

        var seconds = 0d;
        foreach (var node in snapshot.Nodes)
        {
            if (node.Id == snapshot.SelfId)
            {
                seconds = node.IntervalSeconds;
            }
        }

        var every = seconds > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{seconds:0.##} s")
            : string.Create(CultureInfo.InvariantCulture, $"{snapshot.PublishStride} intervals");
        return $"large cluster: nodes report every {every} to stay within the gossip budget";
    }
}
