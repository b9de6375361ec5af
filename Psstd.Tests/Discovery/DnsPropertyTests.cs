using System.Net;
using FsCheck;
using FsCheck.Fluent;
using Psstd.Agent.Discovery;
using Psstd.Agent.Discovery.Dns;

namespace Psstd.Tests.Discovery;

/// <summary>The DNS codec on many generated messages and hostile byte strings (FsCheck).</summary>
public sealed class DnsPropertyTests
{
    private static readonly string[] Labels = ["local", "_psstd", "_tcp", "node-1", "Node-1", "rack 4.b", "été", "a", "x-y"];

    /// <summary>A message built from <paramref name="seed"/>: a few questions and records of every kind, sharing suffixes.</summary>
    private static DnsMessage Generate(int seed)
    {
        var random = new Random(seed);
        DnsName Name() => new([.. Enumerable.Range(0, random.Next(0, 5)).Select(_ => Labels[random.Next(Labels.Length)])]);
        DnsRecord Record()
        {
            var (type, data) = random.Next(7) switch
            {
                0 => (DnsRecordType.A, (DnsRecordData)new AddressData(new IPAddress(random.NextInt64(0, uint.MaxValue)))),
                1 => (DnsRecordType.Aaaa, new AddressData(new IPAddress(Enumerable.Range(0, 16).Select(_ => (byte)random.Next(256)).ToArray()))),
                2 => (DnsRecordType.Ptr, new PtrData(Name())),
                3 => (DnsRecordType.Srv, new SrvData((ushort)random.Next(65536), (ushort)random.Next(65536), (ushort)random.Next(65536), Name())),
                4 => (DnsRecordType.Txt, new TxtData([.. Enumerable.Range(0, random.Next(0, 4)).Select(i => $"k{i}={Labels[random.Next(Labels.Length)]}")])),
                5 => (DnsRecordType.Nsec, new NsecData(Name(), [.. new[] { DnsRecordType.A, DnsRecordType.Txt, DnsRecordType.Aaaa, DnsRecordType.Srv, (DnsRecordType)300 }.Where(_ => random.Next(2) == 0)])),
                _ => ((DnsRecordType)random.Next(256, 1000), new RawData([.. Enumerable.Range(0, random.Next(0, 20)).Select(_ => (byte)random.Next(256))])),
            };
            return new DnsRecord(Name(), type, (uint)random.NextInt64(0, uint.MaxValue), data, random.Next(2) == 0);
        }

        List<DnsRecord> Records() => [.. Enumerable.Range(0, random.Next(0, 6)).Select(_ => Record())];
        var questions = Enumerable.Range(0, random.Next(0, 4))
            .Select(_ => new DnsQuestion(Name(), (DnsRecordType)random.Next(1, 256), random.Next(2) == 0)).ToList();
        return new DnsMessage((ushort)random.Next(65536), (ushort)random.Next(65536), questions, Records(), Records(), Records());
    }

    private static bool SameMessage(DnsMessage a, DnsMessage b)
    {
        static bool SameRecords(IReadOnlyList<DnsRecord> x, IReadOnlyList<DnsRecord> y) =>
            x.Count == y.Count && x.Zip(y).All(p => p.First.SameAs(p.Second) && p.First.Ttl == p.Second.Ttl && p.First.CacheFlush == p.Second.CacheFlush);

        return a.Id == b.Id && a.Flags == b.Flags && a.Questions.SequenceEqual(b.Questions)
            && SameRecords(a.Answers, b.Answers) && SameRecords(a.Authorities, b.Authorities) && SameRecords(a.Additionals, b.Additionals);
    }

    [Fact]
    public void GeneratedMessages_RoundTrip_AndReencodeToTheSameBytes() =>
        Prop.ForAll<int>(seed =>
        {
            var message = Generate(seed);
            var bytes = DnsSamples.Bytes(message);
            return DnsMessageReader.TryRead(bytes, out var read) == DnsDecodeError.None
                && SameMessage(message, read!)
                && DnsSamples.Bytes(read!).AsSpan().SequenceEqual(bytes);
        })
        .QuickCheckThrowOnFailure();

