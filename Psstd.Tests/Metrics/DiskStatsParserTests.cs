using Psstd.Agent.Metrics.Linux;

namespace Psstd.Tests.Metrics;

public sealed class DiskStatsParserTests
{
    [Fact]
    public void Parse_CapturedDiskstats_CountsOnlyTheVirtioDisk()
    {
        // The VM lists loop0-7 and zram0 besides vda; only vda is a disk.
        var totals = DiskStatsParser.Parse(ProcFixtures.Read("captured/diskstats"));

        Assert.Equal(new DiskIoTotals(1708394L * 512, 907464L * 512), totals);
    }

    [Fact]
    public void Parse_MixedDevices_SumsWholeDisksOnly()
    {
        // sda + nvme0n1 + mmcblk0 + sr0 + xvdb1 (its parent xvdb is absent, so it is a disk).
        var totals = DiskStatsParser.Parse(ProcFixtures.Read("handmade/diskstats-mixed"));

        long read = 1000000 + 3000000 + 50000 + 2048 + 7000;
        long written = 2000000 + 4000000 + 60000 + 0 + 8000;
        Assert.Equal(new DiskIoTotals(read * 512, written * 512), totals);
    }

    [Fact]
    public void Parse_PartitionWithoutDiskLine_CountsOnce()
    {
        var totals = DiskStatsParser.Parse("   8       1 sda1 1 0 10 0 1 0 20 0 0 0 0\n");

        Assert.Equal(new DiskIoTotals(10 * 512, 20 * 512), totals);
    }

    [Fact]
    public void Parse_OldFourteenFieldFormat_IsRead()
    {
        var totals = DiskStatsParser.Parse("   8       0 sda 100 5 800 30 50 2 400 20 0 40 50\n");

        Assert.Equal(new DiskIoTotals(800 * 512, 400 * 512), totals);
    }

    [Fact]
    public void Parse_ShortOrGarbledLines_AreSkipped()
    {
        const string text = """
               8       0 sda 100 5 800 30 50 2 400 20 0 40 50
               8      16 sdb 100 5 800
               8      32 sdc 100 5 eight 30 50 2 400 20 0 40 50
            not a disk line at all

               8      48 sdd 1 1 1 1 1 1 -5 1 1 1 1
            """;

        Assert.Equal(new DiskIoTotals(800 * 512, 400 * 512), DiskStatsParser.Parse(text));
    }

    [Theory]
    [InlineData("sda1", "sda", true)]
    [InlineData("sda12", "sda", true)]
    [InlineData("vda3", "vda", true)]
    [InlineData("nvme0n1p1", "nvme0n1", true)]
    [InlineData("mmcblk0p2", "mmcblk0", true)]
    [InlineData("sdp1", "sdp", true)]
    [InlineData("sdaa", "sda", false)]
    [InlineData("sda", "sda", false)]
    [InlineData("nvme0n10", "nvme0n1", false)]
    [InlineData("mmcblk10", "mmcblk1", false)]
    [InlineData("nvme0n1p", "nvme0n1", false)]
    [InlineData("mmcblk0boot0", "mmcblk0", false)]
    [InlineData("sdb1", "sda", false)]
    [InlineData("sda1", "", false)]
    public void IsPartitionOf_RecognisesKernelPartitionNames(string name, string disk, bool expected)
    {
        Assert.Equal(expected, DiskStatsParser.IsPartitionOf(name, disk));
    }

    [Theory]
    [InlineData("loop0", true)]
    [InlineData("ram15", true)]
    [InlineData("zram0", true)]
    [InlineData("dm-3", true)]
    [InlineData("md127", true)]
    [InlineData("sda", false)]
    [InlineData("nvme0n1", false)]
    [InlineData("mmcblk0", false)]
    [InlineData("vda", false)]
    public void IsVirtualDevice_SkipsDevicesThatRepeatOrAreNotDisks(string name, bool expected)
    {
        Assert.Equal(expected, DiskStatsParser.IsVirtualDevice(name));
    }
}
