namespace Psstd.Agent.Terminal;

/// <summary>Sort keys of the terminal view: the dashboard's keys, under the same names (<c>--sort cpumax</c>).</summary>
public enum TerminalSort
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
