namespace Psstd.Dashboard.ViewModels;

/// <summary>One line of a node's recent events.</summary>
/// <param name="Kind">The event as a CSS token and label: join, stale, suspect, offline, left, recovered, forgotten, version.</param>
/// <param name="AtIso">When, as ISO 8601 UTC for the <c>time</c> element.</param>
/// <param name="AtText">When, as people read it: <c>2026-11-21 22:01:05Z</c>.</param>
/// <param name="AgoText">How long ago: <c>3m 12s ago</c>.</param>
public sealed record EventViewModel(string Kind, string AtIso, string AtText, string AgoText, string Detail);
