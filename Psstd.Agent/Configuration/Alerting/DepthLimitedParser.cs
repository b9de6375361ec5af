using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Psstd.Agent.Configuration.Alerting;

/// <summary>
/// Passes YAML events through and stops at nesting deeper than a rules file needs. The representation
/// model builds nested nodes by recursion, so <c>[[[[...</c> a megabyte deep would otherwise exhaust the stack,
/// which no handler can catch.
/// </summary>
internal sealed class DepthLimitedParser(IParser inner, int maxDepth) : IParser
{
    private int _depth;

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        if (!inner.MoveNext())
        {
            return false;
        }

        switch (inner.Current)
        {
            case SequenceStart or MappingStart:
                if (++_depth > maxDepth)
                {
                    throw new YamlException(inner.Current.Start, inner.Current.End, $"nested more than {maxDepth} levels deep");
                }

                break;
            case SequenceEnd or MappingEnd:
                _depth--;
                break;
        }

        return true;
    }
}
