using Psstd.Contracts;

namespace Psstd.Dashboard.LoadRules;

/// <summary>
/// How often the page polls, from how loaded the cluster is: a calm cluster gets updates every 2 s, a hot
/// one every 10 s so the dashboards add little to machines that are already busy (psstd's old rule).
/// </summary>
public static class RefreshIntervalRule
{
    public const int CalmSeconds = 2;
    public const int HotSeconds = 10;

    /// <summary>At or below this score the cluster is calm.</summary>
    public const double CalmScore = 50;

    /// <summary>At or above this score the cluster is hot.</summary>
    public const double HotScore = 90;

    /// <summary>
    /// The load is the larger of this node's score (its dashboard renders the page) and the mean score of the
    /// fresh nodes; between the calm and hot scores the interval grows linearly, rounded to whole seconds.
    /// </summary>
    public static int Seconds(IReadOnlyList<NodeSnapshot> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var self = nodes.FirstOrDefault(n => n.IsSelf);
        var fresh = nodes.Where(n => n.Health == NodeHealth.Fresh).Select(n => NodeScore.Of(n.Metrics)).ToArray();
        var load = Math.Max(self is null ? 0 : NodeScore.Of(self.Metrics), fresh.Length == 0 ? 0 : fresh.Average());
        return ForScore(load);
    }

    /// <summary>The interval for one load score: 2 s up to 50, 10 s from 90, linear between.</summary>
    public static int ForScore(double score)
    {
        if (!double.IsFinite(score) || score <= CalmScore)
        {
            return CalmSeconds;
        }

        if (score >= HotScore)
        {
            return HotSeconds;
        }

        var share = (score - CalmScore) / (HotScore - CalmScore);
        return (int)Math.Round(CalmSeconds + (share * (HotSeconds - CalmSeconds)), MidpointRounding.AwayFromZero);
    }
}
