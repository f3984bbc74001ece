using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Orleans.Connections.Security;

namespace MonEspaceSante.Silo.Cluster;

/// <summary>
/// Mutual TLS on the silo and gateway ports (section <c>Orleans:Tls</c>): every silo and every API-tier process holds a
/// certificate issued by the cluster's own authority, and accepts a connection only from a peer whose certificate that
/// authority issued. Without it any host reaching those ports could join as a client and call any grain.
/// </summary>
public sealed class ClusterTlsSettings
{
    public const string Section = "Orleans:Tls";

    /// <summary>This node's certificate: a PEM file (with <see cref="KeyFile"/>) or a PKCS#12 file (with <see cref="Password"/>).</summary>
    public string? CertificateFile { get; set; }

    /// <summary>The PEM private key of <see cref="CertificateFile"/>, when that one is PEM.</summary>
    public string? KeyFile { get; set; }

    public string? Password { get; set; }

    /// <summary>Instead of a file: the thumbprint of this node's certificate in the store's <c>My</c> of <see cref="StoreLocation"/>.</summary>
    public string? Thumbprint { get; set; }

    public StoreLocation StoreLocation { get; set; } = StoreLocation.CurrentUser;

    /// <summary>The PEM certificate of the authority that issues the cluster's certificates (and nothing else).</summary>
    public string? AuthorityFile { get; set; }

    /// <summary>Instead of a file: the authority's thumbprint, in the store's <c>Root</c> or <c>CA</c> of <see cref="StoreLocation"/>.</summary>
    public string? AuthorityThumbprint { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(CertificateFile) || !string.IsNullOrWhiteSpace(Thumbprint);
}

/// <summary>Loads the cluster certificates and turns TLS on for a silo or a client.</summary>
public static class ClusterTls
{
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";

    public static ISiloBuilder UseMesTls(this ISiloBuilder silo, ClusterTlsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var (certificate, authority) = Load(settings);
        return silo.UseTls(certificate, o => Configure(o, authority));
    }

    public static IClientBuilder UseMesTls(this IClientBuilder client, ClusterTlsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(client);
        var (certificate, authority) = Load(settings);
        return client.UseTls(certificate, o => Configure(o, authority));
    }

