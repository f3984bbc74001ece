using System.Text.Json;
using MonEspaceSante.Grains.Enrollment;
using MonEspaceSante.Grains.Patients;
using MonEspaceSante.Grains.Patients.Access;
using MonEspaceSante.Interfaces.Access;
using MonEspaceSante.Interfaces.Contact;
using MonEspaceSante.Interfaces.Enrollment;
using MonEspaceSante.Interfaces.Identity;
using MonEspaceSante.Interfaces.Errors;
using MonEspaceSante.Interfaces.Patients;

namespace MonEspaceSante.Grains.Contact;

/// <summary>
/// How notices reach the person: the e-mail, mobile, postal address and name they set, over what the wave that notified
/// them carried (<paramref name="fromWave"/>); their app's push registrations; their channel per kind of notice. Read
/// by every notice the space sends (<see cref="NoticeAsync"/>), and by the holder side only.
/// </summary>
internal sealed class ContactFacet(IFacetState<ContactState> contact, IPersonSpace space, Func<(string? Email, string? PostalAddress, string? Name)> fromWave)
{
    public async Task<ContactDetails> GetAsync(Accessor accessor)
    {
        await AuthorizeAsync(accessor, SpaceAction.Read, "contact details");
        return Describe();
    }

    public async Task<ContactDetails> SetAsync(Accessor accessor, ContactUpdate update)
    {
        ContactRules.Check(update);
        await AuthorizeAsync(accessor, SpaceAction.Write, "contact details");
        var state = contact.State;
        state.Email = update.Email ?? state.Email;
        state.Mobile = update.Mobile ?? state.Mobile;
        state.PostalAddress = update.PostalAddress ?? state.PostalAddress;
        state.RecipientName = update.RecipientName ?? state.RecipientName;
        await contact.WriteStateAsync();
        return Describe();
    }

    public async Task<ContactDetails> RegisterPushAsync(Accessor accessor, string token, string platform)
    {
        ContactRules.CheckPush(token, platform);
        var grant = await AuthorizeAsync(accessor, SpaceAction.Write, "push registration");
        var registrations = contact.State.PushRegistrations;
        if (registrations.Any(r => r.Token == token))
        {
            return Describe();
        }

        registrations.Add(new PushRegistration(token, platform, space.Now, grant.Viewer == SpaceViewer.Holder));
        if (registrations.Count > ContactRules.MaxPushRegistrations)
        {
            registrations.RemoveAt(0);
        }

        await contact.WriteStateAsync();
        return Describe();
    }

    public async Task<ContactDetails> UnregisterPushAsync(Accessor accessor, string token)
    {
        await AuthorizeAsync(accessor, SpaceAction.Write, "push registration removed");
        if (contact.State.PushRegistrations.RemoveAll(r => r.Token == token) > 0)
        {
            await contact.WriteStateAsync();
        }

        return Describe();
    }

    public async Task<ContactDetails> SetPreferenceAsync(Accessor accessor, NoticeKind kind, NoticePreference preference)
    {
        if (preference == NoticePreference.Off && kind == NoticeKind.UrgentAccess)
        {
            throw new UnprocessableException("preference", "the person is always told of an urgent access to their space");
        }

        await AuthorizeAsync(accessor, SpaceAction.Write, $"notice preference ({kind})");
        contact.State.Preferences[kind] = preference;
        await contact.WriteStateAsync();
        return Describe();
    }

    /// <summary>
    /// The notice <paramref name="key"/> of <paramref name="kind"/> addressed as the person wants it, or null when they turned
    /// that kind off. The chosen channel falls back to e-mail, push, then SMS when its detail is missing; with nothing known
    /// it stays a push notice without a device, which the dispatcher gives up on and the operators see.
    /// <paramref name="privately"/>: by push to the person's own devices only (a minor's confidential care).
    /// </summary>
    public async Task<OutboxNotice?> NoticeAsync(string key, NoticeKind kind, bool privately)
    {
        await contact.LoadAsync();
        var details = Describe();
        var preference = details.Preferences.GetValueOrDefault(kind);
        if (preference == NoticePreference.Off && kind != NoticeKind.UrgentAccess)
        {
            return null;
        }

        var devices = details.PushRegistrations.Where(r => !privately || r.ByHolder).Select(r => r.Token).ToList();
        var (email, mobile) = privately ? (null, null) : (details.Email, details.Mobile);
        var channel = preference switch
        {
            NoticePreference.Email when email is not null => NoticeChannel.Email,
            NoticePreference.Push when devices.Count > 0 => NoticeChannel.Push,
            NoticePreference.Sms when mobile is not null => NoticeChannel.Sms,
            _ when email is not null => NoticeChannel.Email,
            _ when devices.Count > 0 => NoticeChannel.Push,
            _ when mobile is not null => NoticeChannel.Sms,
            _ => NoticeChannel.Push,
        };
        return new OutboxNotice(key, kind, channel, channel == NoticeChannel.Email ? email : null, null, null, null)
        {
            PersonKey = InsMask.Mask(space.Person.Value),
            RecipientName = details.RecipientName,
            Mobile = channel == NoticeChannel.Sms ? mobile : null,
            PushTokens = channel == NoticeChannel.Push && devices.Count > 0 ? JsonSerializer.Serialize(devices) : null,
        };
    }

    private async Task<SpaceGrant> AuthorizeAsync(Accessor accessor, SpaceAction action, string what)
    {
        ArgumentNullException.ThrowIfNull(accessor);
        await contact.LoadAsync();
        var grant = await space.AuthorizeAsync(accessor, SpaceBrick.Controls, action, what);
        return grant.Viewer is SpaceViewer.Holder or SpaceViewer.Representative
            ? grant
            : throw new AccessDeniedException("Only the person (or a minor's legal representative) reads and sets how they are reached.");
    }

    private ContactDetails Describe()
    {
        var state = contact.State;
        var wave = fromWave();
        static string? Pick(string? own, string? given) => own is null ? given : own.Length == 0 ? null : own;
        return new ContactDetails(Pick(state.Email, wave.Email), Pick(state.Mobile, null), Pick(state.PostalAddress, wave.PostalAddress),
            Pick(state.RecipientName, wave.Name), [.. state.PushRegistrations], new Dictionary<NoticeKind, NoticePreference>(state.Preferences));
    }
}
