using System.Globalization;
using Psstd.AppHost.Model;
using Psstd.Configuration;

namespace Psstd.AppHost.Netns;

/// <summary>
/// The AppHost's fault control with <c>--netns</c>: one command per line on its standard input
/// (<c>cut node-2</c>, <c>split</c>, <c>loss node-1 20%</c>, <c>delay node-1 100ms</c>, <c>heal</c>).
/// </summary>
public static class NetnsControl
{
    public const string Help = "commands: cut NODE | split | loss NODE PERCENT% | delay NODE DURATION | heal | help";

    /// <summary>Reads lines until the input ends or <paramref name="cancellationToken"/> fires, answering each with one line.</summary>
    public static async Task RunAsync(TextReader input, NetnsTopology topology, Action<string> output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        try
        {
            while (!cancellationToken.IsCancellationRequested && await input.ReadLineAsync(cancellationToken) is { } line)
            {
                if (line.Trim().Length > 0)
                {
                    output(Execute(line, topology).Text);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The AppHost is stopping.
        }
    }

    /// <summary>Carries out one command line (from the terminal or an Aspire resource command); the answer says what was done or why not.</summary>
    public static NetnsAnswer Execute(string line, NetnsTopology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var words = (line ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        try
        {
            switch (words)
            {
                case ["cut", var node]:
                    NetnsFaults.Cut(topology, node);
                    return NetnsAnswer.Done($"netns: cut {node} (its link is down)");
                case ["split"]:
                    var moved = NetnsFaults.Split(topology);
                    return NetnsAnswer.Done($"netns: split: {string.Join(' ', topology.Nodes.Select(n => n.NodeName).Except(moved))} | {string.Join(' ', moved)}");
                case ["loss", var node, var text] when Percent(text) is { } percent:
                    NetnsFaults.Loss(topology, node, percent);
                    return NetnsAnswer.Done($"netns: loss {node} {text} each way");
                case ["delay", var node, var text] when DurationParser.TryParse(text) is { } delay:
                    NetnsFaults.Delay(topology, node, delay);
                    return NetnsAnswer.Done($"netns: delay {node} {text} each way");
                case ["heal"]:
                    NetnsFaults.Heal(topology);
                    return NetnsAnswer.Done("netns: healed (every link up, one bridge, no loss or delay)");
                case ["help"]:
                    return NetnsAnswer.Done("netns: " + Help);
                default:
                    return NetnsAnswer.Refused($"netns: not understood: \"{line}\"; {Help}");
            }
        }
        catch (Exception ex) when (ex is NetnsException or ArgumentException)
        {
            return NetnsAnswer.Refused($"netns: {string.Join(' ', words)} failed: {ex.Message}");
        }
    }

    /// <summary>"20%" or "2.5%", from 0 to 100; null otherwise.</summary>
    public static double? Percent(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.EndsWith('%')
            && double.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent)
            && percent is >= 0 and <= 100
                ? percent
                : null;
    }
}
