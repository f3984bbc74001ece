using Microsoft.Extensions.DependencyInjection.Extensions;
using MonEspaceSante.Grains;
using MonEspaceSante.Grains.Catalogue;
using MonEspaceSante.Grains.Enrollment;
using MonEspaceSante.Grains.Jobs;
using MonEspaceSante.Grains.Measurements;
using MonEspaceSante.Grains.Notices;
using MonEspaceSante.Grains.Patients;
using MonEspaceSante.Grains.Patients.Access;
using MonEspaceSante.Grains.Streaming;
using MonEspaceSante.Postgres.GrainStorage;
using MonEspaceSante.Postgres.Schema;
using MonEspaceSante.Silo.Database;
using Npgsql;
using System.Text.Json.Serialization;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace MonEspaceSante.Silo.Cluster;

/// <summary>
/// What a silo needs besides its endpoints: grain storage and reminders, either in memory
/// (the embedded default) or on PostgreSQL. The application and the test clusters share it, so
/// tests run the production configuration.
/// </summary>
public static class SiloComposition
{
    private static readonly string[] GrainStores = [StorageNames.Patients, StorageNames.Platform, StorageNames.PubSub];

    /// <summary>Storage and reminders; <paramref name="postgres"/> null means in memory.</summary>
    public static ISiloBuilder AddMesPersistence(this ISiloBuilder silo, PostgresDataSources? postgres, PostgresSettings? settings = null, WavesSettings? waves = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddDomainClock();
        silo.Services.AddMesEnrollment(waves);
        silo.Services.AddMesMeasurements();
        silo.Services.AddMesHealthSpace();
        silo.Services.AddMesNoticeDelivery();
        silo.Services.AddMesDailyJobs();
        silo.Services.AddOptions<ProfessionMatrixOptions>().BindConfiguration(ProfessionMatrixOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        silo.Services.AddOptions<CatalogueSeedOptions>().BindConfiguration(CatalogueSeedOptions.Section);
        if (waves is not null && waves.WatchdogPeriod < TimeSpan.FromMinutes(1))
        {
            // Each wave's one reminder may tick faster than Orleans' default minimum (rehearsals, tests).
            silo.Services.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = waves.WatchdogPeriod);
        }
        silo.Services.AddSingleton<SiloReadiness>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<SiloReadiness>());

        if (postgres is null)
        {
            foreach (var store in GrainStores)
            {
                silo.AddMemoryGrainStorage(store);
            }

            silo.UseInMemoryReminderService();
            return silo;
        }

        silo.Services.TryAddSingleton(postgres);
        silo.AddMesTables(postgres.Data, settings?.ApplyMigrations ?? true);

        // System.Text.Json, not the default Newtonsoft format with assembly-qualified type names.
        silo.UseSystemTextJsonGrainStorageSerializer();
        silo.Services.Configure<SystemTextJsonGrainStorageSerializerOptions>(
            o => o.JsonSerializerOptions.Converters.Add(new JsonStringEnumConverter()));

        // Orleans' own stream pub-sub state (PubSubRendezvousGrain) does not round-trip through
        // System.Text.Json: that store keeps the Orleans binary format (version-tolerant by [Id]).
        silo.Services.AddKeyedSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>(StorageNames.PubSub);
        // Patient facets: our batched storage (a wave writes millions of them); the rest: Orleans' ADO.NET provider.
        silo.AddMesPostgresGrainStorage(StorageNames.Patients);
        foreach (var store in GrainStores.Where(s => s != StorageNames.Patients))
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
        return silo;
    }

    /// <summary>
    /// The stream provider chosen by <paramref name="settings"/>: PostgreSQL by default when
    /// <paramref name="postgres"/> is given, memory otherwise.
    /// </summary>
    public static ISiloBuilder AddMesStreams(this ISiloBuilder silo, StreamsSettings settings, PostgresDataSources? postgres)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return silo.AddMesStreams(ResolveBackend(settings, postgres), settings.Postgres);
    }

    /// <summary>The backend that <paramref name="settings"/> asks for, refusing PostgreSQL streams without PostgreSQL.</summary>
    public static StreamsBackend ResolveBackend(StreamsSettings settings, PostgresDataSources? postgres)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var backend = settings.Provider ?? (postgres is null ? StreamsBackend.Memory : StreamsBackend.Postgres);
        if (backend == StreamsBackend.Postgres && postgres is null)
        {
            throw new Microsoft.Extensions.Options.OptionsValidationException(StreamsSettings.Section, typeof(StreamsSettings),
                ["Streams:Provider is Postgres but ConnectionStrings:Postgres is not set."]);
        }

        return backend;
    }

    /// <summary>
    /// Where our own tables live (outbox, waves, stream queues, time series...): the PostgreSQL pool
    /// every store resolves as <see cref="NpgsqlDataSource"/>, brought up to date at silo start.
    /// </summary>
    public static ISiloBuilder AddMesTables(this ISiloBuilder silo, NpgsqlDataSource tables, bool applyMigrations = true)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.TryAddSingleton(tables);
        return silo.AddMesPostgresSchema(applyMigrations);
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

    /// <summary>Failure detection as <paramref name="settings"/> says (a killed silo declared dead within 10 s by default).</summary>
    public static ISiloBuilder ConfigureMesMembership(this ISiloBuilder silo, ClusterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(settings);
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            // A killed silo refuses the probe's connection at once, so it is voted dead well within the timeout; the
            // timeout itself grows with each probe missed (Orleans' MaxProbeTimeout, four times it), so that a silo
            // that is only busy (a long GC, a saturated thread pool) is not voted dead.
            o.ProbeTimeout = settings.ProbeTimeout;
            o.NumMissedProbesLimit = settings.MissedProbesLimit;
            o.NumVotesForDeathDeclaration = settings.VotesForDeathDeclaration;
            o.TableRefreshTimeout = settings.TableRefreshTimeout;
            o.IAmAliveTablePublishTimeout = settings.IAmAlivePublishTimeout;
            o.DeathVoteExpirationTimeout = settings.DeathVoteExpiration;
        });
        return silo;
    }

    /// <summary>The API tier's side: how long one call may wait, how soon a dead gateway leaves its list.</summary>
    public static IClientBuilder ConfigureMesClientTimings(this IClientBuilder client, ClusterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(settings);
        client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = settings.ClientResponseTimeout);
        client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = settings.GatewayListRefreshPeriod);
        return client;
    }

    internal static void ConfigureClusterIdentity(ClusterOptions options, ClusterSettings settings)
    {
        options.ClusterId = settings.ClusterId;
        options.ServiceId = settings.ServiceId;
    }
}
