namespace Psstd.Gossip.Engine;

/// <summary>
/// Lifeguard's local health: a score that rises when this node's own rounds run late and falls with every
/// answered probe, stretching every probe timeout by (1 + score), so an overloaded node does not accuse
/// healthy peers. An unanswered probe alone does not raise it: in a mass failure that would slow detection
/// exactly when it matters (see docs/failure-detection.md).
/// </summary>
internal sealed class LocalHealth(TimeProvider time, TimeSpan roundInterval)
{
    public const int MaxScore = 8;

    private long _lastRound;

    /// <summary>0 when healthy, up to <see cref="MaxScore"/> when this node doubts itself.</summary>
    public int Score { get; private set; }

    /// <summary>A round starts now: a round later than twice its interval raises the score.</summary>
    /// <returns>How much later than its interval this round started; null for the first round.</returns>
    public TimeSpan? RoundStarted(long now)
    {
        TimeSpan? late = null;
        if (_lastRound != 0)
        {
            var sinceLast = time.GetElapsedTime(_lastRound, now);
            late = sinceLast - roundInterval;
            if (sinceLast > roundInterval * 2)
            {
                Score = Math.Min(MaxScore, Score + 1);
            }
        }

        _lastRound = now;
        return late;
    }

    public void ProbeAnswered() => Score = Math.Max(0, Score - 1);

    /// <summary>A timeout stretched by the score, in timestamp ticks.</summary>
    public long Stretch(TimeSpan timeout) => (long)(timeout.TotalSeconds * (1 + Score) * time.TimestampFrequency);
}
