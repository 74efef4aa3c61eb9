using System.Text.Json;
using System.Text.Json.Serialization;
using OfficeEval.Core.Frameworks;

namespace OfficeEval.Api.Features.Frameworks;

/// <summary>A stored framework version; the tree is kept whole as JSON, the way the engine reads it.</summary>
public sealed class FrameworkRecord
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        // jsonb stores object keys in its own order, so the rule's "kind" discriminator may not come first.
        AllowOutOfOrderMetadataProperties = true,
    };

    public Guid Id { get; set; }

    public string Code { get; set; } = "";

    public string Version { get; set; } = "";

    public string Name { get; set; } = "";

    public decimal TotalPoints { get; set; }

    /// <summary>The <see cref="FrameworkDefinition"/> as JSON.</summary>
    public string Definition { get; set; } = "";

    /// <summary>Set when published; a published version is never changed.</summary>
    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>
    /// True once published: immutable from then on, and only then usable by a campaign (see <see cref="PublishedFrameworks"/>).
    /// Not mapped; in queries use <c>PublishedAt != null</c>.
    /// </summary>
    public bool IsPublished => PublishedAt is not null;

    public FrameworkDefinition ToDefinition() =>
        JsonSerializer.Deserialize<FrameworkDefinition>(Definition, Json)
        ?? throw new InvalidOperationException($"Framework {Code} {Version} has an empty definition.");

    public static FrameworkRecord From(FrameworkDefinition definition) => new()
    {
        Id = Guid.CreateVersion7(),
        Code = definition.Code,
        Version = definition.Version,
        Name = definition.Name,
        TotalPoints = definition.TotalPoints,
        Definition = JsonSerializer.Serialize(definition, Json),
    };
}
