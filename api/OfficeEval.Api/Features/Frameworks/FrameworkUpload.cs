using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using OfficeEval.Api.Infrastructure;
using OfficeEval.Core.Frameworks;
using OfficeEval.Documents.Frameworks;
using OfficeEval.Documents.SelfAssessment;

namespace OfficeEval.Api.Features.Frameworks;

/// <summary>
/// A framework sent to the API, in either format: an authoring workbook (multipart form, field <c>file</c>) or the
/// <see cref="FrameworkDefinition"/> as JSON (<c>application/json</c>, as <c>GET /api/frameworks/{id}</c> returns it).
/// Either way it is fully checked before anything is stored: a workbook's problems name sheet and cell, JSON's name
/// the JSON path. A refused workbook file (not .xlsx, macros, too large …) throws <see cref="WorkbookRejectedException"/>,
/// which the exception handler answers with 400/413/415.
/// </summary>
public static class FrameworkUpload
{
    /// <summary>What was sent: the framework, or the problem to answer with.</summary>
    public sealed record Result(FrameworkDefinition? Framework, string Format, ProblemHttpResult? Problem);

    public static async Task<Result> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.HasFormContentType)
        {
            return await ReadWorkbookAsync(request, cancellationToken);
        }

        if (request.HasJsonContentType())
        {
            return await ReadJsonAsync(request, cancellationToken);
        }

        return new Result(null, "", ApiProblem.Create(415, "request.unsupported_media_type",
            "请以 multipart/form-data 上传指标体系编制表（字段 file），或以 application/json 提交指标体系。",
            "Send the authoring workbook as multipart/form-data (field \"file\") or the framework as application/json."));
    }

    private static async Task<Result> ReadWorkbookAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException)
        {
            return new Result(null, "xlsx", ApiProblem.Create(400, "request.invalid", "表单格式无效。", "The form is malformed."));
        }

        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0)
        {
            return new Result(null, "xlsx", ApiProblem.Create(400, "upload.file_missing", "请选择要上传的指标体系编制表（表单字段 file）。",
                "Choose the authoring workbook to upload (form field \"file\")."));
        }

        await using var stream = file.OpenReadStream();
        var read = FrameworkWorkbook.Read(stream);
        if (!read.IsValid)
        {
            return new Result(null, "xlsx", Invalid([.. read.Problems.Select(p => new ProblemItem(p.Code, p.MessageZh, p.MessageEn)
            {
                Sheet = p.Sheet,
                Cell = p.Cell,
                IndicatorCode = p.IndicatorCode,
                Field = p.Field,
            })]));
        }

        return new Result(read.Framework, "xlsx", null);
    }

    private static async Task<Result> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        FrameworkDefinition? framework;
        try
        {
            framework = await JsonSerializer.DeserializeAsync<FrameworkDefinition>(request.Body, FrameworkRecord.Json, cancellationToken);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? string.Create(CultureInfo.InvariantCulture, $"（第 {line + 1} 行）") : "";
            var whereEn = e.LineNumber is { } lineEn ? string.Create(CultureInfo.InvariantCulture, $" (line {lineEn + 1})") : "";
            return new Result(null, "json", ApiProblem.Create(400, "framework.json_invalid", "指标体系 JSON 无法读取。", "The framework JSON cannot be read.",
                [new ProblemItem("framework.json_invalid", $"{e.Path ?? "$"} 处的内容无效{where}。", $"The value at {e.Path ?? "$"} is invalid{whereEn}.") { Field = e.Path ?? "$" }]));
        }
        catch (NotSupportedException)
        {
            // An abstract member without its discriminator, e.g. a rule without "kind".
            return new Result(null, "json", ApiProblem.Create(400, "framework.json_invalid", "指标体系 JSON 无法读取：评分规则须有 kind。",
                "The framework JSON cannot be read: every rule needs a \"kind\".",
                [new ProblemItem("framework.json_invalid", "评分规则缺少 kind（qualitative、deduction、bands …）。",
                    "A rule has no \"kind\" (qualitative, deduction, bands …).") { Field = "$" }]));
        }

        if (framework is null)
        {
            return new Result(null, "json", ApiProblem.Create(400, "framework.json_invalid", "请求体为空，应为指标体系 JSON。",
                "The body is empty; a framework in JSON is expected.", [new ProblemItem("framework.json_invalid", "应为对象。", "An object is expected.") { Field = "$" }]));
        }

        var (checkedFramework, problems) = FrameworkCheck.Check(framework);
        return problems.Count > 0 ? new Result(null, "json", Invalid(problems)) : new Result(checkedFramework, "json", null);
    }

    /// <summary>422 <c>framework.invalid</c> listing every problem.</summary>
    public static ProblemHttpResult Invalid(IReadOnlyList<ProblemItem> problems) =>
        ApiProblem.Create(422, "framework.invalid", "指标体系有误，请按所列问题修改后重新提交，未保存任何内容。",
            "The framework has problems; correct each one listed and submit again. Nothing was saved.", problems);
}
