using OfficeEval.Api.Tests.Support;

namespace OfficeEval.Api.Tests.Features.Identity.Entra;

public sealed class EntraStartupTests
{
    [Fact]
    public async Task Enabled_WithoutClientIdOrTenants_RefusesToStartSayingWhatToSet()
    {
        var api = new HalfConfiguredApi();
        await api.InitializeAsync();
        try
        {
            var error = Assert.ThrowsAny<Exception>(api.CreateClient);

            var messages = string.Join(" | ", Chain(error).Select(e => e.Message));
            Assert.Contains("OfficeEval:Entra:ClientId is required when OfficeEval:Entra:Enabled is true", messages, StringComparison.Ordinal);
            Assert.Contains("OfficeEval:Entra:AllowedTenants is required", messages, StringComparison.Ordinal);
        }
        finally
        {
            await ((IAsyncLifetime)api).DisposeAsync();
        }
    }

    private static IEnumerable<Exception> Chain(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }

    private sealed class HalfConfiguredApi : ApiFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["OfficeEval:Entra:Enabled"] = "true" };
    }
}
