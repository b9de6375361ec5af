using System.Globalization;

namespace Psstd.Bench.Store;

/// <summary>The <c>store</c> command line; null when an option is unknown or out of range (the usage says what is allowed).</summary>
public static class StoreCommand
{
    public static (int Nodes, int Seconds, int Cores)? Parse(ReadOnlySpan<string> args)
    {
        (int Nodes, int Seconds, int Cores) options = (100, 3600, 16);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
            {
                return null;
            }

            switch (args[i])
            {
                case "--nodes" when value <= 10_000:
                    options.Nodes = value;
                    break;
                case "--seconds" when value <= 7 * 86_400:
                    options.Seconds = value;
                    break;
                case "--cores" when value <= 4096:
                    options.Cores = value;
                    break;
                default:
                    return null;
            }
        }

        return options;
    }
}
