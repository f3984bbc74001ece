namespace MonEspaceSante.Cli;

/// <summary>What <c>mes</c> returns to the shell (docs/cli.md lists them).</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The command line could not be parsed (System.CommandLine's own code).</summary>
    public const int Usage = 1;

    /// <summary>A local input is wrong: missing or unreadable file, unsupported extension, bad value.</summary>
    public const int BadInput = 2;

    /// <summary>The upload finished but the server refused some lines (the good ones are kept).</summary>
    public const int LinesRefused = 3;

    /// <summary>The server refused the credentials (401), or the role (403).</summary>
    public const int NotAllowed = 4;

    /// <summary>The server could not be reached (connection refused, DNS, timeout).</summary>
    public const int Unreachable = 5;

    /// <summary>The server answered with an error (problem details).</summary>
    public const int ServerError = 6;

    /// <summary>Interrupted by Ctrl-C (128 + SIGINT, as shells do).</summary>
    public const int Interrupted = 130;
}
