namespace Psstd.Dashboard.Charts;

/// <summary>One sample on a time chart.</summary>
/// <param name="Seconds">Since the start of the chart's window.</param>
/// <param name="Value">The measure; not finite means "no value here" and breaks the line.</param>
public readonly record struct ChartPoint(double Seconds, double Value);
