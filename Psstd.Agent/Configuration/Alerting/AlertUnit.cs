namespace Psstd.Agent.Configuration.Alerting;

/// <summary>The unit a metric is judged in: it decides how thresholds are written and values are shown.</summary>
internal enum AlertUnit
{
    /// <summary>0 to 100.</summary>
    Percent,

    /// <summary>Load average divided by logical cores.</summary>
    LoadPerCore,

    /// <summary>Bytes per second; thresholds may carry a size suffix (10MB, 512KiB).</summary>
    BytesPerSecond,

    /// <summary>Not a number: the node's health state.</summary>
    Health,
}
