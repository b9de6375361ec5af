using System.Text.Json.Serialization;

namespace Psstd.Contracts;

/// <summary>Every address this agent knows to gossip with: the body of <see cref="LocalApiRoutes.Contacts"/>.</summary>
public sealed record GossipContactList(IReadOnlyList<GossipContact> Contacts);

/// <summary>One gossip contact.</summary>
/// <param name="Address">host:port as dialled.</param>
/// <param name="Origin">Where the text came from, such as the seed "db1:7947" a DNS answer belongs to; may be empty.</param>
/// <param name="LastHeard">This agent's wall clock when a packet last came from the address; null when never.</param>
public sealed record GossipContact(string Address, ContactSource Source, string Origin, DateTimeOffset? LastHeard);

public enum ContactSource
{
    /// <summary>An address given literally in PSSTD_SEEDS.</summary>
    [JsonStringEnumMemberName("seed")]
    Seed,

    /// <summary>An address a seed's DNS name resolved to.</summary>
    [JsonStringEnumMemberName("dns")]
    Dns,

    /// <summary>Found by mDNS / DNS-SD on the LAN.</summary>
    [JsonStringEnumMemberName("mdns")]
    Mdns,

    /// <summary>Learnt from a peer's record (its advertised gossip address).</summary>
    [JsonStringEnumMemberName("gossip")]
    Gossip,
}
