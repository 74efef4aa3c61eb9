using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;

namespace OfficeEval.Documents.SelfAssessment;

/// <summary>
/// Opens an uploaded workbook the one safe way for every reader: the upload guard first, then the Open XML SDK with
/// the part size capped; a package or XML the SDK cannot make sense of is refused as damaged, a macro-enabled or
/// template package as such. Refusals are <see cref="WorkbookRejectedException"/>s.
/// </summary>
internal static class UploadedWorkbook
{
    public static T Read<T>(Stream input, UploadLimits limits, Func<WorkbookPart, T> read)
    {
        using var safe = UploadGuard.Check(input, limits);
        SpreadsheetDocument document;
        try
        {
            document = SpreadsheetDocument.Open(safe, false, new OpenSettings { MaxCharactersInPart = limits.MaxUncompressedBytes });
        }
        catch (Exception e) when (WorkbookReader.IsDamage(e))
        {
            throw UploadGuard.NotAWorkbook();
        }

        using (document)
        {
            try
            {
                var workbookPart = document.WorkbookPart ?? throw UploadGuard.NotAWorkbook();
                if (document.DocumentType != SpreadsheetDocumentType.Workbook)
                {
                    throw UploadGuard.Reject("upload.macro", "文件为启用宏或模板格式，请另存为 .xlsx 后再上传。",
                        "The file is macro-enabled or a template; save it as a plain .xlsx.");
                }

                return read(workbookPart);
            }
            catch (Exception e) when (WorkbookReader.IsDamage(e))
            {
                throw UploadGuard.Reject("upload.malformed", "工作簿内容已损坏，无法读取。", "The workbook's content is damaged and cannot be read.");
            }
        }
    }
}
