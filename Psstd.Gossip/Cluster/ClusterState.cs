using System.Net;
using Psstd.Contracts;
using Psstd.Gossip.Wire;

namespace Psstd.Gossip.Cluster;

/// <summary>
/// The cluster as this agent knows it, in memory. Gossip and the heartbeat write through
/// <see cref="Merge(byte[])"/>; readers take copies. One short lock: every operation is an array step.
/// </summary>
/// <remarks>
/// What is held for a node is a small struct in an array indexed by the node's number in the
/// <see cref="NodeCatalog"/>, changed in place (a 1,000-node cluster accepts a thousand versions a
/// second: no allocation per version here), pointing at an immutable <see cref="RecordVersion"/>.
/// Readers get <see cref="ClusterEntry"/> views built on request; gossip's hot paths use the methods
/// that build none.
/// </remarks>
public sealed partial class ClusterState
{
    private readonly TimeProvider _time;
    private readonly NodeCatalog _catalog;
    private readonly Lock _lock = new();
    private readonly List<int> _order = []; // numbers of the held nodes in join order, indexable, for picking gossip targets at random
    private readonly bool _ownsCatalog;
    private ClusterSlot[] _slots = [];
    private JudgementLimits _limits = JudgementLimits.None;

    public ClusterState(TimeProvider time)
        : this(time, null)
    {
    }

