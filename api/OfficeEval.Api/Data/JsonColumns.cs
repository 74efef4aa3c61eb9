using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OfficeEval.Api.Features.Frameworks;

namespace OfficeEval.Api.Data;

/// <summary>Stores a value as a jsonb document, serialized the way frameworks are (web defaults, enums as strings).</summary>
internal static class JsonColumns
{
    public static PropertyBuilder<T> HasJsonConversion<T>(this PropertyBuilder<T> property)
    {
        property.HasConversion(
            value => JsonSerializer.Serialize(value, FrameworkRecord.Json),
            json => JsonSerializer.Deserialize<T>(json, FrameworkRecord.Json)!,
            new ValueComparer<T>(
                (a, b) => JsonSerializer.Serialize(a, FrameworkRecord.Json) == JsonSerializer.Serialize(b, FrameworkRecord.Json),
                value => JsonSerializer.Serialize(value, FrameworkRecord.Json).GetHashCode(StringComparison.Ordinal),
                value => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value, FrameworkRecord.Json), FrameworkRecord.Json)!));
        property.HasColumnType("jsonb");
        return property;
    }
}
