using System.Text;
using Psstd.Configuration;

namespace Psstd.Agent.Configuration.Alerting;

/// <summary>
/// The rules file named by <c>PSSTD_ALERTS</c>: read once at start, bounded in size, and either every rule
/// is valid or the agent does not start, each problem reported as one line naming the file, the rule and
/// the field.
/// </summary>
internal static class AlertRulesFile
{
    /// <summary>Hundreds of rules fit in a few kilobytes: a bigger file is a wrong path, not a rules file.</summary>
    public const int MaxBytes = 1 << 20;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The rules of the file <paramref name="variable"/> names; none when it is unset or empty.</summary>
    /// <remarks>Every error goes to <paramref name="read"/> under the variable, with the path as its value.</remarks>
    public static IReadOnlyList<AlertRule> Read(SettingsReader read, string variable)
    {
        ArgumentNullException.ThrowIfNull(read);
        var path = read.Raw(variable);
        if (path is null)
        {
            return [];
        }

        var (rules, errors) = Load(path);
        foreach (var error in errors)
        {
            read.Fail(variable, path, error);
        }

        return rules;
    }

    /// <summary>Reads and parses the file at <paramref name="path"/>; the errors say what is wrong with it, if anything.</summary>
    public static AlertRulesParseResult Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = ReadText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new([], [$"must name a readable rules file ({AlertRuleErrors.Quote(ex.Message).Trim('"')})"]);
        }
        catch (InvalidDataException ex)
        {
            return new([], [ex.Message]);
        }

        return AlertRulesParser.Parse(text);
    }

    private static string ReadText(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var buffer = new byte[MaxBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = file.Read(buffer, length, buffer.Length - length)) > 0)
        {
            length += read;
        }

        if (length > MaxBytes)
        {
            throw new InvalidDataException($"the rules file is larger than {MaxBytes >> 20} MiB; is it the right file?");
        }

        try
        {
            var start = length >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF ? 3 : 0;
            return StrictUtf8.GetString(buffer, start, length - start);
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidDataException("the rules file is not UTF-8 text");
        }
    }
}
