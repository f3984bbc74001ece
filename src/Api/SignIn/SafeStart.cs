using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace MonEspaceSante.Api.SignIn;

/// <summary>
/// What a start outside Development refuses, each with a message naming the setting: no key material, a key written in
/// this repository, a development sign-in turned on, a missing sign-in provider, an issuer that is not https, and the
/// shared HMAC key of earlier versions. Development may run without any of these.
/// </summary>
public static class SafeStart
{
    public static void Check(SignInSettings settings, IConfiguration configuration, bool development)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(configuration);
        if (development)
        {
            return;
        }

        var problems = new List<string>();
        if (!string.IsNullOrEmpty(configuration["Auth:SigningKey"]))
        {
            problems.Add("Auth:SigningKey is set: shared HMAC keys are no longer accepted; tokens are signed by SignIn:SigningKeys, which only the authorization server holds.");
        }

        if (string.Equals(configuration[$"{SignInSettings.Section}:DevelopmentSignIn"], "true", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"{SignInSettings.Section}:DevelopmentSignIn is true outside Development: the test sign-in page and /dev/token would let anyone pick an identity (they exist in Development only).");
        }

        if (settings.Issuer is not { IsAbsoluteUri: true } issuer || issuer.Scheme != Uri.UriSchemeHttps)
        {
            problems.Add($"{SignInSettings.Section}:Issuer must be the service's public https URL outside Development.");
        }

        Provider(settings.Patients, "Patients", problems);
        Provider(settings.Professionals, "Professionals", problems);
        if (settings.Clients.Any(c => c.Kind == ClientKind.OperatorConsole))
        {
            // An operators' console signs agents in there; without it the console could not be used at all.
            Provider(settings.Operators, "Operators", problems);
        }

        if (problems.Count > 0)
        {
            throw new OptionsValidationException(SignInSettings.Section, typeof(SignInSettings), problems);
        }
    }

    /// <summary>Refuses, outside Development, a key that this repository contains (<see cref="KnownRepositoryKeys"/>).</summary>
    public static void CheckKeys(SignInKeys keys, bool development)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (development)
        {
            return;
        }

        var problems = keys.Signing.Where(k => KnownRepositoryKeys.Contains(SignInKeys.Fingerprint(k)))
            .Select(k => $"{SignInSettings.Section}:SigningKeys: key '{k.KeyId}' is written in this repository (a demonstration or test key): generate your own.")
            .ToList();
        if (KnownRepositoryKeys.Contains(SignInKeys.Fingerprint(keys.Encryption)))
        {
            problems.Add($"{SignInSettings.Section}:EncryptionKey is written in this repository (a demonstration or test key): generate your own.");
        }

        if (problems.Count > 0)
        {
            throw new OptionsValidationException(SignInSettings.Section, typeof(SignInSettings), problems);
        }
    }

    private static void Provider(ExternalProvider? provider, string name, List<string> problems)
    {
        var prefix = $"{SignInSettings.Section}:{name}";
        if (provider?.Issuer is null || string.IsNullOrWhiteSpace(provider.ClientId) || string.IsNullOrWhiteSpace(provider.ClientSecret))
        {
            problems.Add($"{prefix}:Issuer, ClientId and ClientSecret are required outside Development: nobody could sign in.");
        }
        else if (provider.AllowHttp || provider.Issuer.Scheme != Uri.UriSchemeHttps)
        {
            problems.Add($"{prefix}:Issuer must be https outside Development.");
        }
    }
}
