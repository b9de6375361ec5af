namespace Psstd.Agent.Configuration.Alerting;

/// <summary>
/// A glob on node names: <c>*</c> is any run of characters, <c>?</c> exactly one, everything else itself
/// (case-sensitive, as node names are compared everywhere else). Matching takes time proportional to
/// pattern times name at worst, never exponential, whatever a node calls itself.
/// </summary>
internal sealed record NodePattern(string Text)
{
    public bool Matches(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var p = 0;
        var n = 0;
        var star = -1; // pattern index after the last '*'
        var resume = 0; // name index that '*' is taken to have consumed up to
        while (n < name.Length)
        {
            if (p < Text.Length && (Text[p] == '?' || (Text[p] != '*' && Text[p] == name[n])))
            {
                p++;
                n++;
            }
            else if (p < Text.Length && Text[p] == '*')
            {
                star = ++p;
                resume = n;
            }
            else if (star >= 0)
            {
                // The last '*' swallows one more character; retry from just past it.
                p = star;
                n = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < Text.Length && Text[p] == '*')
        {
            p++;
        }

        return p == Text.Length;
    }

    public override string ToString() => Text;
}
