using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Psstd.Agent.Metrics.MacOS;

/// <summary>The IOKit and CoreFoundation calls that read disk statistics, as iostat(8) reads them.</summary>
/// <remarks>Written from Apple's public headers; no Mac was at hand to run them on.</remarks>
[SupportedOSPlatform("macos")]
internal static partial class IOKit
{
    /// <summary>kCFNumberSInt64Type (CFNumber.h).</summary>
    public const int NumberSInt64 = 4;

    /// <summary>kCFStringEncodingUTF8 (CFString.h).</summary>
    public const uint Utf8Encoding = 0x0800_0100;

    private const string IOKitLibrary = "/System/Library/Frameworks/IOKit.framework/IOKit";
    private const string CoreFoundationLibrary = "/System/Library/Frameworks/CoreFoundation.framework/CoreFoundation";

    /// <summary>Returns a matching dictionary that IOServiceGetMatchingServices consumes.</summary>
    [LibraryImport(IOKitLibrary, EntryPoint = "IOServiceMatching", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint ServiceMatching(string className);

    /// <summary>A main port of 0 (kIOMainPortDefault) means the default one.</summary>
    [LibraryImport(IOKitLibrary, EntryPoint = "IOServiceGetMatchingServices")]
    public static partial int ServiceGetMatchingServices(uint mainPort, nint matching, out uint iterator);

    [LibraryImport(IOKitLibrary, EntryPoint = "IOIteratorNext")]
    public static partial uint IteratorNext(uint iterator);

    [LibraryImport(IOKitLibrary, EntryPoint = "IOObjectRelease")]
    public static partial int ObjectRelease(uint io);

    [LibraryImport(IOKitLibrary, EntryPoint = "IORegistryEntryGetRegistryEntryID")]
    public static partial int RegistryEntryGetRegistryEntryID(uint entry, out ulong id);

    [LibraryImport(IOKitLibrary, EntryPoint = "IORegistryEntryCreateCFProperties")]
    public static partial int RegistryEntryCreateCFProperties(uint entry, out nint properties, nint allocator, uint options);

    [LibraryImport(CoreFoundationLibrary, EntryPoint = "CFStringCreateWithCString", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint StringCreateWithCString(nint allocator, string value, uint encoding);

    /// <summary>The value is borrowed from the dictionary (CoreFoundation's Get rule): never released.</summary>
    [LibraryImport(CoreFoundationLibrary, EntryPoint = "CFDictionaryGetValue")]
    public static partial nint DictionaryGetValue(nint dictionary, nint key);

    [LibraryImport(CoreFoundationLibrary, EntryPoint = "CFNumberGetValue")]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool NumberGetValue(nint number, int type, out long value);

    [LibraryImport(CoreFoundationLibrary, EntryPoint = "CFGetTypeID")]
    public static partial nuint GetTypeID(nint value);

    [LibraryImport(CoreFoundationLibrary, EntryPoint = "CFDictionaryGetTypeID")]
    public static partial nuint DictionaryGetTypeID();

    [LibraryImport(CoreFoundationLibrary, EntryPoint = "CFNumberGetTypeID")]
    public static partial nuint NumberGetTypeID();

    [LibraryImport(CoreFoundationLibrary, EntryPoint = "CFRelease")]
    public static partial void Release(nint value);
}
