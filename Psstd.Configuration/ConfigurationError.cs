namespace Psstd.Configuration;

/// <summary>One rejected setting: which variable, what it held, and the rule it broke.</summary>
public sealed record ConfigurationError(string Variable, string Value, string Rule)
{
    /// <summary>The one line an operator reads, for example <c>PSSTD_NODE_TTL="1s" is invalid: must be at least 2s</c>.</summary>
    public override string ToString() => $"{Variable}=\"{Value}\" is invalid: {Rule}";

    /// <summary>The port of <paramref name="address"/> is held by some other program.</summary>
    /// <param name="holder">Who holds it, where the OS tells (see <see cref="PortHolder.Describe"/>); null when unknown.</param>
    public static ConfigurationError PortInUse(string variable, ListenAddress address, string protocol, string? holder = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        var by = holder is null ? "" : $" ({holder})";
        return new(variable, address.ToString(), $"must be a free {protocol} port: {address.Port} is already in use by another program{by}; choose another port with {variable}");
    }
}
