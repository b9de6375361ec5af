namespace Psstd.Gossip.Wire;

/// <summary>What a packet's body holds.</summary>
internal enum MessageKind : byte
{
    /// <summary>One or more node records, each length-prefixed.</summary>
    Records = 1,

    /// <summary>Are you alive? Probe id, the target's node id, and where to answer (empty: the sender).</summary>
    Ping = 2,

    /// <summary>Alive: the probe id, the answering node's id and, to a member, its current record (a record batch).</summary>
    Ack = 3,

    /// <summary>Please ping this node for me (the indirect probe): probe id, target id, target address.</summary>
    PingRequest = 4,

    /// <summary>Anti-entropy, step 1: the sender's <see cref="SyncSummary"/> (where to answer, bucket counts and hashes).</summary>
    SyncSummary = 5,

    /// <summary>Step 2: the versions the sender vouches for in the buckets that differed (a <see cref="SyncMessages"/> digest).</summary>
    SyncDigest = 6,

    /// <summary>Step 3: node ids whose records the sender wants.</summary>
    SyncPull = 7,

    /// <summary>Records sent to repair a peer's state: merged like <see cref="Records"/>, but not relayed (they are not news).</summary>
    SyncRecords = 8,

    /// <summary>A viewer's way in: empty body; answered with Records within the send budget.</summary>
    ViewerPull = 9,

    /// <summary>
    /// The sender's failure detector suspects these versions (node id, generation, sequence): receivers
    /// still on the same version, silent for a while, doubt it too; the named node answers with its record.
    /// </summary>
    Suspicion = 10,
}
