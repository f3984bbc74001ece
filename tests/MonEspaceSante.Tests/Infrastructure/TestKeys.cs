namespace MonEspaceSante.Tests.Infrastructure;

/// <summary>
/// The authorization server's keys in tests: written here so that runs are repeatable, and therefore listed in
/// KnownRepositoryKeys, which a start outside Development refuses. Never use them anywhere else.
/// </summary>
public static class TestKeys
{
    public const string SigningA = """
        -----BEGIN PRIVATE KEY-----
        MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCkcklCwpl7Kvv5
        EeVLyNISSTy4EUrE2OLX4vuau00PTHVI4ZE0InASOAiijFd0lTMKwCPo85nTfUFO
        5yt+YPl0XrTET3R4UZj3qZiHYguKedvcGPOfSUje5VIlKXWU6DqK+S8u+pS2o4ED
        Px/a2qLm9RxdtVIHhR/MwY+sW5QSsXffdKChZ9micXyVvX5cm/0bSpq94hvPSYLN
        WAvv2DP7vSNvAumf7uU6feuC6J1rbCHokCBNfme0MhqEwpO1V7VoRuZTO60XL0o9
        6J5H9NnptPB0pTma8vFjUgNs2QoRAZwPOscySorGMOrpTL4yhqxEAHe1ngJLKHZE
        /3B1V4L1AgMBAAECggEAAPsb3phTD+CZ1//oPntll2LU8s3K70wnjufwHhmTvtgy
        /eWMjG36faf/EzB48r1+Fwho3mzvjrWj+VYYf2c8La/FQ8OBO24p1lZZDiZX+8eO
        Imy1V/lOWY1ZdVZ0jgK+8KZxBoZ2SHWcDCUo/zudIPlhey9HnJBfIsVHzQckew0N
        /4METIsM/5DeR42XALMxNd8IyYdqMakNULjoirvylw/wTDdl7qJte6utMibnC3Cs
        g25Lpbb+tpt7HPhhx7CIGMoj2jQE1AR63oAOBfONxzg9QlOy3xTaul1ctKc8R2dt
        nMeSHGSHOQ4dxh8UjzZXX6zg02PwyV/O0AgtybS4cQKBgQDRCCqgnsAF5WKW+Hr5
        0um7IrSpsGxyPmX7B9ft8VA+AJJ2hnWMQtyBUrAeye79SRDFvI63WDsUGETpYHd3
        +IMfgpH8mWlSYE+jcZ37PuRXHY+qIdU7uHq/hyPeNQ9+veth6E+ONpE19aZrfggJ
        GSMv052iKbNpJvJ7ZbnbB8tKxQKBgQDJZX7XUIUXfu7M48xwz6PM0RQeal+h/FhG
        7F+VJFtTkQ8LU5q/MNnGrA0w+b4tJMdVxdyTrn+RNYfCxf7C2LsvePO+Abk6+96w
        XHeyzYeoACROaVLx99K/D0F4+gy2gl/xpxlag8qcFh4CnpuF66rPisxEiPVzjZVO
        F1LMkS2acQKBgQDNz3uhIA0zAPJ8cPUsKxVE0twMw49TQMrKSqO5PMLj+U478xGj
        42UW0+JivjJYImuoNYpTTUUF+QtIuVmHvyDjknzIuAfyOq/O3pxM91R9zbZZLey0
        W2RIVffj3lx+TuKGSOSjwmhhN5f++F1TD/QMMBBhzSs/2kAfbT58QQVRfQKBgFEK
        qpPyLtxZk7aXJDlxFLTinXnvzDPe25cOnxfg3W8vPCKOrgKpobi0m0pN9R0tY5k8
        WZqD6YmBRPQ3wGCf3hMoVMzs3KDDocTOMMyesCwGgpWbBGmiFAgWF36bAGqg5ALV
        /vnRdsKAk+rx8BtfzgheDfy2MC8jliUqdYMkGHnBAoGAStOJuCgwf90/1RSyIBak
        reLipEqNJe5a1dG0q30GjTpE3bl/0aGbsT6tZN2Ca7b4BzK2O8h7KI21impCrrcT
        3xS1lUWtQG1JW+Tk0cx546HAZ83b9hqR6HeEGzxR725xlO39TvzM1A3Ept14N1gE
        ZF0h7dKpT7v4L/ffnyU8KpA=
        -----END PRIVATE KEY-----
        """;

