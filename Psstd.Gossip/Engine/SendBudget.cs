namespace Psstd.Gossip.Engine;

/// <summary>
/// A token bucket of bytes: refilled at <see cref="GossipOptions.BandwidthBytesPerSecond"/>, never more than
/// one second's worth banked. Sends that must not wait (a leave, a probe, an answer) are charged even past
/// it, so their debt slows the news that follows instead of adding to the rate.
/// </summary>
internal sealed class SendBudget
{
    private readonly TimeProvider _time;
    private readonly int _bytesPerSecond;
    private long _lastRefill;
    private double _tokens;

    public SendBudget(TimeProvider time, int bytesPerSecond)
    {
        _time = time;
        _bytesPerSecond = bytesPerSecond;
        _lastRefill = time.GetTimestamp();
        _tokens = bytesPerSecond;
    }

    public void Refill(long now)
    {
        var elapsed = _time.GetElapsedTime(_lastRefill, now).TotalSeconds;
        _lastRefill = now;
        _tokens = Math.Min(_bytesPerSecond, _tokens + (elapsed * _bytesPerSecond));
    }

    public bool Allows(int bytes) => _tokens >= bytes;

    public void Charge(int bytes) => _tokens -= bytes;
}
