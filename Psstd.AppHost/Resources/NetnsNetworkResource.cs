using Aspire.Hosting.ApplicationModel;

namespace Psstd.AppHost.Resources;

/// <summary>
/// The bridge and namespaces of a <c>--netns</c> run, shown in the Aspire dashboard as a resource of its
/// own: it carries the cluster-wide fault commands (split, heal).
/// </summary>
public sealed class NetnsNetworkResource(string name) : Resource(name);