    public const string SigningB = """
        -----BEGIN PRIVATE KEY-----
        MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCUSHfxi0/uJeiQ
        lY0CndKZjGOWw+tf7SVEsnQvNwv6b+imhHYDG1AWpkfuVTtABi5J/qoX5+GdRFJ+
        7BpYG8vbm+GkpB+6QCpsDd49onGdQBjxw5vEFGBjDjo2lipYV2SxrpG83IT3lCu2
        8cKZr1mGVrkOuaoVP7aJmPeCJlbxI8tNMLVR08CYU7ZM+X2NeHVemoZLz5EZoysV
        z26Py9+VDPoKna8Qku5vXi/7UgA8F8ITLgJabJNfrkWS8Ph5qAbTTMDUPijKvh3y
        F6/R+8p2pCYfNay2ZnisSqXs5YnFaiba+3awoIpCgOvEn0x6Cze3NFvid7GZGt7a
        m3qM63BBAgMBAAECggEAEeXvaF3m73lu6WjLxPmUzojmCnAqjIEc4v5hTMOps/hn
        DhZmAjj9QUaf3xI1nSRB2Reeo1UPZAK3rG9GPMVaJW9a3Jsc40fUdwdzgGAHs7Hl
        cOUp+5B0E/DHMQiOIuylkFbga3n4qMOfRS1ITnGebjswiij58SeoGlK26WREUUXQ
        POUbdZri3FpN6Q9eP8ykimqBq8m5CB5XA7biD/HdNH/PwZignmdI+I4Z+LsaOosS
        T/evPlamnmEN7BOESL7wPPKZF5rlsVIeXE0CHxlRtxEhyS9Min23imHagM5TwoTk
        VlZH1yfcgb4A2hbF/Ip5DAL2ZNWgkf4opetsKJzFYQKBgQDGYyMR7WbA83ZKq0yb
        hNHwxCoG3Lz2tl5xPiIC6MtSzUo16w8wRpynXVywixoAbz8dCvRrdLndkZLagJQQ
        GxUpqc1e+eHMYlNiXj1BuT7uIngbQj8pweIJXVgmqx7Iv/vwnYoSXQ12EoF69jZP
        4yOhEfqpZgLws7Q3sqmuKq1J2QKBgQC/WGWN8hAzl/J2o5eDlGjTLSreNnmRm0qU
        RLVfZIhqydTZJTlHbsCwrEHZUC2MLpowyVAwAFoF+ypohu7ZUAUNzlKj8iWxG8YF
        K+T3Z8SNe3sPJA9C3nAkjIDYZJ6fd3xTjXhw6tgqpLYSpVrTai59qZPo1B/KPq4z
        bUMCJvUwqQKBgB801v5p7qDpazEhswI/qVqLMOU1cdAJLd/4WxdEET+sJUFIAXKh
        mODG0d6/cs6gsTfbUklY6ifNT2FpmmDSMckE+dY3zmn9CYrOsioVfq2s5GG9UPw7
        kFfSxBwJDOWdNX9K+L4cvxJUpON3uWFlpGQg1OIytsGwMugUBZbtBac5AoGAXMZf
        dxOHB30E8sEfFY0/xiSARH3lM9Q3tOwbhMUZ3608poyF2Ty58O+UfemCLBXsbPsv
        BhcljwDY7xV9eaBy0t7W8ubVn6n3uUovGkYV5wOYBx9UxvdTKGV3k3Q19NvaTCir
        3RQA+6whG6lRAHDbWdJ/BMTVJRp/HDA97S02dQECgYEAxZHCjwDasUiQvwABFpAs
        D/b4GIk/JODaIrA/SQRsE/hc+oNpIFlAQEm68FnzaP18Dz6tt2dxyox37UpicrfH
        ZbR3G1Yz9Q0jI2AKO3//HjdLlB9D0ghWZ5Z1WXBvgkwQlTihs05YnvppHXuttQdk
        vqhIudGyjQ1hK66555Z6r5U=
        -----END PRIVATE KEY-----
        """;

    public const string Encryption = "nxpggUnHc/LjQjOnUDbJ1WAp0DmBgk8P8+PpaH+o3hI=";

    /// <summary>The settings of a server signing with <paramref name="keys"/> (key ids test-a, test-b), first one signing.</summary>
    public static Dictionary<string, string> Settings(params string[] keys)
    {
        var settings = new Dictionary<string, string>();
        if (keys.Length > 0)
        {
            settings["SignIn:EncryptionKey"] = keys[0] is SigningA or SigningB ? Encryption : Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        }

        for (var i = 0; i < keys.Length; i++)
        {
            settings[$"SignIn:SigningKeys:{i}:KeyId"] = keys[i] switch { SigningA => "test-a", SigningB => "test-b", _ => $"generated-{i}" };
            settings[$"SignIn:SigningKeys:{i}:Pem"] = keys[i];
        }

        return settings;
    }
}