    /// <summary>Whether <paramref name="remote"/> chains to <paramref name="authority"/>, and to it alone, now.</summary>
    public static bool IssuedBy(X509Certificate2? remote, X509Certificate2 authority)
    {
        ArgumentNullException.ThrowIfNull(authority);
        if (remote is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        // The cluster's authority publishes no revocation list: a compromised node is removed by reissuing the cluster.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(remote) && chain.ChainElements[^1].Certificate.RawDataMemory.Span.SequenceEqual(authority.RawDataMemory.Span);
    }

    private static void Configure(TlsOptions options, X509Certificate2 authority)
    {
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        // Peers are reached by address, which cluster certificates do not name: the authority is the identity, so the
        // check is the chain alone (Orleans then ignores the host-name mismatch that SslStream reports).
        options.RemoteCertificateValidation = (certificate, _, _) => IssuedBy(certificate, authority);
        options.OnAuthenticateAsClient = (_, client) => client.TargetHost = "mes-cluster";
    }

    /// <summary>This node's certificate and the authority, each checked, or a start failure naming the setting.</summary>
    public static (X509Certificate2 Certificate, X509Certificate2 Authority) Load(ClusterTlsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var certificate = LoadNode(settings);
        var authority = LoadAuthority(settings);
        var now = DateTime.UtcNow;
        if (!certificate.HasPrivateKey)
        {
            throw Invalid("Orleans:Tls: the node certificate has no private key (set Orleans:Tls:KeyFile for a PEM certificate).");
        }

        if (now < certificate.NotBefore || now > certificate.NotAfter)
        {
            throw Invalid($"Orleans:Tls: the node certificate is valid from {certificate.NotBefore:u} to {certificate.NotAfter:u}, not now.");
        }

        var usages = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().SelectMany(e => e.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>()).Select(o => o.Value).ToHashSet();
        if (!usages.Contains(ServerAuthentication) || !usages.Contains(ClientAuthentication))
        {
            throw Invalid("Orleans:Tls: the node certificate needs both extended key usages, serverAuth and clientAuth (every node both accepts and opens connections).");
        }

        if (!IssuedBy(certificate, authority))
        {
            throw Invalid("Orleans:Tls: the node certificate was not issued by the authority of Orleans:Tls:AuthorityFile (or AuthorityThumbprint).");
        }

        return (certificate, authority);
    }

    private static X509Certificate2 LoadNode(ClusterTlsSettings settings)
    {
        if (!string.IsNullOrWhiteSpace(settings.Thumbprint))
        {
            return FromStore(StoreName.My, settings.StoreLocation, settings.Thumbprint, "Orleans:Tls:Thumbprint");
        }

        var file = Existing(settings.CertificateFile, "Orleans:Tls:CertificateFile");
        try
        {
            if (!string.IsNullOrWhiteSpace(settings.KeyFile))
            {
                // Re-exported so that the key is usable by SslStream on every platform, not only Linux.
                using var pem = X509Certificate2.CreateFromPemFile(file, Existing(settings.KeyFile, "Orleans:Tls:KeyFile"));
                return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
            }

            return X509CertificateLoader.LoadPkcs12FromFile(file, settings.Password);
        }
        catch (System.Security.Cryptography.CryptographicException exception)
        {
            throw Invalid($"Orleans:Tls:CertificateFile '{file}' cannot be read ({exception.Message}): a PEM certificate with Orleans:Tls:KeyFile, or PKCS#12 with Orleans:Tls:Password.");
        }
    }

    private static X509Certificate2 LoadAuthority(ClusterTlsSettings settings)
    {
        if (!string.IsNullOrWhiteSpace(settings.AuthorityThumbprint))
        {
            try
            {
                return FromStore(StoreName.Root, settings.StoreLocation, settings.AuthorityThumbprint, "Orleans:Tls:AuthorityThumbprint");
            }
            catch (OptionsValidationException)
            {
                return FromStore(StoreName.CertificateAuthority, settings.StoreLocation, settings.AuthorityThumbprint, "Orleans:Tls:AuthorityThumbprint");
            }
        }

        if (string.IsNullOrWhiteSpace(settings.AuthorityFile))
        {
            throw Invalid("Orleans:Tls needs the cluster's authority: Orleans:Tls:AuthorityFile (PEM) or Orleans:Tls:AuthorityThumbprint.");
        }

        var file = Existing(settings.AuthorityFile, "Orleans:Tls:AuthorityFile");
        try
        {
            return X509CertificateLoader.LoadCertificate(X509Certificate2.CreateFromPem(File.ReadAllText(file)).RawDataMemory.Span);
        }
        catch (System.Security.Cryptography.CryptographicException exception)
        {
            throw Invalid($"Orleans:Tls:AuthorityFile '{file}' is not a PEM certificate ({exception.Message}).");
        }
    }

    private static X509Certificate2 FromStore(StoreName name, StoreLocation location, string thumbprint, string setting)
    {
        using var store = new X509Store(name, location);
        store.Open(OpenFlags.ReadOnly);
        var found = store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint.Replace(" ", "", StringComparison.Ordinal), validOnly: false);
        return found.Count > 0 ? found[0] : throw Invalid($"{setting}: no certificate {thumbprint} in {location}/{name}.");
    }

    private static string Existing(string? path, string setting) =>
        string.IsNullOrWhiteSpace(path) ? throw Invalid($"{setting} is not set.")
        : File.Exists(path) ? path
        : throw Invalid($"{setting}: no file '{path}'.");

    private static OptionsValidationException Invalid(string message) => new(ClusterTlsSettings.Section, typeof(ClusterTlsSettings), [message]);
}
