using System.Text.Json;
using MonEspaceSante.Grains.Contact;
using MonEspaceSante.Interfaces.Contact;
using MonEspaceSante.Interfaces.Enrollment;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Interfaces.Patients;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.Facets;

/// <summary>The contact facet on its own: how each notice is addressed, and who sets the details.</summary>
[Trait("Category", "Unit")]
public sealed class ContactFacetTests
{
    private const string Token = "fcm:device-token-0001";

    private readonly TestSpace space = new(TestIns.Born(1985, 7, 2));
    private readonly HeldFacetState<ContactState> state = new();
    private (string? Email, string? PostalAddress, string? Name) wave = ("wave@example.org", "2 rue Haute, 69001 Lyon", "Martin Claire");
    private readonly ContactFacet contact;

    public ContactFacetTests() => contact = new ContactFacet(state, space, () => wave);

    private Interfaces.Access.Accessor Holder => Callers.Holder(space.Person);

    [Fact]
    public async Task A_notice_goes_to_the_waves_email_until_the_person_sets_their_own_and_names_the_recipient()
    {
        var first = await contact.NoticeAsync("k1", NoticeKind.NewMessage, privately: false);
        await contact.SetAsync(Holder, new ContactUpdate("claire@example.org", null, null, null));
        var second = await contact.NoticeAsync("k2", NoticeKind.NewMessage, privately: false);

        (first!.Channel, first.Email, first.RecipientName).Should().Be((NoticeChannel.Email, "wave@example.org", "Martin Claire"));
        (second!.Channel, second.Email).Should().Be((NoticeChannel.Email, "claire@example.org"));
        second.PersonKey.Should().Be(InsMask.Mask(space.Person.Value));
        second.PostalAddress.Should().BeNull("only letters carry the postal address");
    }

    [Fact]
    public async Task The_preferred_channel_is_used_when_its_detail_is_known_and_falls_back_otherwise()
    {
        await contact.SetPreferenceAsync(Holder, NoticeKind.MeasurementAlert, NoticePreference.Sms);
        var withoutMobile = await contact.NoticeAsync("a1", NoticeKind.MeasurementAlert, privately: false);
        await contact.SetAsync(Holder, new ContactUpdate(null, "+33612345678", null, null));
        var withMobile = await contact.NoticeAsync("a2", NoticeKind.MeasurementAlert, privately: false);
        await contact.SetPreferenceAsync(Holder, NoticeKind.MeasurementAlert, NoticePreference.Push);
        await contact.RegisterPushAsync(Holder, Token, "fcm");
        var pushed = await contact.NoticeAsync("a3", NoticeKind.MeasurementAlert, privately: false);

        withoutMobile!.Channel.Should().Be(NoticeChannel.Email);
        (withMobile!.Channel, withMobile.Mobile, withMobile.Email).Should().Be((NoticeChannel.Sms, "+33612345678", null));
        pushed!.Channel.Should().Be(NoticeChannel.Push);
        JsonSerializer.Deserialize<string[]>(pushed.PushTokens!).Should().Equal(Token);
    }

    [Fact]
    public async Task A_kind_turned_off_sends_nothing_except_urgent_access_which_cannot_be_turned_off()
    {
        await contact.SetPreferenceAsync(Holder, NoticeKind.AccessDigest, NoticePreference.Off);

        (await contact.NoticeAsync("d1", NoticeKind.AccessDigest, privately: false)).Should().BeNull();
        await FluentActions.Awaiting(() => contact.SetPreferenceAsync(Holder, NoticeKind.UrgentAccess, NoticePreference.Off))
            .Should().ThrowAsync<UnprocessableException>();
    }

    [Fact]
    public async Task A_private_notice_reaches_only_the_devices_the_minor_registered_and_never_an_email()
    {
        var minor = new TestSpace(TestIns.Born(2012, 3, 2));
        var parent = TestIns.Born(1980, 1, 1);
        minor.Controls.LegalRepresentatives.Add(parent.Value);
        var minorContact = new ContactFacet(new HeldFacetState<ContactState>(), minor, () => ("parent@example.org", null, null));
        await minorContact.RegisterPushAsync(Callers.Representative(parent), "fcm:parents-phone-0001", "fcm");
        await minorContact.RegisterPushAsync(Callers.Holder(minor.Person), "fcm:minors-phone-00001", "fcm");

        var notice = await minorContact.NoticeAsync("p1", NoticeKind.NewMessage, privately: true);

        (notice!.Channel, notice.Email).Should().Be((NoticeChannel.Push, null));
        JsonSerializer.Deserialize<string[]>(notice.PushTokens!).Should().Equal("fcm:minors-phone-00001");
    }

    [Fact]
    public async Task Nobody_but_the_holder_side_reads_or_sets_the_contact_details_and_bad_values_are_refused()
    {
        await FluentActions.Awaiting(() => contact.GetAsync(Callers.Physician())).Should().ThrowAsync<AccessDeniedException>();
        await FluentActions.Awaiting(() => contact.SetAsync(Holder, new ContactUpdate("not-an-address", null, null, null)))
            .Should().ThrowAsync<InvalidInputException>().WithMessage("email*");
        await FluentActions.Awaiting(() => contact.SetAsync(Holder, new ContactUpdate(null, "0612345678", null, null)))
            .Should().ThrowAsync<InvalidInputException>().WithMessage("mobile*");
        await FluentActions.Awaiting(() => contact.RegisterPushAsync(Holder, "short", "fcm")).Should().ThrowAsync<InvalidInputException>();
        state.Writes.Should().Be(0);
    }

    [Fact]
    public async Task An_empty_value_removes_the_waves_address_and_a_device_registered_twice_is_kept_once()
    {
        var details = await contact.SetAsync(Holder, new ContactUpdate("", null, null, null));
        await contact.RegisterPushAsync(Holder, Token, "fcm");
        details = await contact.RegisterPushAsync(Holder, Token, "fcm");
        wave = (null, null, null);

        details.Email.Should().BeNull();
        details.PushRegistrations.Should().ContainSingle().Which.ByHolder.Should().BeTrue();
        (await contact.NoticeAsync("n1", NoticeKind.NewMessage, false))!.Channel.Should().Be(NoticeChannel.Push);
        (await contact.UnregisterPushAsync(Holder, Token)).PushRegistrations.Should().BeEmpty();
        (await contact.NoticeAsync("n2", NoticeKind.NewMessage, false))!.PushTokens.Should().BeNull("nothing is known to reach the person: the dispatcher gives up and operators see it");
    }
}
