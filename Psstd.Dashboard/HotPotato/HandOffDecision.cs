namespace Psstd.Dashboard.HotPotato;

/// <summary>The rule's answer.</summary>
/// <param name="TargetName">The chosen peer; null unless <paramref name="Outcome"/> is <see cref="HandOffOutcome.Move"/>.</param>
/// <param name="TargetUrl">The peer's dashboard URL, normalised and allowed by the trust rules.</param>
/// <param name="NextHops">The hop state the browser carries to the target.</param>
public sealed record HandOffDecision(HandOffOutcome Outcome, string? TargetName, string? TargetUrl, HopState NextHops)
{
    public static HandOffDecision Stay(HandOffOutcome outcome, HopState hops) => new(outcome, null, null, hops);
}
