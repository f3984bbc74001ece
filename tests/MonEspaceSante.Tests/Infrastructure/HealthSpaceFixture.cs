using System.Net.Http.Json;
using MonEspaceSante.Interfaces.Identity;

namespace MonEspaceSante.Tests.Infrastructure;

/// <summary>The application on PostgreSQL, with helpers to open spaces and connect apps for the health space bricks.</summary>
public class HealthSpaceFixture : PostgresAppFixture
{
    /// <summary>A fresh person whose space is open.</summary>
    public async Task<Ins> OpenSpaceAsync(Ins? person = null)
    {
        var ins = person ?? TestIns.Next();
        (await App.PatientClient(ins).PostAsync("/api/v1/me/activation", null)).EnsureSuccessStatusCode();
        return ins;
    }

    /// <summary>Connects <paramref name="appId"/> (one of <see cref="ApiFactory.TestApps"/>) with <paramref name="scopes"/>.</summary>
    public async Task ConnectAsync(Ins person, string appId, params string[] scopes) =>
        (await App.PatientClient(person).PutAsJsonAsync($"/api/v1/me/consents/{appId}", new { scopes })).EnsureSuccessStatusCode();

    /// <summary>An operator records <paramref name="representative"/> as a legal representative of the minor <paramref name="minor"/>.</summary>
    public async Task RepresentAsync(Ins minor, Ins representative) =>
        (await App.ClientFor("operator", "op-1").PutAsync($"/api/v1/patients/{minor.Value}/representatives/{representative.Value}?reference=jugement-2026-1&{TestIns.BirthDateParameter(minor)}", null)).EnsureSuccessStatusCode();

    /// <summary>Lines of <paramref name="person"/>'s access history written by <paramref name="actorId"/>.</summary>
    public Task<long> HistoryLinesAsync(Ins person, string actorId) =>
        CountAsync("SELECT count(*) FROM mes_access_history WHERE ins = @ins AND actor_id = @actor", ("ins", person.Value), ("actor", actorId));
}
