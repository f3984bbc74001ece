using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace MonEspaceSante.Cli.Http;

/// <summary>
/// The server as the tool sees it: JSON requests with the operator's token, and every way a request
/// can fail turned into one <see cref="CliFailure"/> line.
/// </summary>
internal sealed class MesServer : IDisposable
{
    /// <summary>Bound on ordinary requests; uploads run as long as the server keeps reading.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(100);

    private readonly HttpClient http;
    private readonly bool hasToken;

    public MesServer(Uri address, HttpMessageHandler handler, string? token)
    {
        Address = address;
        http = new HttpClient(handler, disposeHandler: true) { BaseAddress = address, Timeout = Timeout.InfiniteTimeSpan };
        hasToken = !string.IsNullOrEmpty(token);
        if (hasToken)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    public Uri Address { get; }

    public async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, path), true, cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    public async Task<T> PostAsync<T>(string path, object? body, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = body is null ? null : JsonContent.Create(body, body.GetType(), options: JsonWire.Options),
        };
        using var response = await SendAsync(request, true, cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    /// <summary>Sends <paramref name="request"/> (and disposes it); a response that is not a success becomes a failure.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, bool bounded, CancellationToken cancellationToken)
    {
        using (request)
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            if (bounded)
            {
                timeout.CancelAfter(RequestTimeout);
            }

            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            }
            catch (Exception e) when (Find<CliFailure>(e) is { } failure)
            {
                // Raised while producing the request body (the file could not be read...).
                throw failure;
            }
            catch (HttpRequestException e)
            {
                throw new CliFailure(ExitCodes.Unreachable, $"cannot reach the server at {Address}: {Innermost(e).Message}", e);
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new CliFailure(ExitCodes.Unreachable, $"cannot reach the server at {Address}: no answer within {RequestTimeout.TotalSeconds:0} s", e);
            }

            if (!response.IsSuccessStatusCode)
            {
                using (response)
                {
                    throw await FailureOfAsync(response, cancellationToken);
                }
            }

            return response;
        }
    }

    public void Dispose() => http.Dispose();

    private async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(JsonWire.Options, cancellationToken)
                ?? throw new CliFailure(ExitCodes.ServerError, $"the server at {Address} answered an empty body");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new CliFailure(ExitCodes.ServerError, $"the server at {Address} answered something that is not the expected JSON: {e.Message}", e);
        }
        catch (HttpRequestException e)
        {
            throw new CliFailure(ExitCodes.Unreachable, $"cannot reach the server at {Address}: {Innermost(e).Message}", e);
        }
    }

    private async Task<CliFailure> FailureOfAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        switch (response.StatusCode)
        {
            case HttpStatusCode.Unauthorized:
                return new CliFailure(ExitCodes.NotAllowed, hasToken
                    ? "the server refused the token (expired or revoked): mes login again, or check --token or MES_TOKEN"
                    : "the server needs a token: mes login, pass --token, set MES_TOKEN, or use --dev-token with a development server");
            case HttpStatusCode.Forbidden:
                return new CliFailure(ExitCodes.NotAllowed, "this needs an operator whose client has this capability (scope mes.waves, mes.notices...)");
        }

        var problem = await ReadProblemAsync(response, cancellationToken);
        var title = problem?.Title ?? $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
        var detail = problem?.Detail
            ?? (problem?.Errors is { Count: > 0 } errors ? string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")) : null);
        return new CliFailure(ExitCodes.ServerError, detail is null ? title : $"{title}: {detail}");
    }

    private static async Task<Problem?> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return response.Content.Headers.ContentType?.MediaType?.EndsWith("json", StringComparison.OrdinalIgnoreCase) == true
                ? await response.Content.ReadFromJsonAsync<Problem>(JsonWire.Options, cancellationToken)
                : null;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or HttpRequestException)
        {
            return null;
        }
    }

    private static T? Find<T>(Exception? e)
        where T : Exception
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e;
    }
}
