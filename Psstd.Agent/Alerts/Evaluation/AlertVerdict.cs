namespace Psstd.Agent.Alerts.Evaluation;

/// <summary>What one observation of a node says about one rule.</summary>
internal enum AlertVerdict
{
    /// <summary>The condition holds: start pending, or keep firing.</summary>
    Holds,

    /// <summary>The condition does not hold, but a firing alert is not yet clear (between the clear and firing thresholds).</summary>
    Short,

    /// <summary>Back on the safe side of the clear threshold, or fresh again: a firing alert resolves.</summary>
    Clear,

    /// <summary>Nothing to judge by (the node is not fresh, or its value is not a number): pending resets, firing stays.</summary>
    Unjudged,

    /// <summary>The node left or was forgotten: whatever was pending or firing ends.</summary>
    Gone,
}
