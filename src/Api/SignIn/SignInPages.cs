using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;

namespace MonEspaceSante.Api.SignIn;

/// <summary>
/// The HTML of the sign-in and consent pages: French, no script, no resource from elsewhere, served with a strict
/// Content-Security-Policy and never cached. Every value written into a page is HTML-encoded here.
/// </summary>
public static class SignInPages
{
    private const string Style = """
        body{font-family:system-ui,sans-serif;max-width:34rem;margin:2rem auto;padding:0 1rem;color:#1b1b35;line-height:1.5}
        h1{font-size:1.4rem}fieldset{border:1px solid #ccc;border-radius:.4rem;margin:1rem 0;padding:.5rem 1rem}
        label{display:block;margin:.4rem 0}input[type=text]{width:100%;padding:.4rem;font-size:1rem}
        button,a.button{display:inline-block;margin:.5rem .5rem .5rem 0;padding:.6rem 1rem;font-size:1rem;border-radius:.3rem;border:1px solid #000091;background:#000091;color:#fff;text-decoration:none;cursor:pointer}
        button.secondary{background:#fff;color:#000091}.muted{color:#555}.error{color:#b00020}
        """;

    // French text stays readable in the source of the page; markup characters are still encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>A whole page: <paramref name="body"/> is HTML the caller built with <see cref="Text"/> for every value.</summary>
    public static IResult Page(string title, string body, int status = StatusCodes.Status200OK) => new PageResult(title, body, status);

    /// <summary><paramref name="value"/> HTML-encoded.</summary>
    public static string Text(string? value) => Encoder.Encode(value ?? "");

    /// <summary>A hidden form field.</summary>
    public static string Hidden(string name, string? value) => $"<input type=\"hidden\" name=\"{Text(name)}\" value=\"{Text(value)}\">";

    /// <summary>Whether <paramref name="url"/> is a path of this site (never another origin): where a sign-in may send back.</summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));

    private sealed class PageResult(string title, string body, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            var response = httpContext.Response;
            response.StatusCode = status;
            response.ContentType = "text/html; charset=utf-8";
            response.Headers.CacheControl = "no-store";
            response.Headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";
            response.Headers["X-Content-Type-Options"] = "nosniff";
            response.Headers["Referrer-Policy"] = "no-referrer";
            var html = new StringBuilder()
                .Append("<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .Append("<title>").Append(Text(title)).Append(" – Mon espace santé</title><style>").Append(Style).Append("</style></head><body>")
                .Append("<h1>").Append(Text(title)).Append("</h1>").Append(body).Append("</body></html>");
            return response.WriteAsync(html.ToString());
        }
    }
}
