namespace Psstd.Agent.Discovery;

/// <summary>What <see cref="NameClaim"/> wants sent now, on every interface.</summary>
internal enum ClaimStep
{
    None,

    /// <summary>A probe: "does anyone own these names?" (RFC 6762 section 8.1).</summary>
    Probe,

    /// <summary>An unsolicited response with every record (section 8.3), also after a change (section 8.4).</summary>
    Announce,
}
