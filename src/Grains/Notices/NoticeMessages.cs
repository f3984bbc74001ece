using System.Globalization;
using System.Text;
using MonEspaceSante.Interfaces.Contact;
using MonEspaceSante.Interfaces.Enrollment;

namespace MonEspaceSante.Grains.Notices;

/// <summary>
/// What each kind of notice says, in French (its readers are French): a subject and a short text that sends the person to
/// their space. Never health content: no value, no document, no message text, no diagnosis; an access digest says who and
/// when, never what they read.
/// </summary>
public static class NoticeMessages
{
    // Written out here: the service runs in globalization-invariant mode, without the French culture's names.
    private static readonly string[] Months =
        ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];


    public const string Signature = "L'équipe Mon espace santé\nhttps://www.monespacesante.fr";

    public static (string Subject, string Text) Compose(DueNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var greeting = notice.RecipientName is { } name ? $"Bonjour {name}," : "Bonjour,";
        var (subject, body) = notice.Kind switch
        {
            NoticeKind.OpeningAnnouncement => ("Votre profil Mon espace santé va être créé",
                $"Votre profil Mon espace santé sera créé automatiquement le {Day(notice.Deadline)}, sauf si vous vous y opposez d'ici là "
                + "sur www.monespacesante.fr ou auprès de votre caisse d'assurance maladie."),
            NoticeKind.SpaceOpened => ("Votre profil Mon espace santé est ouvert",
                "Votre profil Mon espace santé est ouvert. Connectez-vous pour le découvrir et choisir qui peut y accéder."),
            NoticeKind.MeasurementAlert => ("Une mesure demande votre attention",
                "Une de vos mesures demande votre attention. Connectez-vous à Mon espace santé pour la consulter."),
            NoticeKind.NewMessage => ("Vous avez un nouveau message",
                "Un professionnel de santé vous a écrit dans votre messagerie Mon espace santé. Connectez-vous pour lire son message."),
            NoticeKind.UrgentAccess => ("Un accès en urgence à votre profil",
                "Un professionnel de santé a utilisé un accès en urgence à votre profil Mon espace santé. "
                + "L'historique des accès de votre profil dit qui et quand ; vous pouvez y refuser les accès en urgence."),
            _ => ("Les accès à votre profil Mon espace santé", Digest(notice.Digest)),
        };
        return (subject, $"{greeting}\n\n{body}\n\n{Signature}\n");
    }

    /// <summary>A short form for push and SMS: the subject alone, which says nothing of health.</summary>
    public static string Short(DueNotice notice) => Compose(notice).Subject;

    private static string Digest(IReadOnlyList<AccessDigestLine> lines)
    {
        var text = new StringBuilder("Ces personnes ont accédé à votre profil :\n");
        foreach (var line in lines.OrderBy(l => l.At))
        {
            var at = ParisTime.Of(line.At);
            var times = line.Count > 1 ? $", {line.Count} accès" : "";
            text.Append(CultureInfo.InvariantCulture, $"- {line.Who}, le {Day(at)} à {at.ToString("HH:mm", CultureInfo.InvariantCulture)}{times}{(line.Mode is null ? "" : $" ({line.Mode})")}\n");
        }

        return text.Append("Si un accès vous surprend, vous pouvez bloquer ce professionnel depuis votre profil.").ToString();
    }

    private static string Day(DateTimeOffset? at) => at is { } day ? Day(ParisTime.Of(day)) : "prochainement";

    private static string Day(DateTimeOffset local) => string.Create(CultureInfo.InvariantCulture, $"{local.Day} {Months[local.Month - 1]} {local.Year}");
}
