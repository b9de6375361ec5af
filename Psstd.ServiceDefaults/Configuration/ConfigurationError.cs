namespace Psstd.ServiceDefaults.Configuration;

/// <summary>One rejected setting: which variable, what it held, and the rule it broke.</summary>
public sealed record ConfigurationError(string Variable, string Value, string Rule)
{
    /// <summary>The one line an operator reads, for example <c>PSSTD_NODE_TTL="1s" is invalid: must be at least 2s</c>.</summary>
    public override string ToString() => $"{Variable}=\"{Value}\" is invalid: {Rule}";
}
