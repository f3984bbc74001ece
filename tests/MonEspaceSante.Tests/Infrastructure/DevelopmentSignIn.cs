using System.Net;
using System.Text.RegularExpressions;

namespace MonEspaceSante.Tests.Infrastructure;

/// <summary>Opens a session at the authorization server through its Development sign-in page, as a tester would with a browser.</summary>
public static partial class DevelopmentSignIn
{
    [GeneratedRegex("name=\"(?<name>__RequestVerificationToken)\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    /// <summary>
    /// Signs in as <paramref name="kind"/> (Patient, Professional, Operator) with the page's <paramref name="fields"/>
    /// (ins; rpps and profession; account); <paramref name="client"/> keeps the session cookie. Returns where it was sent.
    /// </summary>
    public static async Task<Uri?> SignInAsync(HttpClient client, string kind, string returnUrl, params (string Name, string Value)[] fields)
    {
        ArgumentNullException.ThrowIfNull(client);
        var page = await client.GetStringAsync($"/signin/dev?kind={kind}&returnUrl={Uri.EscapeDataString(returnUrl)}");
        var token = AntiforgeryField().Match(page);
        token.Success.Should().BeTrue("the sign-in page carries an antiforgery token");
        using var form = new FormUrlEncodedContent(
            [new(token.Groups["name"].Value, WebUtility.HtmlDecode(token.Groups["value"].Value)), new("kind", kind), new("returnUrl", returnUrl), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);
        using var response = await client.PostAsync("/signin/dev", form);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return response.Headers.Location;
    }
}
