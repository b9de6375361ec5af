using Psstd.Gossip.Cluster;
using Psstd.Gossip.Wire;

namespace Psstd.Gossip.Engine;

/// <summary>
/// Lists sized by the cluster, filled and cleared within one engine call: one set per thread instead of one
/// per engine (the simulator runs thousands of engines on one thread, and each would keep lists as long as
/// the cluster). An engine call never runs inside another on the same thread, so no two users overlap.
/// </summary>
internal static class EngineScratch
{
    [ThreadStatic]
    private static List<RecordVersion>? t_versions;

    [ThreadStatic]
    private static Dictionary<Guid, DigestEntry>? t_listed;

    [ThreadStatic]
    private static List<SilentNode>? t_silent;

    [ThreadStatic]
    private static List<RecordVersion>? t_news;

    [ThreadStatic]
    private static List<byte[]>? t_newsBytes;

    [ThreadStatic]
    private static List<DigestEntry>? t_digest;

    [ThreadStatic]
    private static List<Guid>? t_ids;

    public static List<RecordVersion> Versions => t_versions ??= [];

    public static List<DigestEntry> Digest => t_digest ??= [];

    public static List<SilentNode> Silent => t_silent ??= [];

    public static List<RecordVersion> News => t_news ??= [];

    public static List<byte[]> NewsBytes => t_newsBytes ??= [];

    public static List<Guid> Ids => t_ids ??= [];

    public static Dictionary<Guid, DigestEntry> Listed => t_listed ??= [];
}
