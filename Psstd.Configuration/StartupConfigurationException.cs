namespace Psstd.Configuration;

/// <summary>Thrown while reading settings at start; the host prints <see cref="Exception.Message"/> as one line and exits.</summary>
public sealed class StartupConfigurationException : Exception
{
    public StartupConfigurationException(IReadOnlyList<ConfigurationError> errors)
        : base(string.Join("; ", errors))
    {
        ArgumentOutOfRangeException.ThrowIfZero(errors.Count);
        Errors = errors;
    }

    public StartupConfigurationException()
        : this([new ConfigurationError("?", "", "unknown configuration error")])
    {
    }

    public StartupConfigurationException(string message)
        : base(message)
    {
        Errors = [new ConfigurationError("?", "", message)];
    }

    public StartupConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new ConfigurationError("?", "", message)];
    }

    public IReadOnlyList<ConfigurationError> Errors { get; }
}
