namespace MonEspaceSante.Cli;

internal static class Program
{
    private static Task<int> Main(string[] args) => MesCli.RunAsync(args, CliConsoles.Standard());
}
