using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Psstd.Configuration;

namespace Psstd.ServiceDefaults.Hosting;

/// <summary>Turns a bad setting into one line on stderr and exit code 2, before anything starts.</summary>
public static class StartupGuard
{
    public const int ConfigurationExitCode = 2;

    /// <summary>One line per error, each naming the program, the input and the rule (a rules file can hold several).</summary>
    public static string Lines(string program, StartupConfigurationException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Errors.Count <= 1
            ? $"{program}: {error.Message}{Environment.NewLine}"
            : string.Concat(error.Errors.Select(e => $"{program}: {e}{Environment.NewLine}"));
    }

    public static T OrExit<T>(string program, Func<T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            return read();
        }
        catch (StartupConfigurationException ex)
        {
            Console.Error.Write(Lines(program, ex));
            Environment.Exit(ConfigurationExitCode);
            throw; // unreachable: Exit does not return
        }
    }

    /// <summary>As <see cref="OrExit{T}"/>, for a read that has to wait (a lookup by name).</summary>
    public static async Task<T> OrExitAsync<T>(string program, Func<Task<T>> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            return await read();
        }
        catch (StartupConfigurationException ex)
        {
            await Console.Error.WriteAsync(Lines(program, ex));
            Environment.Exit(ConfigurationExitCode);
            throw; // unreachable: Exit does not return
        }
    }

    /// <summary>
    /// Runs the app; a listen address another program holds stops it with one line naming the
    /// variable, instead of a stack trace.
    /// </summary>
    public static void RunOrExit(this WebApplication app, string program, string variable, ListenAddress address)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(address);
        try
        {
            app.Run();
        }
        catch (IOException ex) when (ex.InnerException is AddressInUseException)
        {
            // Only a race with another program after the early check lands here (Kestrel has logged it too).
            Console.Error.WriteLine($"{program}: {ConfigurationError.PortInUse(variable, address, "TCP")}");
            Environment.Exit(ConfigurationExitCode);
        }
    }
}
