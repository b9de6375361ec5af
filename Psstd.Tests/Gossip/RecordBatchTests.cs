using Psstd.Gossip.Wire;

namespace Psstd.Tests.Gossip;

public sealed class RecordBatchTests
{
    [Fact]
    public void Pack_FillsUpToTheCapacity_AndResumesWhereItStopped()
    {
        byte[][] records = [.. Enumerable.Range(0, 10).Select(i => Enumerable.Repeat((byte)i, 100).ToArray())];
        var buffer = new byte[350];
        var next = 0;

        var first = RecordBatch.Pack(records, ref next, buffer);
        var reader = new RecordBatchReader(buffer.AsSpan(0, first));
        var read = new List<byte[]>();
        while (reader.TryNext(out var record))
        {
            read.Add(record.ToArray());
        }

        Assert.Equal(3, next); // 1 + 3 x 101 bytes fit 350; a fourth would not
        Assert.False(reader.Failed);
        Assert.Equal(records[..3], read);
        Assert.True(RecordBatch.Pack(records, ref next, buffer) > 0);
        Assert.Equal(6, next);
    }

    [Fact]
    public void Reader_StopsAtALengthPastTheEnd()
    {
        byte[] payload = [2, 3, 1, 2, 3, 50, 1];
        var reader = new RecordBatchReader(payload);

        Assert.True(reader.TryNext(out var first));
        Assert.Equal([1, 2, 3], first.ToArray());
        Assert.False(reader.TryNext(out _));
        Assert.True(reader.Failed);
    }

    [Fact]
    public void Reader_FlagsTrailingBytes()
    {
        byte[] payload = [1, 1, 9, 7];
        var reader = new RecordBatchReader(payload);

        while (reader.TryNext(out _))
        {
        }

        Assert.True(reader.Failed);
    }
}
