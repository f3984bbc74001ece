using System.Net;
using System.Text.RegularExpressions;

namespace MonEspaceSante.Tests.SignIn;

/// <summary>
/// What a browser does in a sign-in, done with an HttpClient that keeps cookies: follow redirects across the server and
/// the provider, read a page's links and forms, submit a form. The headless-browser tests go through the same pages.
/// </summary>
public static partial class Browserless
{
    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]*)\" value=\"(?<value>[^\"]*)\">")]
    private static partial Regex Hidden();

    [GeneratedRegex("<input type=\"checkbox\" name=\"(?<name>[^\"]*)\" value=\"(?<value>[^\"]*)\" checked>")]
    private static partial Regex Checked();

    [GeneratedRegex("href=\"(?<href>/signin/external/[^\"]*)\"")]
    private static partial Regex ProviderLink();

    /// <summary>Follows redirects from <paramref name="url"/> until a page, or a redirect to <paramref name="stopAt"/> (not followed): that last answer.</summary>
    public static async Task<(HttpResponseMessage Response, Uri Url)> FollowAsync(HttpClient browser, Uri url, string? stopAt = null)
    {
        ArgumentNullException.ThrowIfNull(browser);
        for (var hops = 0; hops < 20; hops++)
        {
            var response = await browser.GetAsync(url);
            if (response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.RedirectKeepVerb))
            {
                return (response, url);
            }

            var next = new Uri(url, response.Headers.Location!);
            if (stopAt is not null && next.AbsoluteUri.StartsWith(stopAt, StringComparison.Ordinal))
            {
                return (response, next);
            }

            url = next;
        }

        throw new InvalidOperationException("More than 20 redirects.");
    }

    /// <summary>The link of the sign-in page to the external provider.</summary>
    public static Uri ProviderLinkOf(string html, Uri page)
    {
        var match = ProviderLink().Match(html);
        match.Success.Should().BeTrue($"the sign-in page offers the provider: {html}");
        return new Uri(page, WebUtility.HtmlDecode(match.Groups["href"].Value));
    }

    /// <summary>The checkboxes ticked when the page is shown.</summary>
    public static IReadOnlyList<string> Ticked(string html) => [.. Checked().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups["value"].Value))];

    /// <summary>Submits the page's form (hidden fields kept) with <paramref name="decision"/> and the boxes <paramref name="grants"/> ticked.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient browser, string html, string action, string decision, IEnumerable<string> grants)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var fields = Hidden().Matches(html).Select(m => new KeyValuePair<string, string>(WebUtility.HtmlDecode(m.Groups["name"].Value), WebUtility.HtmlDecode(m.Groups["value"].Value)))
            .Concat(grants.Select(g => new KeyValuePair<string, string>("grant", g)))
            .Append(new KeyValuePair<string, string>("decision", decision))
            .ToList();
        using var form = new FormUrlEncodedContent(fields);
        return await browser.PostAsync(action, form);
    }
}
