using Microsoft.Extensions.Options;
using OfficeEval.Api.Infrastructure;

namespace OfficeEval.Api.Features.Audit;

public static class AuditSetup
{
    /// <summary>The audit trail, its verifier, the daily retention purge, and the start-up check of the retention setting.</summary>
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddScoped<AuditTrail>();
        services.AddScoped<AuditVerifier>();
        services.AddScoped<AuditRetention>();
        services.AddHostedService<AuditRetentionService>();
        services.AddSingleton<IValidateOptions<OfficeEvalOptions>, RetentionSettingValidator>();
        services.AddOptions<OfficeEvalOptions>().ValidateOnStart();
        return services;
    }

    /// <summary>Refuses to start with a retention below the legal minimum, saying what to set.</summary>
    internal sealed class RetentionSettingValidator : IValidateOptions<OfficeEvalOptions>
    {
        /// <summary>Keeps the purge's date arithmetic in range; a century is longer than anyone needs.</summary>
        public const int MaximumDays = 36500;

        public ValidateOptionsResult Validate(string? name, OfficeEvalOptions options)
        {
            ArgumentNullException.ThrowIfNull(options);
            var days = options.AuditRetentionDays;
            return days switch
            {
                < AuditRetention.MinimumDays => ValidateOptionsResult.Fail(
                    $"{OfficeEvalOptions.Section}:{nameof(OfficeEvalOptions.AuditRetentionDays)} is {days}, but audit entries must be kept at least " +
                    $"{AuditRetention.MinimumDays} days (等保2.0 requires six months of audit records). Set it to {AuditRetention.MinimumDays} or more."),
                > MaximumDays => ValidateOptionsResult.Fail(
                    $"{OfficeEvalOptions.Section}:{nameof(OfficeEvalOptions.AuditRetentionDays)} is {days}; the most is {MaximumDays} days."),
                _ => ValidateOptionsResult.Success,
            };
        }
    }
}
