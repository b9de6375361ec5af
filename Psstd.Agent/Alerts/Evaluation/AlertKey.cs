using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Psstd.Agent.Alerts.Evaluation;

/// <summary>
/// The idempotency key of an alert occurrence: the first 16 hex digits of SHA-256 over the rule's name, the
/// node's id and the (generation, sequence) of the node's record at which the condition was first seen.
/// Records are the same on every agent, so agents that saw the same record compute the same key, whatever
/// their clocks say; an agent that missed that record (gossip may skip a node's intermediate records) keys
/// the occurrence by the one it saw first.
/// </summary>
internal static class AlertKey
{
    public static string Of(string rule, Guid nodeId, long generation, long sequence)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"psstd-alert\n{rule}\n{nodeId:D}\n{generation}\n{sequence}");
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return Convert.ToHexStringLower(hash[..8]);
    }
}
