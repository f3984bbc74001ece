using System.ComponentModel.DataAnnotations;

namespace MonEspaceSante.Grains.Notices;

/// <summary>
/// Configuration <c>Notices:Delivery</c>: the dispatcher that delivers the outbox. E-mail goes through SMTP
/// (<c>Email:Mode=Smtp</c>) or, in the embedded default, to <c>.eml</c> files in a folder (<c>Folder</c>); push and SMS
/// go to a provider or, in development, to a folder. Letters stay for the mailing service's export. Production refuses
/// the folders: nothing would reach anyone.
/// </summary>
public sealed class DeliverySettings : IValidatableObject
{
    public const string Section = "Notices:Delivery";

    /// <summary>Off: nothing is sent and the export lists every pending notice, as before the dispatcher.</summary>
    public bool Enabled { get; set; } = true;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Notices one dispatcher claims at a time (one SMTP connection).</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>How long a claimed notice stays a dispatcher's: a silo that dies mid-send frees it after this.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Attempts before a notice is given up (failed: the operators' view).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failure; each next one doubles, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(6);

    public EmailDelivery Email { get; set; } = new();

    /// <summary>Push notifications: <c>Folder</c> (development sink) or <c>None</c> (kept pending until a provider is set up).</summary>
    public SinkDelivery Push { get; set; } = new();

    /// <summary>Text messages: <c>Folder</c> (development sink) or <c>None</c>.</summary>
    public SinkDelivery Sms { get; set; } = new();

    /// <summary>The delay before attempt <paramref name="attempts"/> + 1.</summary>
    public TimeSpan RetryDelay(int attempts)
    {
        var delay = FirstRetryDelay * Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        return delay < MaxRetryDelay ? delay : MaxRetryDelay;
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (BatchSize is < 1 or > 1000)
        {
            yield return new ValidationResult("Notices:Delivery:BatchSize must be between 1 and 1000.", [nameof(BatchSize)]);
        }

        if (MaxAttempts is < 1 or > 100)
        {
            yield return new ValidationResult("Notices:Delivery:MaxAttempts must be between 1 and 100.", [nameof(MaxAttempts)]);
        }

        if (PollInterval <= TimeSpan.Zero || Lease < TimeSpan.FromSeconds(1) || FirstRetryDelay <= TimeSpan.Zero || MaxRetryDelay < FirstRetryDelay)
        {
            yield return new ValidationResult("Notices:Delivery: PollInterval and FirstRetryDelay must be positive, Lease at least a second, MaxRetryDelay at least FirstRetryDelay.");
        }

        if (Email.Connections is < 1 or > 64)
        {
            yield return new ValidationResult("Notices:Delivery:Email:Connections must be between 1 and 64.", [nameof(Email)]);
        }

        if (Enabled && Email.Mode == EmailMode.Smtp && (string.IsNullOrWhiteSpace(Email.Host) || string.IsNullOrWhiteSpace(Email.From)))
        {
            yield return new ValidationResult("Notices:Delivery:Email:Mode=Smtp needs Notices:Delivery:Email:Host and Notices:Delivery:Email:From.", [nameof(Email)]);
        }
    }
}

public enum EmailMode
{
    /// <summary>Each e-mail written as an <c>.eml</c> file in <see cref="EmailDelivery.Folder"/> (the embedded default).</summary>
    Folder = 0,
    Smtp = 1,
}

public enum SmtpSecurity
{
    /// <summary>STARTTLS when the server offers it (MailKit's Auto).</summary>
    Auto = 0,
    None = 1,
    StartTls = 2,
    SslOnConnect = 3,
}

/// <summary>E-mail: an SMTP server, or a folder of <c>.eml</c> files.</summary>
public sealed class EmailDelivery
{
    public EmailMode Mode { get; set; } = EmailMode.Folder;

    /// <summary>Where the folder mode writes (relative to the working directory); <c>data/mail</c> by default.</summary>
    public string Folder { get; set; } = Path.Combine("data", "mail");

    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>
    /// SMTP connections a dispatcher sends a batch over at once: a relay answers each message in a round trip, so the
    /// rate grows with connections (docs/benchmarks.md, "Notices").
    /// </summary>
    public int Connections { get; set; } = 4;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;

    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender: <c>Mon espace santé &lt;ne-pas-repondre@monespacesante.fr&gt;</c>.</summary>
    public string From { get; set; } = "Mon espace santé <ne-pas-repondre@monespacesante.example>";
}

public enum SinkMode
{
    Folder = 0,
    None = 1,
}

/// <summary>Push or SMS: a development folder, or nothing yet (notices stay pending).</summary>
public sealed class SinkDelivery
{
    public SinkMode Mode { get; set; } = SinkMode.Folder;

    public string Folder { get; set; } = Path.Combine("data", "notifications");
}
