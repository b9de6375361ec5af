using Psstd.Gossip.Wire;

namespace Psstd.Tests.Gossip;

/// <summary>The pure parts of anti-entropy: summaries, digests, pulls, and how stream bytes are cut into frames.</summary>
public sealed class SyncMessagesTests
{
    private static RecordHeader Header(int node, long generation = 1, long sequence = 1, bool left = false) =>
        new(new Guid(node, 7, 7, [1, 2, 3, 4, 5, 6, 7, 8]), generation, sequence, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(15), left);

    private static SyncSummary Summary(IEnumerable<RecordHeader> headers)
    {
        var summary = new SyncSummary();
        foreach (var header in headers)
        {
            summary.Add(header);
        }

        return summary;
    }

    [Fact]
    public void SameNodes_InAnyOrder_WithOtherSequences_Agree()
    {
        var nodes = Enumerable.Range(0, 500).Select(i => Header(i)).ToList();
        var later = nodes.Select(h => h with { Sequence = h.Sequence + 40 }).Reverse();

        Assert.Equal(0UL, Summary(nodes).Differing(Summary(later)));
    }

    [Fact]
    public void OneMissingNode_DiffersInItsBucketOnly()
    {
        var nodes = Enumerable.Range(0, 500).Select(i => Header(i)).ToList();

        var differing = Summary(nodes).Differing(Summary(nodes.Skip(1)));

        Assert.Equal(1UL << SyncSummary.Bucket(nodes[0].Id), differing);
    }

    [Theory]
    [InlineData(2, false)]
    [InlineData(1, true)]
    public void NewGeneration_OrLeave_DiffersInItsBucket(long generation, bool left)
    {
        var nodes = Enumerable.Range(0, 100).Select(i => Header(i)).ToList();
        var changed = nodes.Select((h, i) => i == 42 ? h with { Generation = generation, Left = left } : h);

        Assert.Equal(1UL << SyncSummary.Bucket(nodes[42].Id), Summary(nodes).Differing(Summary(changed)));
    }

    [Fact]
    public void Buckets_SpreadCounterLikeIds()
    {
        var counts = new int[SyncSummary.Buckets];
        foreach (var header in Enumerable.Range(0, 6400).Select(i => Header(i)))
        {
            counts[SyncSummary.Bucket(header.Id)]++;
        }

        Assert.All(counts, c => Assert.InRange(c, 50, 150)); // 100 expected in each
    }

    [Fact]
    public void Summary_RoundTrips_InAFewHundredBytes()
    {
        var summary = Summary(Enumerable.Range(0, 1000).Select(i => Header(i)));
        var buffer = new byte[PacketCodec.MaxDatagramBytes];

        var length = SyncMessages.WriteSummary("10.0.0.1:7947", summary, buffer);
        var read = new SyncSummary();

        Assert.InRange(length, 300, 500);
        Assert.True(SyncMessages.TryReadSummary(buffer.AsSpan(0, length), read, out var replyTo));
        Assert.Equal("10.0.0.1:7947", replyTo);
        Assert.Equal(0UL, summary.Differing(read));
    }

    [Fact]
    public void Digest_RoundTrips_AndRejectsAnEntryOutsideItsMask()
    {
        var entries = Enumerable.Range(0, 20).Select(i => Header(i)).Select(h => new DigestEntry(h.Id, h.Generation, h.Sequence + 1000)).ToList();
        var mask = entries.Aggregate(0UL, (m, e) => m | (1UL << SyncSummary.Bucket(e.Id)));
        var buffer = new byte[PacketCodec.MaxDatagramBytes];
        var read = new List<DigestEntry>();

        var length = SyncMessages.WriteDigest("", mask, entries, buffer);
        Assert.True(SyncMessages.TryReadDigest(buffer.AsSpan(0, length), read, out _, out var readMask));
        Assert.Equal(entries, read);
        Assert.Equal(mask, readMask);

        var narrow = 1UL << SyncSummary.Bucket(entries[0].Id);
        length = SyncMessages.WriteDigest("", narrow, entries, buffer);
        Assert.False(SyncMessages.TryReadDigest(buffer.AsSpan(0, length), read, out _, out _));
    }

    [Fact]
    public void Pull_RoundTrips_AndRejectsACountTheBytesCannotHold()
    {
        var ids = Enumerable.Range(0, 30).Select(i => Header(i).Id).ToList();
        var buffer = new byte[PacketCodec.MaxDatagramBytes];
        var read = new List<Guid>();

        var length = SyncMessages.WritePull("[::1]:7947", ids, buffer);
        Assert.True(SyncMessages.TryReadPull(buffer.AsSpan(0, length), read, out var replyTo));
        Assert.Equal(ids, read);
        Assert.Equal("[::1]:7947", replyTo);

        Assert.False(SyncMessages.TryReadPull([0, 0xFF, 0xFF, 0xFF, 0x7F, 1, 2, 3], read, out _));
    }

    [Fact]
    public void FrameReader_CutsAStreamFedInAnyPieces_IntoTheFramesWritten()
    {
        byte[][] packets = [[1, 2, 3], [.. Enumerable.Range(0, 5000).Select(i => (byte)i)], [9]];
        var stream = StreamFrames.Join(packets);

        foreach (var piece in new[] { 1, 3, 7, 4096, stream.Length })
        {
            var reader = new StreamFrameReader();
            var frames = new List<byte[]>();
            for (var i = 0; i < stream.Length; i += piece)
            {
                Assert.True(reader.Feed(stream.AsSpan(i, Math.Min(piece, stream.Length - i)), f => frames.Add(f.ToArray())));
            }

            reader.End();
            Assert.Null(reader.Dropped);
            Assert.Equal(packets, frames);
        }
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0, 0 }, StreamDrop.EmptyFrame)]
    [InlineData(new byte[] { 0x40, 0, 0, 0, 1, 2 }, StreamDrop.FrameTooLarge)]
    [InlineData(new byte[] { 0, 0, 0, 9, 1, 2 }, StreamDrop.Truncated)]
    [InlineData(new byte[] { 0, 0 }, StreamDrop.Truncated)]
    public void FrameReader_DropsAStreamThatBreaksARule(byte[] stream, StreamDrop expected)
    {
        var reader = new StreamFrameReader();
        var frames = 0;

        reader.Feed(stream, _ => frames++);
        reader.End();

        Assert.Equal(expected, reader.Dropped);
        Assert.Equal(0, frames);
    }

    [Fact]
    public void FrameReader_StopsAfterTheFrameLimit()
    {
        var stream = StreamFrames.Join([.. Enumerable.Repeat(new byte[] { 1 }, StreamFrames.MaxFramesPerConnection + 5)]);
        var reader = new StreamFrameReader();
        var frames = 0;

        Assert.False(reader.Feed(stream, _ => frames++));

        Assert.Equal(StreamDrop.TooManyFrames, reader.Dropped);
        Assert.Equal(StreamFrames.MaxFramesPerConnection, frames);
    }
}
