using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MonEspaceSante.Interfaces.Patients;

namespace MonEspaceSante.Grains.Notices;

/// <summary>The outbox's dispatcher and its senders, from <c>Notices:Delivery</c>.</summary>
public static class NoticeDeliveryRegistration
{
    public static IServiceCollection AddMesNoticeDelivery(this IServiceCollection services)
    {
        services.AddOptions<DeliverySettings>().BindConfiguration(DeliverySettings.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DeliverySettings>, DeliveryValidation>();
        services.AddSingleton(sp => Senders(sp.GetRequiredService<IOptions<DeliverySettings>>().Value));
        services.AddSingleton(sp => new NoticeDispatcher(
            sp.GetRequiredService<OwnTables>(), sp.GetRequiredService<IOptions<DeliverySettings>>().Value,
            sp.GetRequiredService<IReadOnlyList<INoticeSender>>(), sp.GetRequiredService<ILogger<NoticeDispatcher>>()));
        services.AddHostedService(sp => sp.GetRequiredService<NoticeDispatcher>());
        return services;
    }

    /// <summary>One sender per channel the settings deliver.</summary>
    public static IReadOnlyList<INoticeSender> Senders(DeliverySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var senders = new List<INoticeSender>
        {
            settings.Email.Mode == EmailMode.Smtp ? new SmtpEmailSender(settings.Email) : new FolderEmailSender(settings.Email),
        };
        if (settings.Push.Mode == SinkMode.Folder)
        {
            senders.Add(new FolderSinkSender(NoticeChannel.Push, settings.Push));
        }

        if (settings.Sms.Mode == SinkMode.Folder)
        {
            senders.Add(new FolderSinkSender(NoticeChannel.Sms, settings.Sms));
        }

        return senders;
    }

    /// <summary>The settings' own rules, and Production refusing the development folders: an e-mail written to a folder reaches nobody.</summary>
    private sealed class DeliveryValidation(IHostEnvironment environment) : IValidateOptions<DeliverySettings>
    {
        public ValidateOptionsResult Validate(string? name, DeliverySettings options)
        {
            var failures = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).Select(r => r.ErrorMessage ?? "Notices:Delivery is invalid.").ToList();
            if (!environment.IsProduction() || !options.Enabled)
            {
                return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
            }

            if (options.Email.Mode == EmailMode.Folder)
            {
                failures.Add("Production needs Notices:Delivery:Email:Mode=Smtp with its Host and From: e-mails written to a folder reach nobody.");
            }

            if (options.Push.Mode == SinkMode.Folder || options.Sms.Mode == SinkMode.Folder)
            {
                failures.Add("Production refuses Notices:Delivery:Push:Mode=Folder and Sms:Mode=Folder (development sinks): set None until a provider is configured.");
            }

            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
