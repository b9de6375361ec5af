namespace Psstd.Dashboard.Api;

/// <summary>The body of an API answer when the local agent failed it.</summary>
public sealed record ApiError(string Error);
