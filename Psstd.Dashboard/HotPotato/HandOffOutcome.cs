namespace Psstd.Dashboard.HotPotato;

/// <summary>Why the rule moved the browser or kept it; outcomes rather than a bool, so tests and logs can tell.</summary>
public enum HandOffOutcome
{
    Move,
    Disabled,
    NotBusy,
    NoCandidate,
    HopLimit,
    UnknownSelf,
}
