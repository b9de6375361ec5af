namespace Psstd.Dashboard.Preferences;

/// <summary>What the cluster view can be ordered by; the query value is the lower-case name.</summary>
public enum SortKey
{
    Name,
    Cpu,
    CpuMax,
    Mem,
    MemUsed,
    MemTotal,
    Load1,
    Load5,
    Load15,
    Age,
}
