namespace Psstd.Tests.Deploy;

/// <summary>A systemd unit file read as key=value lines (sections ignored: our keys do not repeat across them).</summary>
internal sealed class UnitFile(IReadOnlyList<KeyValuePair<string, string>> entries)
{
    public static UnitFile Read(string path) => new([.. File.ReadAllLines(path)
        .Select(line => line.Trim())
        .Where(line => line.Length > 0 && line[0] is not ('#' or ';' or '['))
        .Select(line => line.Split('=', 2))
        .Select(parts => KeyValuePair.Create(parts[0].Trim(), parts.Length > 1 ? parts[1].Trim() : ""))]);

    public IReadOnlyList<string> All(string key) => [.. entries.Where(e => e.Key == key).Select(e => e.Value)];

    public string Single(string key)
    {
        var values = All(key);
        Assert.True(values.Count == 1, $"expected one {key}= line, found {values.Count}");
        return values[0];
    }
}
