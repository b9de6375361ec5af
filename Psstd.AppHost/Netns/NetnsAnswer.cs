namespace Psstd.AppHost.Netns;

/// <summary>The one-line answer to a fault command, and whether the command was carried out.</summary>
public sealed record NetnsAnswer(bool Succeeded, string Text)
{
    public static NetnsAnswer Done(string text) => new(true, text);

    public static NetnsAnswer Refused(string text) => new(false, text);
}
