using System.Reflection;
using Psstd.Agent.Configuration.Alerting;
using Psstd.Agent.Configuration;
using Psstd.Agent.Identity;
using Psstd.Contracts;
using Psstd.Gossip.Engine;
using Psstd.Gossip.Wire;
using Psstd.Agent.Registration;
using Psstd.Agent.Notices;
using Psstd.Agent.Silences;

namespace Psstd.Agent.Heartbeat;

/// <summary>This node's own record: the next sequence number and the latest published record.</summary>
internal sealed class LocalNode
{
    /// <summary>The product version from Directory.Build.props, stamped into every record.</summary>
    public static readonly string AgentVersion =
        typeof(LocalNode).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private readonly AgentSettings _settings;
    private readonly NodeIdentity _identity;
    private readonly Lock _lock = new();
    private readonly DashboardRegistry _dashboard;
    private NodeRecord _current;
    private long _generation;
    private readonly string _alertsFingerprint;
    private readonly SilenceBook? _silences;
    private readonly DeliveredNotices? _delivered;
    private IdentityClaim? _claim;

    /// <param name="dashboard">Where the record's dashboard URL comes from: only a dashboard that keeps its lease alive is advertised.</param>
    /// <param name="silences">The silences set through this agent, carried in every record; none when null.</param>
    /// <param name="delivered">The notifications this agent's webhook delivered lately, carried in every record; none when null.</param>
    public LocalNode(AgentSettings settings, NodeIdentity identity, DashboardRegistry dashboard, SilenceBook? silences = null, DeliveredNotices? delivered = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(dashboard);
        _settings = settings;
        _identity = identity;
        _dashboard = dashboard;
        _silences = silences;
        _delivered = delivered;
        _generation = identity.Generation;
        _alertsFingerprint = AlertsFingerprint.Of(settings.AlertRules, settings.AlertWebhook);
        _current = Build(0, NodeMetrics.Empty, 1);
    }

    /// <summary>
    /// A peer named a version of this node newer than the current one (<see cref="GossipEngine.IdentityClaimed"/>):
    /// kept, the greatest of several, for the next <see cref="OutrankClaim"/>. Cheap and safe from any thread.
    /// </summary>
    public void NoteClaim(IdentityClaim claim)
    {
        lock (_lock)
        {
            if (_claim is not { } held || claim.Generation > held.Generation || (claim.Generation == held.Generation && claim.Sequence > held.Sequence))
            {
                _claim = claim;
            }
        }
    }

    /// <summary>
    /// Outranks the claim noted since the last call, if it still outranks this node: the generation moves past
    /// it (saved before anything carries it) and the sequence starts again, so the next record is newer than
    /// any forgery or tombstone peers may hold. Returns the generation moved to, or null when there was nothing
    /// to outrank (or the claim is beyond what any record may carry).
    /// </summary>
    public long? OutrankClaim()
    {
        lock (_lock)
        {
            if (_claim is not { } claim || _current.Left)
            {
                return null;
            }

            _claim = null;
            var outranked = claim.Generation > _current.Generation || (claim.Generation == _current.Generation && claim.Sequence > _current.Sequence);
            var next = Math.Max(_current.Generation, claim.Generation) + 1;
            if (!outranked || next > VersionLimits.MaxValue)
            {
                return null;
            }

            NodeIdentityStore.SaveGeneration(_settings.StateDirectory, next);
            _generation = next;
            Volatile.Write(ref _current, _current with { Generation = next, Sequence = 0 });
            return next;
        }
    }

    public NodeRecord Current => Volatile.Read(ref _current);

    /// <summary>
    /// Bytes this node's record may take, well inside a datagram's payload whatever the cluster name and seal: what
    /// an operator adds to it (silences) is refused past it.
    /// </summary>
    public const int MaxRecordBytes = 1000;

    /// <summary>
    /// Whether the current record, carrying <paramref name="silences"/> instead of its own, stays within
    /// <see cref="MaxRecordBytes"/>, also once its list of delivered notices is as long as it gets.
    /// </summary>
    public bool Fits(IReadOnlyList<SilenceClaim> silences)
    {
        Span<byte> buffer = stackalloc byte[MaxRecordBytes];
        return RecordCodec.Write(Current with { Silences = silences, DeliveredNotices = LongestDeliveredList }, buffer) > 0;
    }

    private static readonly uint[] LongestDeliveredList = new uint[DeliveredNotices.MaxListed];

    /// <summary>The stride of the current record (1 before the first publish): how many intervals this node now waits between records.</summary>
    public int PublishStride => GossipPace.StrideOf(Current.Interval, _settings.Interval);

    /// <summary>Publishes a new sample under the next sequence number. After <see cref="Leave"/>, changes nothing.</summary>
    /// <param name="stride">Intervals since the last one (<see cref="Gossip.Engine.GossipPace"/>): the record's interval and TTL are stretched as many times.</param>
    public NodeRecord Publish(NodeMetrics metrics, int stride = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stride);
        lock (_lock)
        {
            if (_current.Left)
            {
                return _current;
            }

            var next = Build(_current.Sequence + 1, metrics, stride);
            Volatile.Write(ref _current, next);
            return next;
        }
    }

    /// <summary>The last record of this generation: the node is shutting down on purpose.</summary>
    public NodeRecord Leave()
    {
        lock (_lock)
        {
            var last = _current with { Sequence = _current.Sequence + 1, Left = true };
            Volatile.Write(ref _current, last);
            return last;
        }
    }

    private NodeRecord Build(long sequence, NodeMetrics metrics, int stride) => new(
        _identity.Id,
        _settings.NodeName,
        _generation,
        sequence,
        AgentVersion,
        _settings.Interval * stride,
        _settings.Ttl * stride,
        _dashboard.CurrentUrl,
        _settings.AdvertiseGossip,
        metrics)
    {
        Tags = _settings.Tags,
        AlertsFingerprint = _alertsFingerprint,
        Silences = _silences?.Claims() ?? [],
        DeliveredNotices = _delivered?.Current() ?? [],
    };
}
