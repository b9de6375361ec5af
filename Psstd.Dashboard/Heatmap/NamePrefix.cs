namespace Psstd.Dashboard.Heatmap;

/// <summary>
/// The group a node's name suggests: the name without its trailing number and the separator before it
/// (<c>web-12</c>, <c>web12</c> and <c>web_3</c> are <c>web</c>), else the part before the last '-'
/// (<c>db-primary</c> is <c>db</c>), else the whole name. Pure.
/// </summary>
public static class NamePrefix
{
    public static string Of(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var end = name.Length;
        while (end > 0 && char.IsAsciiDigit(name[end - 1]))
        {
            end--;
        }

        if (end < name.Length)
        {
            while (end > 0 && name[end - 1] is '-' or '_' or '.')
            {
                end--;
            }

            return end > 0 ? name[..end] : name;
        }

        var dash = name.LastIndexOf('-');
        return dash > 0 ? name[..dash] : name;
    }
}
