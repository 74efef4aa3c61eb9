using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using OfficeEval.Documents.SelfAssessment;
using OfficeEval.Documents.Tests.Support;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace OfficeEval.Documents.Tests.SelfAssessment;

/// <summary>Whole-file refusals: the upload guard's checks and the identity checks.</summary>
public class WorkbookRejectionTests
{
    private static string RejectionCode(byte[] upload, SelfAssessmentTemplate? expected = null, UploadLimits? limits = null) =>
        Assert.Throws<WorkbookRejectedException>(() => TestTemplates.Read(upload, expected, limits)).Code;

    private static byte[] Zip(Action<ZipArchive> fill)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            fill(zip);
        }

        return stream.ToArray();
    }

    private static byte[] AddEntry(byte[] xlsx, string name, byte[] content)
    {
        using var stream = new MemoryStream();
        stream.Write(xlsx);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            using var entry = zip.CreateEntry(name).Open();
            entry.Write(content);
        }

        return stream.ToArray();
    }

    [Fact]
    public void Read_RandomBytes_RejectsNotXlsx()
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        Assert.NotEqual((byte)'P', bytes[0]);

        Assert.Equal("upload.not_xlsx", RejectionCode(bytes));
    }

    [Fact]
    public void Read_Empty_RejectsNotXlsx()
    {
        Assert.Equal("upload.not_xlsx", RejectionCode([]));
    }

    [Fact]
    public void Read_ZipMagicThenGarbage_RejectsNotXlsx()
    {
        var bytes = new byte[2048];
        new Random(11).NextBytes(bytes);
        bytes[0] = 0x50;
        bytes[1] = 0x4B;
        bytes[2] = 0x03;
        bytes[3] = 0x04;

        Assert.Equal("upload.not_xlsx", RejectionCode(bytes));
    }

    [Fact]
    public void Read_ZipThatIsNotAPackage_RejectsNotXlsx()
    {
        var zip = Zip(z =>
        {
            using var writer = new StreamWriter(z.CreateEntry("readme.txt").Open());
            writer.Write("不是工作簿");
        });

        Assert.Equal("upload.not_xlsx", RejectionCode(zip));
    }

    [Fact]
    public void Read_CompoundFileHeaderWithoutDirectory_RejectsNotXlsx()
    {
        byte[] ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[504]];

        Assert.Equal("upload.not_xlsx", RejectionCode(ole));
    }

    [Fact]
    public void Read_PasswordProtectedWorkbook_RejectsEncrypted()
    {
        var error = Assert.Throws<WorkbookRejectedException>(() => TestTemplates.Read(CompoundFileBuilder.EncryptedWorkbook()));

        Assert.Equal("upload.encrypted", error.Code);
        Assert.Contains("密码", error.MessageZh, StringComparison.Ordinal);
        Assert.Contains(".xlsx", error.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CompoundFileWithEncryptionInfoOnly_RejectsEncrypted()
    {
        var ole = CompoundFileBuilder.Build(new CompoundEntry("EncryptionInfo", [0x04, 0x00, 0x04, 0x00]));

        Assert.Equal("upload.encrypted", RejectionCode(ole));
    }

    [Theory]
    [InlineData("Workbook")]
    [InlineData("Book")]
    [InlineData("WORKBOOK")]
    public void Read_LegacyXls_RejectsLegacyXls(string stream)
    {
        Assert.Equal("upload.legacy_xls", RejectionCode(CompoundFileBuilder.LegacyWorkbook(stream)));
    }

    [Fact]
    public void Read_WordDocumentCompoundFile_RejectsNotXlsx()
    {
        Assert.Equal("upload.not_xlsx", RejectionCode(CompoundFileBuilder.WordDocument()));
    }

    [Fact]
    public void Read_CompoundFileWithDirectoryChainLoop_RejectsNotXlsx()
    {
        var ole = CompoundFileBuilder.WordDocument();
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(ole.AsSpan(512 + 4), 1); // FAT: directory sector 1 → sector 1

        Assert.Equal("upload.not_xlsx", RejectionCode(ole));
    }

    [Fact]
    public void Read_CompoundFileCutShort_RejectsNotXlsx()
    {
        var ole = CompoundFileBuilder.EncryptedWorkbook()[..700];

        Assert.Equal("upload.not_xlsx", RejectionCode(ole));
    }

    [Fact]
    public void Read_LargerThanLimit_RejectsTooLarge()
    {
        var xlsx = TestTemplates.Generate();
        var limits = UploadLimits.Default with { MaxFileBytes = xlsx.Length - 1 };

        Assert.Equal("upload.too_large", RejectionCode(xlsx, limits: limits));
    }

    [Fact]
    public void Read_ExactlyAtSizeLimit_IsAccepted()
    {
        var xlsx = TestTemplates.Generate();
        var limits = UploadLimits.Default with { MaxFileBytes = xlsx.Length };

        Assert.Equal(TestTemplates.CampaignId, TestTemplates.Read(xlsx, limits: limits).Identity.CampaignId);
    }

    [Fact]
    public void Read_ZipWithTooManyEntries_RejectsTooManyEntries()
    {
        var zip = Zip(z =>
        {
            for (var i = 0; i < 201; i++)
            {
                z.CreateEntry("part" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".xml");
            }
        });

        Assert.Equal("upload.too_many_entries", RejectionCode(zip));
    }

    [Fact]
    public void Read_GeneratedWorkbookOverEntryLimit_RejectsTooManyEntries()
    {
        var limits = UploadLimits.Default with { MaxZipEntries = 3 };

        Assert.Equal("upload.too_many_entries", RejectionCode(TestTemplates.Generate(), limits: limits));
    }

    [Fact]
    public void Read_EntryExpandingBeyondLimit_RejectsTooLargeExpanded()
    {
        // 4 MB of zeros compresses to a few kilobytes: small on the wire, large once expanded.
        var bomb = Zip(z =>
        {
            using var entry = z.CreateEntry("xl/zeros.bin", CompressionLevel.SmallestSize).Open();
            entry.Write(new byte[4 * 1024 * 1024]);
        });
        var limits = UploadLimits.Default with { MaxUncompressedBytes = 1024 * 1024 };
        Assert.True(bomb.Length < 64 * 1024, $"the zip is {bomb.Length} bytes");

        Assert.Equal("upload.too_large_expanded", RejectionCode(bomb, limits: limits));
    }

    [Fact]
    public void Read_WorkbookWithVbaProject_RejectsMacro()
    {
        var xlsx = AddEntry(TestTemplates.Generate(), "xl/vbaProject.bin", [0xCC, 0x61, 0x00, 0x00]);

        Assert.Equal("upload.macro", RejectionCode(xlsx));
    }

    [Fact]
    public void Read_MacroEnabledWorkbookType_RejectsMacro()
    {
        using var stream = new MemoryStream();
        stream.Write(TestTemplates.Generate());
        using (var document = SpreadsheetDocument.Open(stream, true))
        {
            document.ChangeDocumentType(SpreadsheetDocumentType.MacroEnabledWorkbook);
        }

        Assert.Equal("upload.macro", RejectionCode(stream.ToArray()));
    }

    [Fact]
    public void Read_AnotherCampaignsWorkbook_RejectsWrongCampaign()
    {
        var other = TestTemplates.Generate(TestTemplates.Template(campaignId: Guid.Parse("00000000-0000-4000-8000-000000000099")));

        Assert.Equal("upload.wrong_campaign", RejectionCode(other));
    }

    [Fact]
    public void Read_AnotherUnitsWorkbook_RejectsWrongUnit()
    {
        var other = TestTemplates.Generate(TestTemplates.Template(unitId: Guid.Parse("00000000-0000-4000-8000-0000000000bb")));

        Assert.Equal("upload.wrong_unit", RejectionCode(other));
    }

    [Fact]
    public void Read_WorkbookOfOlderFrameworkVersion_RejectsTemplateOutdated()
    {
        var old = TestTemplates.Generate(TestTemplates.Template(framework: TestTemplates.Framework("2025.2")));

        var error = Assert.Throws<WorkbookRejectedException>(() => TestTemplates.Read(old));

        Assert.Equal("upload.template_outdated", error.Code);
        Assert.Contains("2025.2", error.MessageZh, StringComparison.Ordinal);
        Assert.Contains("2026.1", error.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SameVersionButChangedStructure_RejectsTemplateOutdated()
    {
        var framework = TestTemplates.Framework();
        var d2 = framework.Dimensions[1];
        var changed = framework with
        {
            Dimensions = [framework.Dimensions[0], d2 with { Children = [d2.Children[0] with { Children = [.. d2.Children[0].Children.Reverse()] }] }],
        };
        var expected = TestTemplates.Template(framework: changed);
        Assert.NotEqual(TestTemplates.Template().Identity.StructureHash, expected.Identity.StructureHash);

        Assert.Equal("upload.template_outdated", RejectionCode(TestTemplates.Generate(), expected));
    }

    [Fact]
    public void Read_PlainWorkbookWithoutIdentity_RejectsNotTemplate()
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
            sheetPart.Worksheet = new S.Worksheet(new S.SheetData());
            workbookPart.Workbook = new S.Workbook(new S.Sheets(new S.Sheet { Name = "自评表", SheetId = 1U, Id = workbookPart.GetIdOfPart(sheetPart) }));
        }

        Assert.Equal("upload.not_template", RejectionCode(stream.ToArray()));
    }

    [Fact]
    public void Read_SheetRenamed_RejectsSheetMissing()
    {
        using var stream = new MemoryStream();
        stream.Write(TestTemplates.Generate());
        using (var document = SpreadsheetDocument.Open(stream, true))
        {
            document.WorkbookPart!.Workbook.Sheets!.Elements<S.Sheet>().Single(s => s.Name == "自评表").Name = "Sheet1";
        }

        Assert.Equal("upload.sheet_missing", RejectionCode(stream.ToArray()));
    }
}
