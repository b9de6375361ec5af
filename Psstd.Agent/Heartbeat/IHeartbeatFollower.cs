namespace Psstd.Agent.Heartbeat;

/// <summary>
/// Once-an-interval work that runs right after the heartbeat, in the same work item, instead of on a timer of its
/// own. An idle agent's CPU is mostly wake-ups (a timer thread, then a pool worker, per timer and tick), not the
/// work they start; the store's one-second batch riding on the one-second heartbeat saves one of each a second
/// (bench/RESULTS.md, issue 21, fourth pass).
/// </summary>
internal interface IHeartbeatFollower
{
    /// <summary>
    /// Called after every heartbeat tick, whether or not that tick published a record. An exception is not the
    /// heartbeat's to judge: it ends the heartbeat's loop as it would have ended the follower's own.
    /// </summary>
    void AfterHeartbeat();
}
