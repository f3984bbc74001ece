using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MonEspaceSante.Tests.Infrastructure;

/// <summary>
/// A cluster authority and node certificates issued by it, written as PEM files (as an operator's would be), made once
/// per test run: <see cref="Cluster"/> is the deployment's authority, <see cref="Foreign"/> another one.
/// </summary>
public sealed class ClusterCertificates
{
    private static readonly Lazy<ClusterCertificates> ClusterOne = new(() => Create("cluster"));
    private static readonly Lazy<ClusterCertificates> ForeignOne = new(() => Create("foreign"));

    private ClusterCertificates(string directory)
    {
        Directory = directory;
    }

    public static ClusterCertificates Cluster => ClusterOne.Value;

    public static ClusterCertificates Foreign => ForeignOne.Value;

    public string Directory { get; }

    public string AuthorityFile => Path.Combine(Directory, "ca.crt");

    public string NodeCertificateFile => Path.Combine(Directory, "node.crt");

    public string NodeKeyFile => Path.Combine(Directory, "node.key");

    /// <summary>A node certificate of this authority for the client side only (no serverAuth): a start refuses it.</summary>
    public string ClientOnlyCertificateFile => Path.Combine(Directory, "client-only.crt");

    public string ClientOnlyKeyFile => Path.Combine(Directory, "client-only.key");

    /// <summary>The settings of a node holding this authority's node certificate.</summary>
    public Dictionary<string, string> Settings() => new()
    {
        ["Orleans:Tls:CertificateFile"] = NodeCertificateFile,
        ["Orleans:Tls:KeyFile"] = NodeKeyFile,
        ["Orleans:Tls:AuthorityFile"] = AuthorityFile,
    };

    private static ClusterCertificates Create(string name)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"mes-tls-{name}-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(directory);
        var certificates = new ClusterCertificates(directory);

        using var authorityKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN=Mon espace santé {name} cluster authority", authorityKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var authority = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllText(certificates.AuthorityFile, authority.ExportCertificatePem());

        Issue(authority, $"{name}-node", ["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"], certificates.NodeCertificateFile, certificates.NodeKeyFile);
        Issue(authority, $"{name}-client", ["1.3.6.1.5.5.7.3.2"], certificates.ClientOnlyCertificateFile, certificates.ClientOnlyKeyFile);
        return certificates;
    }

    private static void Issue(X509Certificate2 authority, string subject, string[] usages, string certificateFile, string keyFile)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={subject}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        var oids = new OidCollection();
        foreach (var usage in usages)
        {
            oids.Add(new Oid(usage));
        }

        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(oids, false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.Create(authority, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(30), RandomNumberGenerator.GetBytes(12));
        File.WriteAllText(certificateFile, certificate.ExportCertificatePem());
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
    }
}
