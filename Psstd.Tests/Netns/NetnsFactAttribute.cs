using Psstd.AppHost.Netns;

namespace Psstd.Tests.Netns;

/// <summary>
/// A fact that needs network namespaces: skipped, with the reason in the test report, where this
/// machine cannot make them (not Linux, not root, no <c>ip</c>). Never a silent pass.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NetnsFactAttribute : FactAttribute
{
    public NetnsFactAttribute()
    {
        if (NetnsNetwork.Unavailable() is { } reason)
        {
            Skip = $"Category=Netns needs network namespaces: {reason}";
        }
    }
}