    /// <param name="catalog">Shared numbers and versions (the simulator's many states); null: a catalog of its own.</param>
    internal ClusterState(TimeProvider time, NodeCatalog? catalog)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _ownsCatalog = catalog is null;
        _catalog = catalog ?? new NodeCatalog();
    }

    /// <summary>
    /// Nodes this state holds at most (<c>PSSTD_MAX_NODES</c>); past it a record of a node not held is refused,
    /// so a stranger inventing nodes cannot grow memory, store or the pages without bound.
    /// </summary>
    public int MaxNodes { get; set; } = int.MaxValue;

    /// <summary>
    /// Bounds what a record's own TTL and interval may stretch its judgement to (see <see cref="JudgementLimits"/>).
    /// The engine calls it with this node's own current record every round.
    /// </summary>
    internal void JudgeAgainst(RecordHeader own)
    {
        var limits = JudgementLimits.For(own);
        lock (_lock)
        {
            _limits = limits;
        }
    }

    /// <summary>Merges a record in wire form; throws when it is not a valid record.</summary>
    public MergeOutcome Merge(byte[] encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        var outcome = RecordCodec.TryReadHeader(encoded, out var header, out var gossipAddress)
            ? Merge(header, gossipAddress, encoded, encoded, confirmSteps: false).Outcome
            : MergeOutcome.Rejected;
        return outcome != MergeOutcome.Rejected ? outcome : throw new ArgumentException("not a valid record", nameof(encoded));
    }

    /// <summary>
    /// Merges a record straight out of a packet, whose header and gossip address the caller read from
    /// <paramref name="bytes"/>: a version that is not newer is ignored before anything is checked or
    /// copied; a newer one is checked whole (<see cref="RecordCodec.IsValid"/>) and rejected when malformed.
    /// </summary>
    /// <param name="confirmSteps">
    /// True for what peers send: a version that is no ordinary step from the one held
    /// (<see cref="VersionLimits.IsOrdinaryStep"/>: a big jump, or a tombstone) is not taken but answered
    /// <see cref="MergeOutcome.Unconfirmed"/>, for the caller to confirm with the node.
    /// </param>
    internal MergeResult Merge(RecordHeader header, ReadOnlySpan<byte> gossipAddress, ReadOnlySpan<byte> bytes, bool confirmSteps = false) =>
        Merge(header, gossipAddress, bytes, null, confirmSteps);

    /// <summary>The node answered a probe: alive now, whatever the age of its record.</summary>
    public void MarkAlive(Guid id, long now)
    {
        lock (_lock)
        {
            if (Held(id, out var number))
            {
                ref var slot = ref _slots[number];
                slot.Suspected = false;
                Revive(number, ref slot, now);
            }
        }
    }

    /// <summary>
    /// The failure detector doubts the node; ignored when a newer version arrived meanwhile. Returns
    /// whether this made it suspected (false: already suspected, or a newer version is held).
    /// </summary>
    public bool MarkSuspect(Guid id, RecordHeader probed)
    {
        lock (_lock)
        {
            if (!Held(id, out var number) || _slots[number].Version!.Header != probed || _slots[number].Suspected)
            {
                return false;
            }

            _slots[number].Suspected = true;
            return true;
        }
    }

    /// <summary>
    /// Another node's failure detector doubts version (<paramref name="generation"/>, <paramref name="sequence"/>)
    /// of a node. Taken (the node becomes suspected here) only when the version held is that one or older,
    /// is a live record (not left, not a tombstone, not suspected yet), and nothing was heard of the node
    /// for <paramref name="silentIntervals"/> of its intervals: a peer that has newer news, or heard from
    /// the node just now, keeps its own judgement. Returns the held header when taken.
    /// </summary>
    public RecordHeader? TakeSuspicion(Guid id, long generation, long sequence, double silentIntervals)
    {
        lock (_lock)
        {
            if (!Held(id, out var number))
            {
                return null;
            }

            ref var slot = ref _slots[number];
            var h = slot.Version!.Header;
            var notNewer = h.Generation < generation || (h.Generation == generation && h.Sequence <= sequence);
            if (!notNewer || h.Left || h.Forgotten || slot.Suspected
                || _time.GetElapsedTime(slot.Alive) < h.Interval * silentIntervals)
            {
                return null;
            }

            slot.Suspected = true;
            return h;
        }
    }

    public ClusterEntry? Find(Guid id)
    {
        lock (_lock)
        {
            return Held(id, out var number) ? View(in _slots[number]) : null;
        }
    }

    /// <summary>The version held for a node, without building an entry; null when none is held.</summary>
    internal RecordVersion? Current(Guid id)
    {
        lock (_lock)
        {
            return Held(id, out var number) ? _slots[number].Version : null;
        }
    }

    /// <summary>Whether <paramref name="version"/> is still the one held for its node (no newer one replaced it).</summary>
    internal bool IsCurrent(RecordVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        lock (_lock)
        {
            return Held(version.Id, out var number) && ReferenceEquals(_slots[number].Version, version);
        }
    }

    /// <summary>
    /// A held node's health now (as <see cref="NodeHealthJudge"/> judges it), version and seen timestamp,
    /// without building an entry; null when none is held.
    /// </summary>
    internal (NodeHealth Health, RecordVersion Version, long Seen)? Judge(Guid id)
    {
        lock (_lock)
        {
            if (!Held(id, out var number))
            {
                return null;
            }

            ref readonly var slot = ref _slots[number];
            return (Health(in slot, _time.GetTimestamp()), slot.Version!, slot.Seen);
        }
    }

    /// <summary>
    /// Every held node's health now and seen timestamp, with its catalog number, under one lock and without
    /// a lookup per node: the simulator samples every view of 10,000 states of 10,000 nodes each second.
    /// </summary>
    public void JudgeEach(Action<int, NodeHealth, long> visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            foreach (var number in _order)
            {
                ref readonly var slot = ref _slots[number];
                visit(number, Health(in slot, now), slot.Seen);
            }
        }
    }

    /// <summary>
    /// Whether <paramref name="endPoint"/> is the gossip address of a node held here and not judged
    /// offline, left or forgotten: someone this agent may answer with more than it was asked. One
    /// lookup in the catalog's address index, one slot read; nothing sized by the cluster per state.
    /// </summary>
    public bool IsLiveMember(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        if (endPoint.Address.IsIPv4MappedToIPv6)
        {
            endPoint = new IPEndPoint(endPoint.Address.MapToIPv4(), endPoint.Port);
        }

        if (!_catalog.TryNumberAt(endPoint, out var number))
        {
            return false;
        }

        lock (_lock)
        {
            if (number >= _slots.Length || _slots[number].Version is not { } version || !endPoint.Equals(version.Address.EndPoint))
            {
                return false;
            }

            return NodeHealthJudge.IsLive(Health(in _slots[number], _time.GetTimestamp()));
        }
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _order.Count;
            }
        }
    }

    public IReadOnlyList<ClusterEntry> Entries()
    {
        lock (_lock)
        {
            var entries = new ClusterEntry[_order.Count];
            for (var i = 0; i < entries.Length; i++)
            {
                entries[i] = View(in _slots[_order[i]]);
            }

            return entries;
        }
    }

    /// <summary>A held node drawn uniformly at random, with its health now; null when none is held.</summary>
    internal (RecordVersion Version, NodeHealth Health)? PickRandom(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        lock (_lock)
        {
            if (_order.Count == 0)
            {
                return null;
            }

            ref readonly var slot = ref _slots[_order[random.Next(_order.Count)]];
            return (slot.Version!, Health(in slot, _time.GetTimestamp()));
        }
    }

    private MergeResult Merge(RecordHeader header, ReadOnlySpan<byte> gossipAddress, ReadOnlySpan<byte> bytes, byte[]? array, bool confirmSteps)
    {
        if (NumberOrFull(header.Id) is not { } number)
        {
            return new MergeResult(MergeOutcome.Refused);
        }

        var now = _time.GetTimestamp();
        lock (_lock)
        {
            ref var slot = ref SlotOf(number);
            var held = slot.Version;
            if (held is not null && !ClusterMerge.Replaces(header, held.Header))
            {
                return new MergeResult(MergeOutcome.Ignored);
            }

            if (held is not null && confirmSteps && !VersionLimits.IsOrdinaryStep(held.Header, header, _time.GetElapsedTime(slot.Seen, now)))
            {
                return new MergeResult(MergeOutcome.Unconfirmed);
            }

            if (held is null && _order.Count >= MaxNodes)
            {
                return new MergeResult(MergeOutcome.Refused);
            }

            if (_catalog.Version(number, header, gossipAddress, bytes, array) is not { } version)
            {
                return new MergeResult(MergeOutcome.Rejected);
            }

            if (held is null)
            {
                slot = new ClusterSlot { Version = version, Seen = now, Alive = now };
                Join(number, ref slot);
                return new MergeResult(MergeOutcome.Joined, version);
            }

            var before = Health(in slot, now);
            slot.Version = version;
            slot.Seen = now;
            slot.Suspected = false;
            Revive(number, ref slot, now);
            return new MergeResult(MergeOutcome.Updated, version, before);
        }
    }

    /// <summary>The node's catalog number; null when it has none and the state is full (no number is given then).</summary>
    private int? NumberOrFull(Guid id)
    {
        if (_catalog.TryNumber(id, out var number))
        {
            return number;
        }

        return Count >= MaxNodes ? null : _catalog.Number(id);
    }

    /// <summary>Whether a version is held for the node (call under the lock).</summary>
    private bool Held(Guid id, out int number) =>
        _catalog.TryNumber(id, out number) && number < _slots.Length && _slots[number].Version is not null;

    /// <summary>The node's slot, the array grown to hold it (call under the lock).</summary>
    private ref ClusterSlot SlotOf(int number)
    {
        if (number >= _slots.Length)
        {
            Array.Resize(ref _slots, Math.Max(number + 1, Math.Max(_catalog.Count, _slots.Length * 2)));
        }

        return ref _slots[number];
    }

    private NodeHealth Health(in ClusterSlot slot, long now)
    {
        var h = slot.Version!.Header;
        return NodeHealthJudge.Judge(_time.GetElapsedTime(slot.Seen, now), _limits.Ttl(h), h.Left, slot.Suspected, h.Forgotten);
    }

    /// <summary>A view whose header carries the TTL and interval as judged here, so every reader judges alike.</summary>
    private ClusterEntry View(in ClusterSlot slot) =>
        new(_limits.Apply(slot.Version!.Header), slot.Version.Encoded, slot.Version.Address, slot.Seen) { AliveTimestamp = slot.Alive, Suspected = slot.Suspected };
}
