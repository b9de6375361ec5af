using System.Runtime.Versioning;

namespace Psstd.Agent.Metrics.MacOS;

/// <summary>
/// Cumulative bytes read and written per disk: the "Statistics" dictionary of every IOBlockStorageDriver
/// (IOKit/storage/IOBlockStorageDriver.h), the counters iostat(8) reads. One driver sits under each whole
/// disk, so partitions and APFS volumes, which sit above it, are not counted again.
/// </summary>
[SupportedOSPlatform("macos")]
internal sealed class BlockStorageStatistics
{
    private readonly nint _statisticsKey = Key("Statistics");
    private readonly nint _bytesReadKey = Key("Bytes (Read)");
    private readonly nint _bytesWrittenKey = Key("Bytes (Write)");
    private readonly nuint _dictionaryType = IOKit.DictionaryGetTypeID();
    private readonly nuint _numberType = IOKit.NumberGetTypeID();

    /// <summary>Bytes read and written per driver, keyed by its registry entry id; empty when IOKit will not list them.</summary>
    public Dictionary<ulong, (long Read, long Written)> Read()
    {
        var disks = new Dictionary<ulong, (long Read, long Written)>();
        if (IOKit.ServiceGetMatchingServices(0, IOKit.ServiceMatching("IOBlockStorageDriver"), out uint iterator) != 0)
        {
            return disks;
        }

        try
        {
            for (uint driver = IOKit.IteratorNext(iterator); driver != 0; driver = IOKit.IteratorNext(iterator))
            {
                try
                {
                    if (IOKit.RegistryEntryGetRegistryEntryID(driver, out ulong id) == 0 && TryReadDriver(driver, out var bytes))
                    {
                        disks[id] = bytes;
                    }
                }
                finally
                {
                    _ = IOKit.ObjectRelease(driver);
                }
            }
        }
        finally
        {
            _ = IOKit.ObjectRelease(iterator);
        }

        return disks;
    }

    private static nint Key(string name) => IOKit.StringCreateWithCString(0, name, IOKit.Utf8Encoding);

    private bool TryReadDriver(uint driver, out (long Read, long Written) bytes)
    {
        bytes = default;
        if (IOKit.RegistryEntryCreateCFProperties(driver, out nint properties, 0, 0) != 0 || properties == 0)
        {
            return false;
        }

        try
        {
            nint statistics = IOKit.DictionaryGetValue(properties, _statisticsKey);
            if (statistics == 0 || IOKit.GetTypeID(statistics) != _dictionaryType)
            {
                return false;
            }

            bytes = (Number(statistics, _bytesReadKey), Number(statistics, _bytesWrittenKey));
            return true;
        }
        finally
        {
            IOKit.Release(properties);
        }
    }

    private long Number(nint dictionary, nint key)
    {
        nint number = IOKit.DictionaryGetValue(dictionary, key);
        return number != 0 && IOKit.GetTypeID(number) == _numberType && IOKit.NumberGetValue(number, IOKit.NumberSInt64, out long value)
            ? Math.Max(0, value)
            : 0;
    }
}
