namespace Psstd.AppHost.Model;

/// <summary>Asks for every node pair in its own network namespace on a bridge (<c>--netns</c>).</summary>
/// <param name="RunId">The AppHost's process id: every name it creates carries it, so cleanup finds only its own.</param>
/// <param name="Subnet">Third octet of the run's private 10.213.X.0/24, one not in use on the host.</param>
/// <param name="Seeds">
/// False (the default): no seeds, discovery does the joining as on a real LAN. True: every agent is
/// seeded with every other node's address (<c>--netns-seeds</c>).
/// </param>
public sealed record NetnsSpec(int RunId, int Subnet, bool Seeds = false);
