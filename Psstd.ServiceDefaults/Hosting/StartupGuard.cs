using Psstd.ServiceDefaults.Configuration;

namespace Psstd.ServiceDefaults.Hosting;

/// <summary>Turns a bad setting into one line on stderr and exit code 2, before anything starts.</summary>
public static class StartupGuard
{
    public const int ConfigurationExitCode = 2;

    public static T OrExit<T>(string program, Func<T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            return read();
        }
        catch (StartupConfigurationException ex)
        {
            Console.Error.WriteLine($"{program}: {ex.Message}");
            Environment.Exit(ConfigurationExitCode);
            throw; // unreachable: Exit does not return
        }
    }
}
