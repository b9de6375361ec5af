using Psstd.Agent.Metrics.Linux;

namespace Psstd.Tests.Metrics;

/// <summary>Every parser, fed text no kernel would print, returns something and never throws.</summary>
public sealed class GarbageInputTests
{
    public static TheoryData<string> Garbage => new()
    {
        "",
        " ",
        "\n\n\n",
        "\r\n\r\n",
        "\0\0\0",
        ":",
        "::::",
        "cpu",
        "cpu ",
        "cpu0",
        "cpu0 ",
        "cpu 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20",
        "cpu0 99999999999999999999999 1 1 1",
        "MemTotal:",
        "MemTotal: kB",
        "MemTotal: 1 kB kB kB",
        ": 1 kB",
        "   8 0",
        "   8 0 sda",
        "   8 0 p1 1 1 1 1 1 1 1 1",
        "0 0 0 0 0 0 0 0 0 0 0 0",
        "lo:",
        "eth0:",
        "eth0: 1",
        "\uFFFD\uFFFD: 1 2 3 4 5 6 7 8 9",
        "1.0 2.0 3.0 4.0 5.0",
        "1e308 1e308 1e308",
        "١٢٣ ٤٥٦",
        new string('9', 5000),
        string.Concat(Enumerable.Repeat("cpu0 1 2 3 4\n", 300)),
    };

    [Theory]
    [MemberData(nameof(Garbage))]
    public void Parsers_GarbageInput_DoNotThrow(string text)
    {
        ParseWithEveryParser(text);
    }

    [Fact]
    public void Parsers_EveryTruncationOfCapturedFiles_DoNotThrow()
    {
        // A read can end early (a file changing under us, a short read): every prefix must parse.
        foreach (string file in new[] { "captured/stat", "captured/meminfo", "captured/loadavg", "captured/uptime", "captured/diskstats", "captured/net/dev" })
        {
            string text = ProcFixtures.Read(file);
            for (int length = 0; length <= text.Length; length++)
            {
                ParseWithEveryParser(text.AsSpan(0, length));
            }
        }
    }

    [Fact]
    public void Parsers_RandomText_DoNotThrow()
    {
        const string alphabet = "0123456789 :\n\t-.pkBcpulomdxa\r";
        var random = new Random(20250101);
        var buffer = new char[200];
        for (int round = 0; round < 2000; round++)
        {
            int length = random.Next(buffer.Length);
            for (int i = 0; i < length; i++)
            {
                buffer[i] = alphabet[random.Next(alphabet.Length)];
            }

            ParseWithEveryParser(buffer.AsSpan(0, length));
        }
    }

    private static void ParseWithEveryParser(ReadOnlySpan<char> text)
    {
        var cpu = ProcStatParser.Parse(text);
        _ = CpuBusy.PerCore(cpu, cpu);
        _ = MemInfoParser.Parse(text);
        _ = LoadAvgParser.Parse(text);
        _ = UptimeParser.ParseSeconds(text);
        _ = DiskStatsParser.Parse(text);
        _ = NetDevParser.Parse(text);
    }
}
