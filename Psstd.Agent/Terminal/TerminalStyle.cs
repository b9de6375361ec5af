namespace Psstd.Agent.Terminal;

/// <summary>What a piece of a frame means; a terminal gives each a colour, plain text drops them.</summary>
internal enum TerminalStyle
{
    Plain,
    Title,
    Dim,
    Fresh,
    Stale,
    Suspect,
    Offline,
    Left,
    Cool,
    Warm,
    Hot,
    Mismatch,
}
