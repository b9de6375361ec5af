using Microsoft.AspNetCore.Builder;

namespace Psstd.ServiceDefaults.Hosting;

/// <summary>
/// How both processes create their host. Rooted at the binary, not the working directory (service managers start
/// them from <c>/</c>), and without watching configuration files for changes: psstd is configured by its
/// environment, and the default watch of the content root is recursive, which from <c>/</c> walks the whole file
/// system and holds an inotify watch for every directory.
/// </summary>
public static class DaemonHostOptions
{
    public static WebApplicationOptions Create(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return new WebApplicationOptions
        {
            Args = [.. args, "--hostBuilder:reloadConfigOnChange=false"],
            ContentRootPath = AppContext.BaseDirectory,
        };
    }
}