    [Fact]
    public void RandomBytes_NeverThrow() =>
        Prop.ForAll<byte[]>(bytes =>
        {
            var error = DnsMessageReader.TryRead(bytes, out var message);
            return (error == DnsDecodeError.None) == (message is not null);
        })
        .QuickCheckThrowOnFailure();

    [Fact]
    public void MutatedMessages_NeverThrow_AndWhatDecodesReencodes() =>
        Prop.ForAll<int, int[], byte[]>((seed, positions, values) =>
        {
            var packet = DnsSamples.Bytes(Generate(seed));
            for (var i = 0; i < Math.Min(positions.Length, values.Length); i++)
            {
                packet[Math.Abs(positions[i] % packet.Length)] = values[i];
            }

            var cut = positions.Length > 0 ? packet[..Math.Abs(positions[0] % (packet.Length + 1))] : packet;
            foreach (var candidate in new[] { packet, cut })
            {
                if (DnsMessageReader.TryRead(candidate, out var message) == DnsDecodeError.None)
                {
                    DnsMessageWriter.Write(message!, new byte[DnsMessageWriter.MaxMessageBytes]); // must not throw either
                }
            }

            return true;
        })
        .QuickCheckThrowOnFailure();

    [Fact]
    public void PointersThatDoNotPointStrictlyBackwards_AreAlwaysRefused() =>
        Prop.ForAll<byte, ushort, byte[]>((prefixLength, targetSeed, filler) =>
        {
            // A question name of some labels, then a pointer to anywhere at or after the name's start.
            var labels = Enumerable.Range(0, prefixLength % 4).SelectMany(i => new byte[] { 1, (byte)('a' + i) }).ToArray();
            const int nameStart = 12;
            var target = nameStart + (targetSeed % (0x3FFF - nameStart));
            byte[] packet = [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, .. labels, (byte)(0xC0 | (target >> 8)), (byte)target, 0, 1, 0, 1, .. filler];
            return DnsMessageReader.TryRead(packet, out _) == DnsDecodeError.BadPointer;
        })
        .QuickCheckThrowOnFailure();

    [Fact]
    public void WhateverDecodes_NeverThrowsInTheResponderClaimOrBrowser() =>
        Prop.ForAll<int[], byte[]>((positions, values) =>
        {
            var ad = DnsSamples.Advertisement("node-2");
            var owned = ad.Records([DnsSamples.V4]);
            foreach (var original in new[] { DnsSamples.Announcement(ad), DnsMessage.Query([new DnsQuestion(ad.InstanceName, DnsRecordType.Any, true)], authorities: ad.ProbeClaims([DnsSamples.V4])) })
            {
                var packet = DnsSamples.Bytes(original);
                for (var i = 0; i < Math.Min(positions.Length, values.Length); i++)
                {
                    packet[Math.Abs(positions[i] % packet.Length)] = values[i];
                }

                if (DnsMessageReader.TryRead(packet, out var message) != DnsDecodeError.None)
                {
                    continue;
                }

                var claim = new NameClaim("node-2", 7947, ad.Txt, TimeSpan.Zero, TimeSpan.Zero);
                claim.Observe(message!, owned, ad.ProbeClaims([DnsSamples.V4]), TimeSpan.Zero);
                MdnsResponder.Answer(message!, owned, legacyUnicast: positions.Length % 2 == 0);
                var browser = new MdnsBrowser("psstd", Guid.Empty, new DiscoveryMetrics(), TimeSpan.Zero);
                browser.Observe(message!, TimeSpan.Zero);
                browser.DueQuery(TimeSpan.FromSeconds(1));
                browser.Expire(TimeSpan.FromHours(2));
            }

            return true;
        })
        .QuickCheckThrowOnFailure();
}
