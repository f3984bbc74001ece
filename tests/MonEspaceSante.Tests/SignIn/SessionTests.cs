using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Duende.IdentityModel.OidcClient;
using MonEspaceSante.Interfaces.Patients;
using MonEspaceSante.Tests.Infrastructure;

namespace MonEspaceSante.Tests.SignIn;

/// <summary>A person's frontend signing in, refreshing and signing out; an app withdrawn from the catalogue losing its tokens.</summary>
[Collection(SignInCollection.Name)]
public sealed class SessionTests(SignInFixture fixture)
{
    [Fact]
    public async Task A_frontend_signs_the_person_in_and_its_token_acts_as_the_holder()
    {
        var person = TestIns.Next();
        var (frontend, login, _) = await FrontendSignInAsync(person);

        login.IsError.Should().BeFalse(login.Error);
        login.TokenResponse.TryGet("patient").Should().Be(person.Value);
        var me = await Bearer(login.AccessToken).PostAsync("/api/v1/me/activation", null);
        me.StatusCode.Should().Be(HttpStatusCode.OK);
        (await me.Content.ReadFromJsonAsync<SpaceView>(Json.Options))!.Status.Should().Be(EnrollmentStatus.Active);
        frontend.Should().NotBeNull();
    }

    [Fact]
    public async Task Refresh_tokens_rotate_and_a_reused_one_revokes_the_whole_grant()
    {
        var (frontend, login, _) = await FrontendSignInAsync(TestIns.Next());

        var first = await frontend.Client.RefreshTokenAsync(login.RefreshToken);
        var reuse = await frontend.Client.RefreshTokenAsync(login.RefreshToken);
        var afterReuse = await frontend.Client.RefreshTokenAsync(first.RefreshToken);

        first.IsError.Should().BeFalse(first.Error);
        first.RefreshToken.Should().NotBe(login.RefreshToken, "each refresh hands out a new refresh token");
        reuse.IsError.Should().BeTrue();
        reuse.Error.Should().Be("invalid_grant");
        afterReuse.IsError.Should().BeTrue("a stolen refresh token replayed revokes what its legitimate use had obtained");
        (await Bearer(first.AccessToken).GetAsync("/api/v1/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Signing_out_ends_the_session_revokes_its_tokens_and_the_next_authorization_asks_to_sign_in_again()
    {
        var (frontend, login, browser) = await FrontendSignInAsync(TestIns.Next());

        var end = await Browserless.FollowAsync(browser,
            new Uri(fixture.BaseAddress, $"/connect/endsession?client_id=web-frontend&post_logout_redirect_uri={Uri.EscapeDataString(SignInFixture.RedirectUri)}&id_token_hint={login.IdentityToken}"),
            stopAt: SignInFixture.RedirectUri);
        var again = await frontend.Client.PrepareLoginAsync();
        var (_, next) = await Browserless.FollowAsync(browser, new Uri(again.StartUrl));

        end.Url.AbsoluteUri.Should().StartWith(SignInFixture.RedirectUri, "the frontend gets the person back at its registered address");
        next.AbsolutePath.Should().Be("/signin");
        (await Bearer(login.AccessToken).GetAsync("/api/v1/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the signed-out grant's tokens are revoked");
        (await frontend.Client.RefreshTokenAsync(login.RefreshToken)).Error.Should().Be("invalid_grant");
    }

    [Fact]
    public async Task Withdrawing_an_app_revokes_its_tokens_at_once()
    {
        var person = TestIns.Next();
        (await fixture.App.PatientClient(person).PostAsync("/api/v1/me/activation", null)).EnsureSuccessStatusCode();
        var app = new SmartApp(fixture, SignInFixture.WithdrawnApp, "openid offline_access patient/Observation.c?code=http://loinc.org|2345-7");
        var login = await app.PairAsync(fixture.Browser(), person);
        login.IsError.Should().BeFalse(login.Error);
        (await Bearer(login.AccessToken).GetAsync("/api/v1/catalogue/apps")).StatusCode.Should().Be(HttpStatusCode.OK);

        (await fixture.App.ClientFor("operator", "op-1").DeleteAsync($"/api/v1/catalogue/apps/{SignInFixture.WithdrawnApp}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await Bearer(login.AccessToken).GetAsync("/api/v1/catalogue/apps")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await app.Client.RefreshTokenAsync(login.RefreshToken)).Error.Should().Be("invalid_grant");
        var pairAgain = await app.Client.PrepareLoginAsync();
        (await fixture.Browser().GetAsync(pairAgain.StartUrl)).StatusCode.Should().Be(HttpStatusCode.BadRequest, "a withdrawn app's client may not start a sign-in");
    }

    /// <summary>The person signs in through the frontend client at the people's provider.</summary>
    private async Task<(SmartApp Frontend, LoginResult Login, HttpClient Browser)> FrontendSignInAsync(Interfaces.Identity.Ins person)
    {
        var frontend = new SmartApp(fixture, "web-frontend", "openid offline_access launch/patient");
        var state = await frontend.Client.PrepareLoginAsync();
        var browser = fixture.Browser();
        var (choice, choiceUrl) = await Browserless.FollowAsync(browser, new Uri(state.StartUrl));
        fixture.People.Next["ins"] = person.Value;
        var (_, callback) = await Browserless.FollowAsync(browser, Browserless.ProviderLinkOf(await choice.Content.ReadAsStringAsync(), choiceUrl), stopAt: SignInFixture.RedirectUri);
        return (frontend, await frontend.Client.ProcessResponseAsync(callback.AbsoluteUri, state), browser);
    }

    private HttpClient Bearer(string token)
    {
        var client = new HttpClient { BaseAddress = fixture.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
