using Psstd.Gossip.Cluster;
using Psstd.Gossip.Wire;

namespace Psstd.Gossip.Engine;

public sealed partial class GossipEngine
{
    /// <summary>
    /// Lists sized by the cluster, used within one call and then cleared: one set per thread instead of
    /// one per engine (the simulator runs thousands of engines on one thread; each would keep a list as
    /// long as the cluster is large).
    /// </summary>
    private static class Scratch
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
}
