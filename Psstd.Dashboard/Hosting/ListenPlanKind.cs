namespace Psstd.Dashboard.Hosting;

public enum ListenPlanKind
{
    /// <summary>Every interface (<c>:port</c>).</summary>
    AnyAddress,

    /// <summary>The loopback addresses (<c>localhost:port</c>).</summary>
    Localhost,

    /// <summary>The listed addresses: an IP literal, or what a host name resolved to at start.</summary>
    Addresses,
}
