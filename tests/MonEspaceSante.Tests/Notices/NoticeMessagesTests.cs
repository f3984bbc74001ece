using MonEspaceSante.Grains.Notices;
using MonEspaceSante.Interfaces.Contact;
using MonEspaceSante.Interfaces.Enrollment;
using MonEspaceSante.Interfaces.Patients;

namespace MonEspaceSante.Tests.Notices;

/// <summary>What each notice says, in French, and what it never says.</summary>
[Trait("Category", "Unit")]
public sealed class NoticeMessagesTests
{
    private static DueNotice Notice(NoticeKind kind, string? name = null, DateTimeOffset? deadline = null, IReadOnlyList<AccessDigestLine>? digest = null) =>
        new(1, kind, NoticeChannel.Email, "claire@example.org", null, [], name, deadline, digest ?? [], 1);

    [Fact]
    public void An_announcement_gives_the_opening_day_in_paris_time_and_how_to_oppose()
    {
        var (subject, text) = NoticeMessages.Compose(Notice(NoticeKind.OpeningAnnouncement, "Claire Martin", new DateTimeOffset(2026, 8, 31, 22, 30, 0, TimeSpan.Zero)));

        subject.Should().Be("Votre profil Mon espace santé va être créé");
        text.Should().StartWith("Bonjour Claire Martin,\n\n").And.Contain("le 1 septembre 2026, sauf si vous vous y opposez").And.EndWith(NoticeMessages.Signature + "\n");
    }

    [Fact]
    public void A_digest_lists_who_and_when_in_order_with_the_urgent_mode_and_nothing_else()
    {
        var lines = new[]
        {
            new AccessDigestLine("L'application « glyco »", new DateTimeOffset(2026, 12, 3, 17, 5, 0, TimeSpan.Zero), 12, null),
            new AccessDigestLine("Un professionnel de santé (RPPS 10001234567)", new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero), 1, "bris de glace"),
        };

        var (_, text) = NoticeMessages.Compose(Notice(NoticeKind.AccessDigest, digest: lines));

        text.Should().Contain("Bonjour,\n\nCes personnes ont accédé à votre profil :\n"
            + "- Un professionnel de santé (RPPS 10001234567), le 3 décembre 2026 à 09:00 (bris de glace)\n"
            + "- L'application « glyco », le 3 décembre 2026 à 18:05, 12 accès\n");
    }

    [Theory]
    [InlineData(NoticeKind.SpaceOpened)]
    [InlineData(NoticeKind.MeasurementAlert)]
    [InlineData(NoticeKind.NewMessage)]
    [InlineData(NoticeKind.UrgentAccess)]
    public void Every_kind_has_its_own_subject_and_sends_the_person_to_their_space(NoticeKind kind)
    {
        var (subject, text) = NoticeMessages.Compose(Notice(kind));

        subject.Should().NotBeNullOrWhiteSpace().And.NotBe(NoticeMessages.Compose(Notice(NoticeKind.AccessDigest)).Subject);
        text.Should().Contain("Mon espace santé").And.NotContain("@");
    }
}
