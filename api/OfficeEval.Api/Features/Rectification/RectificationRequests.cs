using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using OfficeEval.Api.Infrastructure;

namespace OfficeEval.Api.Features.Rectification;

/// <summary>
/// An item's fields as sent to create it (description, requirement, deadline and category required) or to change it
/// (only what is sent changes; an empty <see cref="IndicatorCode"/> or <see cref="ResponsiblePerson"/> clears it).
/// Enumerations and the date are text, so a wrong value is answered naming its field rather than as unreadable JSON.
/// </summary>
public sealed record ItemRequest(string? IndicatorCode, string? Category, string? Description, string? Requirement, string? Deadline, string? ResponsiblePerson);

/// <summary>A transition's note: required to close, return and reopen; optional to start.</summary>
public sealed record NoteRequest(string? Note);

/// <summary>A submission without files, as JSON; with files it is a multipart form with the same field.</summary>
public sealed record SubmitRequest(string? Description);

/// <summary>The fields of an item once checked and cleaned.</summary>
public sealed record ItemFields(string? IndicatorCode, ProblemCategory Category, string Description, string Requirement, DateOnly Deadline, string? ResponsiblePerson);

public static class RectificationRequests
{
    public const int MaxText = 2000;
    public const int MaxResponsiblePerson = 100;
    public const int MaxNote = 2000;

    private static readonly DateOnly EarliestDeadline = new(2000, 1, 1);
    private static readonly DateOnly LatestDeadline = new(2099, 12, 31);

    /// <summary>
    /// Checks <paramref name="request"/> against <paramref name="current"/> (null when creating: then every required
    /// field must be given) and the unit's indicators; returns the resulting fields, or the problems by field.
    /// </summary>
    public static (ItemFields? Fields, List<ProblemItem> Problems) Check(ItemRequest? request, ItemFields? current, IReadOnlyDictionary<string, string> indicators)
    {
        var problems = new List<ProblemItem>();
        request ??= new ItemRequest(null, null, null, null, null, null);

        var description = Text(request.Description, current?.Description, "description", "问题描述", "The description", MaxText, problems);
        var requirement = Text(request.Requirement, current?.Requirement, "requirement", "整改要求", "The requirement", MaxText, problems);

        ProblemCategory? category = current?.Category;
        if (request.Category is not null || current is null)
        {
            category = RectificationWorkflow.ParseCategory(request.Category);
            if (category is null)
            {
                problems.Add(Error("rectification.category_invalid", "category",
                    string.IsNullOrWhiteSpace(request.Category)
                        ? "请选择问题类别：职责履行、机构设置、编制使用、管理规范或其他。"
                        : $"问题类别“{request.Category}”无效，应为职责履行、机构设置、编制使用、管理规范或其他。",
                    "The category must be DutyPerformance, Structure, Staffing, Management or Other (or its Chinese name)."));
            }
        }

        DateOnly? deadline = current?.Deadline;
        if (request.Deadline is not null || current is null)
        {
            deadline = Deadline(request.Deadline, problems);
        }

        var responsible = current?.ResponsiblePerson;
        if (request.ResponsiblePerson is not null)
        {
            responsible = Clean(request.ResponsiblePerson);
            if (responsible.Length > MaxResponsiblePerson)
            {
                problems.Add(Error("rectification.responsible_person_too_long", "responsiblePerson",
                    $"责任人不能超过 {MaxResponsiblePerson} 字。", $"The responsible person is longer than {MaxResponsiblePerson} characters."));
            }

            responsible = responsible.Length == 0 ? null : responsible;
        }

        var indicator = current?.IndicatorCode;
        if (request.IndicatorCode is not null)
        {
            indicator = request.IndicatorCode.Trim();
            if (indicator.Length == 0)
            {
                indicator = null;
            }
            else if (!indicators.ContainsKey(indicator))
            {
                problems.Add(Error("rectification.indicator_unknown", "indicatorCode", $"指标编码“{indicator}”不在该单位的指标体系中。",
                    $"Indicator \"{indicator}\" is not in the unit's framework.") with { IndicatorCode = indicator });
            }
        }

        return problems.Count > 0 || description is null || requirement is null || category is null || deadline is null
            ? (null, problems)
            : (new ItemFields(indicator, category.Value, description, requirement, deadline.Value, responsible), problems);
    }

    /// <summary>A deadline sent as <c>yyyy-MM-dd</c>; null with a problem on field <c>deadline</c> when missing or invalid.</summary>
    public static DateOnly? Deadline(string? text, List<ProblemItem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (string.IsNullOrWhiteSpace(text))
        {
            problems.Add(Error("rectification.deadline_missing", "deadline", "请填写整改时限（日期，如 2027-03-31）。", "Give the deadline (a date, e.g. 2027-03-31)."));
            return null;
        }

        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            problems.Add(Error("rectification.deadline_invalid", "deadline", $"整改时限“{text}”不是有效日期，格式应为 2027-03-31。",
                $"The deadline \"{text}\" is not a date like 2027-03-31."));
            return null;
        }

        if (day < EarliestDeadline || day > LatestDeadline)
        {
            problems.Add(Error("rectification.deadline_out_of_range", "deadline", "整改时限应在 2000-01-01 至 2099-12-31 之间。", "The deadline must be between 2000-01-01 and 2099-12-31."));
            return null;
        }

        return day;
    }

    /// <summary>A transition's note, cleaned; a problem when it is required and missing, or too long.</summary>
    public static (string? Note, ProblemItem? Problem) Note(string? text, bool required, string field = "note")
    {
        var note = Clean(text);
        if (note.Length == 0)
        {
            return (null, required
                ? Error("rectification.note_missing", field, field == "note" ? "请填写意见（销号、退回和重新打开都须说明理由）。" : "请填写整改情况说明。",
                    field == "note" ? "Give a note: closing, returning and reopening must say why." : "Describe what was done (description).")
                : null);
        }

        return note.Length > MaxNote
            ? (null, Error("rectification.note_too_long", field, $"内容不能超过 {MaxNote} 字。", $"The text is longer than {MaxNote} characters."))
            : (note, null);
    }

    /// <summary>422 <c>rectification.invalid</c> listing every problem.</summary>
    public static ProblemHttpResult Invalid(IReadOnlyList<ProblemItem> problems) =>
        ApiProblem.Create(StatusCodes.Status422UnprocessableEntity, "rectification.invalid", "整改事项有误，请按所列问题修改，未保存任何内容。",
            "The request has problems; correct each one listed. Nothing was saved.", problems);

    public static ProblemItem Error(string code, string field, string zh, string en) => new(code, zh, en) { Field = field };

    /// <summary>Trimmed, without control characters other than line breaks and tabs (PostgreSQL refuses NUL).</summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var clean = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsControl(c) || c is '\n' or '\r' or '\t')
            {
                clean.Append(c);
            }
        }

        return clean.ToString().Trim();
    }

    private static string? Text(string? sent, string? current, string field, string nameZh, string nameEn, int max, List<ProblemItem> problems)
    {
        if (sent is null && current is not null)
        {
            return current;
        }

        var text = Clean(sent);
        if (text.Length == 0)
        {
            problems.Add(Error($"rectification.{field}_missing", field, $"请填写{nameZh}。", $"{nameEn} is required."));
            return null;
        }

        if (text.Length > max)
        {
            problems.Add(Error($"rectification.{field}_too_long", field, $"{nameZh}不能超过 {max} 字。", $"{nameEn} is longer than {max} characters."));
            return null;
        }

        return text;
    }
}
