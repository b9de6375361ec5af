using System.Text;

namespace Psstd.Agent.Metrics.Linux;

/// <summary>
/// Reads small /proc files into buffers reused from one sample to the next, so sampling every
/// second does not allocate a string per file. Not thread-safe; one probe owns one reader.
/// </summary>
internal sealed class ProcFileReader
{
    /// <summary>Enough for /proc/stat of a mid-size host in one read; the buffers grow for larger ones.</summary>
    private const int InitialSize = 16 * 1024;

    private byte[] _bytes = new byte[InitialSize];
    private char[] _chars = new char[InitialSize];

    /// <summary>
    /// The whole file as text, or empty when it cannot be read. The span is valid until the next
    /// call. /proc files report a size of 0, so the file is read until end of file rather than to a
    /// known length; reading in as few calls as possible also keeps the kernel's snapshot consistent.
    /// </summary>
    public ReadOnlySpan<char> Read(string path)
    {
        int length;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
            length = ReadToEnd(stream);
        }
        catch (IOException)
        {
            return default;
        }
        catch (UnauthorizedAccessException)
        {
            return default;
        }

        int needed = Encoding.UTF8.GetMaxCharCount(length);
        if (_chars.Length < needed)
        {
            _chars = new char[needed];
        }

        // Invalid UTF-8 (say, an odd interface name) becomes U+FFFD instead of an exception.
        int chars = Encoding.UTF8.GetChars(_bytes.AsSpan(0, length), _chars);
        return _chars.AsSpan(0, chars);
    }

    private int ReadToEnd(FileStream stream)
    {
        int length = 0;
        while (true)
        {
            if (length == _bytes.Length)
            {
                Array.Resize(ref _bytes, _bytes.Length * 2);
            }

            int read = stream.Read(_bytes, length, _bytes.Length - length);
            if (read == 0)
            {
                return length;
            }

            length += read;
        }
    }
}
