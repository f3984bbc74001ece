using System.CommandLine;

namespace MonEspaceSante.Cli.Login;

/// <summary><c>mes login</c> and <c>mes logout</c>: an operator system's session with the server, kept between commands.</summary>
internal static class LoginCommands
{
    public static IEnumerable<Command> Create(CliContext context)
    {
        var credentials = new Option<string?>("--credentials") { Description = $"A JSON file with clientId and clientSecret (else {OperatorCredentials.ClientIdVariable} and {OperatorCredentials.ClientSecretVariable})." };
        var scope = new Option<string?>("--scope") { Description = "The capabilities to ask for (mes.waves mes.notices ...); default: every one the client has." };
        var login = new Command("login", "Signs the operator system in with its client credentials; later commands use the token, asked again before it expires.") { credentials, scope };
        login.SetAction(context.Guarded(async (parse, cancellationToken) =>
        {
            var server = context.ServerAddressOf(parse);
            var file = parse.GetValue(credentials);
            var session = await OperatorLogin.RequestAsync(server, context.HandlerFor(server), OperatorCredentials.Read(file), file is null ? null : Path.GetFullPath(file), parse.GetValue(scope), cancellationToken);
            context.CacheOf(parse).Save(session);
            Say.Line(context.Consoles.Out, Spectre.Console.Markup.Escape($"signed in as {session.ClientId} until {session.ExpiresAt.ToLocalTime():HH:mm} ({session.Scope})"));
            return ExitCodes.Ok;
        }));

        var logout = new Command("logout", "Forgets the operator system's token for this server.");
        logout.SetAction(context.Guarded((parse, _) =>
        {
            var server = context.ServerAddressOf(parse);
            Say.Line(context.Consoles.Out, Spectre.Console.Markup.Escape(context.CacheOf(parse).Remove(server) ? $"signed out of {server}" : $"not signed in to {server}"));
            return Task.FromResult(ExitCodes.Ok);
        }));
        return [login, logout];
    }
}
