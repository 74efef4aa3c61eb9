using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Audit;
using OfficeEval.Api.Features.Identity;
using OfficeEval.Api.Infrastructure;
using OfficeEval.Core.Frameworks;

namespace OfficeEval.Api.Features.Campaigns;

/// <summary>The register of evaluated units (被评估单位): kind, category, level and parent organisation.</summary>
public static class UnitEndpoints
{
    public static readonly IReadOnlyList<string> Categories = ["经济", "非经济"];
    public static readonly IReadOnlyList<string> Levels = ["省", "市", "县", "乡"];

    public sealed record UnitRequest(string? Code, string? Name, string? Kind, string? Category, string? Level, Guid? ParentId);

    public sealed record UnitResponse(Guid Id, string Code, string Name, string Kind, string KindZh, string? Category, string? Level, Guid? ParentId)
    {
        public static UnitResponse From(Unit u) => new(u.Id, u.Code, u.Name, u.Kind.ToString(), UnitKinds.NameZh(u.Kind), u.Category, u.Level, u.ParentId);
    }

    public static IEndpointRouteBuilder MapUnits(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/units").WithTags("Units");
        group.MapGet("/", List).WithName("ListUnits").WithSummary("Every registered unit, by code.").RequireAccess(Access.Office);
        group.MapPost("/", Create).WithName("CreateUnit").WithSummary("Registers a unit: code, name, kind, category (经济/非经济), level (省/市/县/乡), parent.").RequireAccess(Access.Admin);
        group.MapPut("/{unitId:guid}", Update).WithName("UpdateUnit").WithSummary("Changes a registered unit.").RequireAccess(Access.Admin);
        return endpoints;
    }

    internal static async Task<Ok<List<UnitResponse>>> List(AppDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok((await db.Units.AsNoTracking().OrderBy(u => u.Code).ToListAsync(cancellationToken)).Select(UnitResponse.From).ToList());

    internal static async Task<Results<Created<UnitResponse>, ProblemHttpResult>> Create(UnitRequest? request, AppDbContext db, AuditTrail audit, CancellationToken cancellationToken)
    {
        var unit = new Unit { Id = Guid.CreateVersion7() };
        if (await ApplyAsync(unit, request, db, cancellationToken) is { } problem)
        {
            return problem;
        }

        db.Units.Add(unit);
        audit.Add(new AuditEvent(AuditActions.UnitChanged, $"unit/{unit.Id}") { UnitId = unit.Id, After = UnitResponse.From(unit) });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/units/{unit.Id}", UnitResponse.From(unit));
    }

    internal static async Task<Results<Ok<UnitResponse>, ProblemHttpResult>> Update(Guid unitId, UnitRequest? request, AppDbContext db, AuditTrail audit, CancellationToken cancellationToken)
    {
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == unitId, cancellationToken);
        if (unit is null)
        {
            return ApiProblem.NotFound("单位", "unit");
        }

        var before = UnitResponse.From(unit);
        if (await ApplyAsync(unit, request, db, cancellationToken) is { } problem)
        {
            return problem;
        }

        audit.Add(new AuditEvent(AuditActions.UnitChanged, $"unit/{unit.Id}") { UnitId = unit.Id, Before = before, After = UnitResponse.From(unit) });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(UnitResponse.From(unit));
    }

    private static async Task<ProblemHttpResult?> ApplyAsync(Unit unit, UnitRequest? request, AppDbContext db, CancellationToken cancellationToken)
    {
        var errors = new List<ProblemItem>();
        var code = request?.Code?.Trim() ?? "";
        var name = request?.Name?.Trim() ?? "";
        if (code.Length is 0 or > 50)
        {
            errors.Add(Field("code", "单位编码不能为空，且不超过 50 个字符。", "The unit code must be 1 to 50 characters."));
        }

        if (name.Length is 0 or > 200)
        {
            errors.Add(Field("name", "单位名称不能为空，且不超过 200 个字符。", "The unit name must be 1 to 200 characters."));
        }

        var kind = ParseKind(request?.Kind);
        if (kind is null)
        {
            errors.Add(Field("kind", "单位类型应为：党委部门、政府部门、群团机关、事业单位、乡镇（街道）。",
                "The kind must be one of Party, Government, MassOrganisation, PublicInstitution, Township (or their Chinese names)."));
        }

        if (request?.Category is { } category && !Categories.Contains(category))
        {
            errors.Add(Field("category", "单位类别应为“经济”或“非经济”。", "The category must be 经济 or 非经济."));
        }

        if (request?.Level is { } level && !Levels.Contains(level))
        {
            errors.Add(Field("level", "机构级别应为：省、市、县、乡。", "The level must be one of 省, 市, 县, 乡."));
        }

        if (request?.ParentId is { } parent && (parent == unit.Id || !await db.Units.AnyAsync(u => u.Id == parent, cancellationToken)))
        {
            errors.Add(Field("parentId", "上级单位不存在（或为本单位）。", "The parent unit does not exist (or is the unit itself)."));
        }

        if (errors.Count > 0)
        {
            return ApiProblem.Create(422, "unit.invalid", "单位信息有误，请按提示修改。", "The unit is not valid; correct it as shown.", errors);
        }

        if (await db.Units.AnyAsync(u => u.Code == code && u.Id != unit.Id, cancellationToken))
        {
            return ApiProblem.Create(409, "unit.code_taken", $"单位编码“{code}”已被使用。", $"The unit code \"{code}\" is already used.",
                [Field("code", $"单位编码“{code}”已被使用。", $"The unit code \"{code}\" is already used.")]);
        }

        unit.Code = code;
        unit.Name = name;
        unit.Kind = kind!.Value;
        unit.Category = request!.Category;
        unit.Level = request.Level;
        unit.ParentId = request.ParentId;
        return null;
    }

    /// <summary>A unit kind by its enum name or its Chinese name.</summary>
    public static UnitKind? ParseKind(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        value = value.Trim();
        foreach (var kind in Enum.GetValues<UnitKind>())
        {
            if (string.Equals(kind.ToString(), value, StringComparison.OrdinalIgnoreCase) || UnitKinds.NameZh(kind) == value)
            {
                return kind;
            }
        }

        return null;
    }

    internal static ProblemItem Field(string field, string zh, string en) => new("field.invalid", zh, en) { Field = field };
}
