namespace MonEspaceSante.Cli;

/// <summary>A failure told to the operator in one line, with the exit code that goes with it.</summary>
internal sealed class CliFailure(int exitCode, string message, Exception? innerException = null) : Exception(message, innerException)
{
    public int ExitCode { get; } = exitCode;
}
