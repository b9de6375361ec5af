using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Microsoft.Win32.SafeHandles;

namespace Psstd.Agent.Metrics.Windows;

/// <summary>The Performance Data Helper calls the Windows probe makes for counters ntdll does not give.</summary>
[SupportedOSPlatform("windows")]
internal static partial class Pdh
{
    /// <summary>PDH_CSTATUS_VALID_DATA and PDH_CSTATUS_NEW_DATA: the only statuses whose value means anything.</summary>
    public const uint ValidData = 0;
    public const uint NewData = 1;

    [LibraryImport("pdh.dll", EntryPoint = "PdhOpenQueryW", StringMarshalling = StringMarshalling.Utf16)]
    public static partial uint PdhOpenQuery(string? dataSource, nint userData, out PdhQueryHandle query);

    /// <summary>The English path works whatever the display language (localised counter names differ).</summary>
    [LibraryImport("pdh.dll", EntryPoint = "PdhAddEnglishCounterW", StringMarshalling = StringMarshalling.Utf16)]
    public static partial uint PdhAddEnglishCounter(PdhQueryHandle query, string fullCounterPath, nint userData, out nint counter);

    [LibraryImport("pdh.dll")]
    public static partial uint PdhCollectQueryData(PdhQueryHandle query);

    [LibraryImport("pdh.dll")]
    public static partial uint PdhGetRawCounterValue(nint counter, out uint type, out PdhRawCounter value);

    [LibraryImport("pdh.dll")]
    public static partial uint PdhCloseQuery(nint query);
}

/// <summary>PDH_RAW_COUNTER (pdh.h): the counter's own cumulative or instant value, before PDH turns it into a rate.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PdhRawCounter
{
    public uint CStatus;
    public uint TimeStampLow;
    public uint TimeStampHigh;
    public long FirstValue;
    public long SecondValue;
    public uint MultiCount;
}

/// <summary>A PDH query, closed with PdhCloseQuery.</summary>
[SupportedOSPlatform("windows")]
internal sealed class PdhQueryHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public PdhQueryHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle() => Pdh.PdhCloseQuery(handle) == 0;
}
