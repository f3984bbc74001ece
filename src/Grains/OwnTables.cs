using Microsoft.Extensions.DependencyInjection;
using MonEspaceSante.Interfaces.Errors;
using Npgsql;

namespace MonEspaceSante.Grains;

/// <summary>
/// The PostgreSQL pool of our own tables, when this silo has them (PostgreSQL mode, or the embedded
/// default with PostgreSQL binaries). Without them, features that need the tables answer 503.
/// </summary>
public sealed class OwnTables(IServiceProvider services)
{
    private readonly Lazy<NpgsqlDataSource?> dataSource = new(() => services.GetService<NpgsqlDataSource>());

    public NpgsqlDataSource For(string feature) => dataSource.Value ?? throw new FeatureUnavailableException(
        $"{feature} need PostgreSQL: start with ConnectionStrings__Postgres, or install the PostgreSQL binaries for the embedded default.");
}
