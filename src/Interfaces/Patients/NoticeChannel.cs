namespace MonEspaceSante.Interfaces.Patients;

/// <summary>How a person is told that their space will open: e-mail, or letter where no e-mail is known.</summary>
public enum NoticeChannel
{
    Email = 0,
    Letter = 1,

    /// <summary>A notification of the Mon espace santé app (no address needed).</summary>
    Push = 2,

    /// <summary>A text message to the person's mobile number.</summary>
    Sms = 3,
}
