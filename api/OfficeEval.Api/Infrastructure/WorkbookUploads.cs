using Microsoft.AspNetCore.Http.HttpResults;

namespace OfficeEval.Api.Infrastructure;

/// <summary>The uploaded workbook of a multipart form (field <c>file</c>), or the problem saying why there is none.</summary>
public static class WorkbookUploads
{
    /// <summary>
    /// Reads the form and returns its <c>file</c>: 415 when the request is not multipart, 400 when the form is malformed
    /// or has no file. <paramref name="nameZh"/> and <paramref name="nameEn"/> name the workbook in the messages
    /// (问卷编制表 / the questionnaire workbook).
    /// </summary>
    public static async Task<(IFormFile? File, ProblemHttpResult? Problem)> ReadFileAsync(
        HttpRequest request, string nameZh, string nameEn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasFormContentType)
        {
            return (null, ApiProblem.Create(StatusCodes.Status415UnsupportedMediaType, "request.unsupported_media_type",
                $"请以 multipart/form-data 上传{nameZh}（字段 file）。", $"Send {nameEn} as multipart/form-data (field \"file\")."));
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException)
        {
            return (null, ApiProblem.Create(StatusCodes.Status400BadRequest, "request.invalid", "表单格式无效。", "The form is malformed."));
        }

        return form.Files.GetFile("file") is { Length: > 0 } file
            ? (file, null)
            : (null, ApiProblem.Create(StatusCodes.Status400BadRequest, "upload.file_missing", $"请选择要上传的{nameZh}（表单字段 file）。",
                $"Choose {nameEn} to upload (form field \"file\")."));
    }
}
