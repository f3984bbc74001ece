namespace MonEspaceSante.Grains.Notices;

/// <summary>
/// Delivers claimed notices of one channel; one batch at a time per dispatcher (one SMTP connection for a batch). Each
/// result says whether the notice was sent, is worth another attempt, or never will be.
/// </summary>
public interface INoticeSender
{
    Interfaces.Patients.NoticeChannel Channel { get; }

    Task<IReadOnlyList<SendResult>> SendAsync(IReadOnlyList<DueNotice> notices, CancellationToken cancellationToken);
}
