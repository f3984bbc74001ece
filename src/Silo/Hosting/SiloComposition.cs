using Microsoft.Extensions.DependencyInjection.Extensions;
using MonEspaceSante.Grains;
using MonEspaceSante.Grains.Storage;
using MonEspaceSante.Interfaces.Streams;
using Npgsql;
using System.Text.Json.Serialization;
using Orleans.Configuration;
using Orleans.Serialization;

namespace MonEspaceSante.Silo.Hosting;

/// <summary>
/// What a silo needs besides its endpoints: grain storage, reminders and streams, either in memory
/// (the embedded default) or on PostgreSQL. The application and the test clusters share it, so
/// tests run the production configuration.
/// </summary>
public static class SiloComposition
{
    private static readonly string[] GrainStores = [StorageNames.Patients, StorageNames.Platform, StorageNames.PubSub];

    /// <summary>Storage, reminders and streams; <paramref name="postgres"/> null means in memory.</summary>
    public static ISiloBuilder AddMesPersistence(this ISiloBuilder silo, PostgresDataSources? postgres, PostgresSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddDomainClock();
        silo.Services.AddSingleton<SiloReadiness>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<SiloReadiness>());

        if (postgres is null)
        {
            foreach (var store in GrainStores)
            {
                silo.AddMemoryGrainStorage(store);
            }

            silo.UseInMemoryReminderService();
            silo.AddMemoryStreams(StreamNames.Provider);
            return silo;
        }

        silo.Services.TryAddSingleton(postgres);
        silo.Services.TryAddSingleton<NpgsqlDataSource>(postgres.Data);
        silo.Services.AddSingleton<PostgresMigrator>();
        if (settings?.ApplyMigrations ?? true)
        {
            silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SchemaMigrationParticipant>();
        }

        // System.Text.Json, not the default Newtonsoft format with assembly-qualified type names.
        silo.UseSystemTextJsonGrainStorageSerializer();
        silo.Services.Configure<SystemTextJsonGrainStorageSerializerOptions>(
            o => o.JsonSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        foreach (var store in GrainStores)
        {
            silo.AddAdoNetGrainStorage(store, options =>
            {
                options.Invariant = AdoNet.Invariant;
                options.DataSource = postgres.Orleans;
            });
        }

        silo.UseAdoNetReminderService(options =>
        {
            options.Invariant = AdoNet.Invariant;
            options.DataSource = postgres.Orleans;
        });
        silo.AddMemoryStreams(StreamNames.Provider);
        return silo;
    }

    /// <summary>Membership in PostgreSQL.</summary>
    public static ISiloBuilder UseMesPostgresClustering(this ISiloBuilder silo, PostgresDataSources postgres)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(postgres);
        return silo.UseAdoNetClustering(options =>
        {
            options.Invariant = AdoNet.Invariant;
            options.DataSource = postgres.Orleans;
        });
    }

    /// <summary>The ADO.NET provider name of Npgsql.</summary>
    public static class AdoNet
    {
        public const string Invariant = "Npgsql";
    }

    internal static void ConfigureClusterIdentity(ClusterOptions options, ClusterSettings settings)
    {
        options.ClusterId = settings.ClusterId;
        options.ServiceId = settings.ServiceId;
    }
}
