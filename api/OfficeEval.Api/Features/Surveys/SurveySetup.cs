using Microsoft.Extensions.Options;

namespace OfficeEval.Api.Features.Surveys;

public static class SurveySetup
{
    /// <summary>The questionnaire feature's rate limits, configured by <c>OfficeEval:Surveys</c> (checked at start-up).</summary>
    public static IServiceCollection AddSurveys(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SurveyOptions>().Bind(configuration.GetSection(SurveyOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SurveyOptions>, SurveyOptionsValidator>();
        services.AddSingleton<SurveyRateLimits>();
        return services;
    }

    /// <summary>The office's questionnaire endpoints and the anonymous public API.</summary>
    public static IEndpointRouteBuilder MapSurveyEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapSurveys();
        endpoints.MapSurveyLinks();
        endpoints.MapSurveyResults();
        endpoints.MapSurveyWorkbooks();
        endpoints.MapPublicSurveys();
        return endpoints;
    }

    /// <summary>Refuses to start with a limit or window under 1, saying which.</summary>
    internal sealed class SurveyOptionsValidator : IValidateOptions<SurveyOptions>
    {
        public ValidateOptionsResult Validate(string? name, SurveyOptions options)
        {
            ArgumentNullException.ThrowIfNull(options);
            var problems = options.Problems().ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
