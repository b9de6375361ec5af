namespace Psstd.Agent.Discovery;

internal enum ClaimPhase
{
    /// <summary>Asking whether the names are free; nothing is answered yet.</summary>
    Probing,

    /// <summary>The names are ours: telling the link (section 8.3), and answering queries.</summary>
    Announcing,

    /// <summary>Announced; only queries are answered from here on.</summary>
    Established,
}
