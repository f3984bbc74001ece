using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MonEspaceSante.Grains.Catalogue;
using MonEspaceSante.Grains.Documents;
using MonEspaceSante.Grains.Inbox;

namespace MonEspaceSante.Grains.Patients;

/// <summary>Services of the health space bricks: document contents, inbox messages, the catalogue as spaces see it (the profession matrix is bound by the host).</summary>
public static class HealthSpaceRegistration
{
    public static IServiceCollection AddMesHealthSpace(this IServiceCollection services)
    {
        services.TryAddSingleton<OwnTables>();
        services.AddSingleton<DocumentContentStore>();
        services.AddSingleton<InboxMessageStore>();
        services.AddSingleton<WithdrawnApps>();
        services.AddHostedService(sp => sp.GetRequiredService<WithdrawnApps>());
        services.AddSingleton<IAppDirectory, CatalogueAppDirectory>();
        services.AddSingleton<SpaceServices>();
        return services;
    }
}
