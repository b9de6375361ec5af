using Psstd.Agent.Discovery.Dns;

namespace Psstd.Agent.Discovery;

/// <summary>An answer to send: to the group, or straight back to the asker (QU question or legacy querier).</summary>
internal sealed record MdnsReply(DnsMessage Message, bool Unicast);
