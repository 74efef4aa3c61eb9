using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OfficeEval.Api.Data;
using OfficeEval.Api.Features.Campaigns;
using OfficeEval.Api.Features.Frameworks;
using OfficeEval.Api.Features.Identity;
using OfficeEval.Core.Frameworks;
using OfficeEval.Core.Scoring;

namespace OfficeEval.Api.Features.Demo;

/// <summary>
/// Seeds a demo into an empty database: the built-in framework, a campaign, six units of every kind, one user per
/// role. Initial passwords are printed once, when the users are created, and are never stored in clear.
/// </summary>
public sealed class DemoSeeder(AppDbContext db, UserManager<AppUser> users, RoleManager<AppRole> roles, TimeProvider clock)
{
    public sealed record Credential(string Role, string Email, string Password);

    public static readonly IReadOnlyList<(string Code, string Name, UnitKind Kind, string Category)> DemoUnits =
    [
        ("DW-ZZB", "市委组织部", UnitKind.Party, "非经济"),
        ("ZF-FGW", "市发展和改革委员会", UnitKind.Government, "经济"),
        ("ZF-JYJ", "市教育局", UnitKind.Government, "非经济"),
        ("QT-GQT", "共青团市委", UnitKind.MassOrganisation, "非经济"),
        ("SY-ZXZX", "市政务服务中心", UnitKind.PublicInstitution, "非经济"),
        ("XZ-CGJD", "城关街道", UnitKind.Township, "经济"),
    ];

    private static readonly QualitativeScaleRule Achievement = new([new("达成", 1m), new("部分达成", 0.6m), new("未达成", 0m)]);

    /// <summary>Individual indicators of the demo's 市发展和改革委员会, 5 points as the built-in 个性指标 dimension.</summary>
    public static List<IndicatorNode> DemoIndividualIndicators =>
    [
        new("6.1", "重大项目审批提速", 3m, [], Achievement)
        {
            EvaluationPoints = ["重大项目审批平均用时较上年压减 20% 以上"],
            ScoringStandard = "达成得满分，部分达成得60%，未达成不得分。",
            EvidenceChecklist = ["审批用时统计表"],
        },
        new("6.2", "价格监测预警", 2m, [], new DeductionRule(0.5m))
        {
            EvaluationPoints = ["重要民生商品价格监测按时上报"],
            ScoringStandard = "每迟报、漏报1次扣0.5分，扣完为止。",
            EvidenceChecklist = ["价格监测报表"],
        },
    ];

    /// <summary>
    /// Seeds when the database holds no campaign; returns the credentials created, or none. With
    /// <paramref name="mustChangePassword"/> the demo users must replace their initial password before anything else.
    /// </summary>
    public async Task<IReadOnlyList<Credential>> SeedAsync(string? password, bool mustChangePassword, CancellationToken cancellationToken)
    {
        if (await db.Campaigns.AnyAsync(cancellationToken))
        {
            return [];
        }

        // All or nothing: a start killed half-way must not leave the campaign without its users, as the next start,
        // finding a campaign, would seed nothing. The user and role managers save through this same context.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new AppRole(role)));
            }
        }

        // Published at start-up with the other built-in frameworks; added here only when that seed has not run.
        var common = BuiltInFrameworks.Common2026;
        var framework = await db.Frameworks.FirstOrDefaultAsync(f => f.Code == common.Code && f.Version == common.Version, cancellationToken);
        if (framework is null)
        {
            framework = FrameworkRecord.From(common);
            framework.PublishedAt = clock.GetUtcNow();
            db.Frameworks.Add(framework);
        }

        var units = DemoUnits.Select(u => new Unit
        {
            Id = Guid.CreateVersion7(),
            Code = u.Code,
            Name = u.Name,
            Kind = u.Kind,
            Category = u.Category,
            Level = u.Kind == UnitKind.Township ? "乡" : "市",
        }).ToList();
        db.Units.AddRange(units);

        var campaign = new Campaign
        {
            Id = Guid.CreateVersion7(),
            Year = 2026,
            Name = "2026年度机构编制执行情况和使用效益评估",
            FrameworkId = framework.Id,
            CreatedAt = clock.GetUtcNow(),
            Deadlines =
            [
                new("单位自评", new DateOnly(2026, 12, 15)) { Code = CampaignStages.SelfAssessment },
                new("初审", new DateOnly(2026, 12, 25)) { Code = CampaignStages.InitialReview },
                new("实地评估", new DateOnly(2027, 1, 15)) { Code = CampaignStages.FieldReview },
                new("结果反馈", new DateOnly(2027, 2, 28)) { Code = CampaignStages.Results },
            ],
            Contacts = [new("李红", "评估业务咨询", "0000-12345678", "pinggu@demo.local"), new("赵强", "系统技术支持", "0000-12345679")],
            Units = [.. units.Select((u, i) => new CampaignUnit
            {
                UnitId = u.Id,
                ApprovedEstablishment = 30 + (i * 8),
                ApprovedLeadershipPosts = 4 + (i % 3),
                // The development and reform commission has its own individual indicators (一部门一指标).
                IndividualIndicators = u.Code == "ZF-FGW" ? DemoIndividualIndicators : [],
            })],
        };
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(cancellationToken);

        var credentials = new List<Credential>();
        async Task<AppUser> CreateUser(string role, string email, string name, Guid? unitId)
        {
            var user = new AppUser { Id = Guid.CreateVersion7(), UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, UnitId = unitId, MustChangePassword = mustChangePassword };
            var initial = string.IsNullOrEmpty(password) ? NewPassword() : password;
            Check(await users.CreateAsync(user, initial));
            Check(await users.AddToRoleAsync(user, role));
            credentials.Add(new Credential(role, email, initial));
            return user;
        }

        await CreateUser(Roles.Admin, "admin@demo.local", "编办管理员", null);
        var reviewer = await CreateUser(Roles.Reviewer, "reviewer@demo.local", "评估专员", null);
        await CreateUser(Roles.UnitStaff, "staff@demo.local", $"{units[1].Name}填报人", units[1].Id);
        await CreateUser(Roles.Viewer, "viewer@demo.local", "查询用户", null);

        db.ReviewerGroups.Add(new ReviewerGroup
        {
            Id = Guid.CreateVersion7(),
            CampaignId = campaign.Id,
            Name = "第一评估组",
            Members = [new ReviewerGroupMember { UserId = reviewer.Id }],
            Units = [.. units.Take(3).Select(u => new ReviewerGroupUnit { CampaignId = campaign.Id, UnitId = u.Id })],
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return credentials;
    }

    /// <summary>16 characters from all four classes, from a cryptographic source.</summary>
    public static string NewPassword()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", lower = "abcdefghijkmnpqrstuvwxyz", digits = "23456789", symbols = "!@#$%*-_+=?";
        const string all = upper + lower + digits + symbols;
        var chars = new List<char>
        {
            upper[RandomNumberGenerator.GetInt32(upper.Length)],
            lower[RandomNumberGenerator.GetInt32(lower.Length)],
            digits[RandomNumberGenerator.GetInt32(digits.Length)],
            symbols[RandomNumberGenerator.GetInt32(symbols.Length)],
        };
        while (chars.Count < 16)
        {
            chars.Add(all[RandomNumberGenerator.GetInt32(all.Length)]);
        }

        return new string([.. chars.OrderBy(_ => RandomNumberGenerator.GetInt32(int.MaxValue))]);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Demo seeding failed: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
