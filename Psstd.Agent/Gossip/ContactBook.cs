using System.Net;
using Psstd.Contracts;

namespace Psstd.Agent.Gossip;

/// <summary>
/// Every address gossip may dial and where it came from (seed, DNS answer, mDNS), with the time a packet
/// last arrived from it. Discovery writes its contacts here; the peer directory merges them with the
/// seeds, so they are retried exactly as seeds are. Safe from any thread.
/// </summary>
internal sealed class ContactBook(TimeProvider time)
{
    /// <summary>Senders remembered for "last heard"; past this, new senders are not recorded (a flood cannot grow it).</summary>
    public const int MaxHeard = 4096;

    private readonly Lock _gate = new();
    private readonly Dictionary<IPEndPoint, DateTimeOffset> _heard = [];
    private IReadOnlyList<Contact> _seeds = [];
    private IReadOnlyList<Contact> _discovered = [];
    private int _version;

    /// <summary>Changes whenever the seed or discovered contacts change.</summary>
    public int Version => Volatile.Read(ref _version);

    public void SetSeeds(IReadOnlyList<Contact> seeds) => Replace(ref _seeds, seeds);

    /// <summary>The contacts discovery currently sees (mDNS); those it no longer sees are dropped.</summary>
    public void SetDiscovered(IReadOnlyList<Contact> discovered) => Replace(ref _discovered, discovered);

    public IReadOnlyList<Contact> Discovered
    {
        get
        {
            lock (_gate)
            {
                return _discovered;
            }
        }
    }

    /// <summary>A gossip packet arrived from <paramref name="from"/> now.</summary>
    public void Heard(IPEndPoint from)
    {
        ArgumentNullException.ThrowIfNull(from);
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_heard.Count < MaxHeard || _heard.ContainsKey(from))
            {
                _heard[from] = now;
            }
        }
    }

    /// <summary>Seeds, DNS answers, mDNS contacts and the gossip addresses of known peers, each with when it was last heard.</summary>
    public GossipContactList List(IEnumerable<Contact> gossipPeers)
    {
        ArgumentNullException.ThrowIfNull(gossipPeers);
        lock (_gate)
        {
            var all = _seeds.Concat(_discovered).Concat(gossipPeers)
                .Select(c => new GossipContact(c.EndPoint.ToString(), c.Source, c.Origin, _heard.TryGetValue(c.EndPoint, out var at) ? at : null))
                .Distinct()
                .OrderBy(c => c.Source)
                .ThenBy(c => c.Address, StringComparer.Ordinal);
            return new GossipContactList([.. all]);
        }
    }

    private void Replace(ref IReadOnlyList<Contact> field, IReadOnlyList<Contact> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (_gate)
        {
            if (field.SequenceEqual(value))
            {
                return;
            }

            field = value;
            _version++;
        }
    }
}

/// <summary>One dialable address and where it came from (the seed text, the mDNS instance, the peer's name).</summary>
internal sealed record Contact(IPEndPoint EndPoint, ContactSource Source, string Origin);
