using MonEspaceSante.Interfaces.Devices;
using Npgsql;
using NpgsqlTypes;
using Orleans.Concurrency;

namespace MonEspaceSante.Grains.Devices;

/// <summary>The registered Devices in <c>mes_device</c>: a registration is one statement, so two racing ones create one row.</summary>
[StatelessWorker]
internal sealed class DeviceRegistryGrain(OwnTables tables) : Grain, IDeviceRegistryGrain
{
    private const string Feature = "Devices";

    /// <summary>The most devices one call registers or reads (a Bundle names a few).</summary>
    public const int MaxPerCall = 1000;

    public async Task<IReadOnlyList<DeviceRegistration>> RegisterAsync(IReadOnlyList<RegisteredDevice> devices)
    {
        ArgumentNullException.ThrowIfNull(devices);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(devices.Count, MaxPerCall);
        if (devices.Count == 0)
        {
            return [];
        }

        var distinct = devices.DistinctBy(d => d.Id, StringComparer.Ordinal).ToList();
        await using var command = tables.For(Feature).CreateCommand("""
            INSERT INTO mes_device (id, app_id, identifier_system, identifier_value, resource, created_at)
            SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::timestamptz[])
            ON CONFLICT (id) DO NOTHING
            RETURNING id
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. distinct.Select(d => Guid.ParseExact(d.Id, "N"))] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. distinct.Select(d => d.AppId)] });
        command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. distinct.Select(d => d.IdentifierSystem)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. distinct.Select(d => d.IdentifierValue)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. distinct.Select(d => d.Resource)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter<DateTime[]> { TypedValue = [.. distinct.Select(d => d.CreatedAt.UtcDateTime)] });
        var created = new HashSet<string>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                created.Add(reader.GetGuid(0).ToString("N"));
            }
        }

        var stored = created.Count == distinct.Count ? [] : (await GetAsync([.. distinct.Select(d => d.Id).Where(id => !created.Contains(id))])).ToDictionary(d => d.Id, StringComparer.Ordinal);
        var answered = new HashSet<string>(StringComparer.Ordinal);
        return [.. devices.Select(d => created.Contains(d.Id)
            ? new DeviceRegistration(d, Created: answered.Add(d.Id))
            : new DeviceRegistration(stored[d.Id], Created: false))];
    }

    public async Task<IReadOnlyList<RegisteredDevice>> GetAsync(IReadOnlyList<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ids.Count, MaxPerCall);
        var keys = ids.Select(id => DeviceIds.TryParse(id, out var key) ? key : (Guid?)null).OfType<Guid>().Distinct().ToArray();
        if (keys.Length == 0)
        {
            return [];
        }

        await using var command = tables.For(Feature).CreateCommand("""
            SELECT id, app_id, identifier_system, identifier_value, resource::text, created_at FROM mes_device WHERE id = ANY($1)
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = keys });
        var found = new List<RegisteredDevice>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            found.Add(new RegisteredDevice(
                reader.GetGuid(0).ToString("N"), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3),
                reader.GetString(4), new DateTimeOffset(reader.GetFieldValue<DateTime>(5), TimeSpan.Zero)));
        }

        return found;
    }
}
