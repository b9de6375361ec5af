using System.Text;

namespace Psstd.Agent.Discovery.Dns;

/// <summary>
/// A domain name as its labels. Labels are kept as text (UTF-8 on the wire, RFC 6763 section 4.3), so a
/// DNS-SD instance label may hold dots and spaces. Equality ignores ASCII case, as DNS does.
/// </summary>
internal sealed class DnsName : IEquatable<DnsName>
{
    /// <summary>Wire limits (RFC 1035 section 2.3.4): a label of 63 bytes, a whole name of 255.</summary>
    public const int MaxLabelBytes = 63;
    public const int MaxNameBytes = 255;

    public static readonly DnsName Root = new([]);

    public DnsName(IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        Labels = labels;
    }

    public IReadOnlyList<string> Labels { get; }

    /// <summary>Bytes of the uncompressed wire form: each label with its length byte, plus the root byte.</summary>
    public int WireLength
    {
        get
        {
            var length = 1;
            foreach (var label in Labels)
            {
                length += 1 + Encoding.UTF8.GetByteCount(label);
            }

            return length;
        }
    }

    /// <summary>True when every label is 1-63 bytes and the whole name at most 255: only such names are written.</summary>
    public bool IsWritable => Labels.All(l => Encoding.UTF8.GetByteCount(l) is > 0 and <= MaxLabelBytes) && WireLength <= MaxNameBytes;

    /// <summary>Splits on dots (no escapes): for fixed names such as <c>_psstd._tcp.local</c>.</summary>
    public static DnsName Parse(string dotted)
    {
        ArgumentNullException.ThrowIfNull(dotted);
        return new DnsName(dotted.TrimEnd('.').Split('.', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary><paramref name="first"/> as one label in front of this name (an instance name may hold dots).</summary>
    public DnsName Prepend(string first) => new([first, .. Labels]);

    /// <summary>The name without its first label (the root stays the root).</summary>
    public DnsName Parent() => Labels.Count == 0 ? this : new DnsName([.. Labels.Skip(1)]);

    public bool Equals(DnsName? other)
    {
        if (other is null || other.Labels.Count != Labels.Count)
        {
            return false;
        }

        for (var i = 0; i < Labels.Count; i++)
        {
            if (!string.Equals(Labels[i], other.Labels[i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as DnsName);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var label in Labels)
        {
            hash.Add(label, StringComparer.OrdinalIgnoreCase);
        }

        return hash.ToHashCode();
    }

    /// <summary>Dotted text with dots and backslashes inside labels escaped, ending in a dot.</summary>
    public override string ToString() =>
        Labels.Count == 0 ? "." : string.Concat(Labels.Select(l => l.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(".", "\\.", StringComparison.Ordinal) + "."));
}
