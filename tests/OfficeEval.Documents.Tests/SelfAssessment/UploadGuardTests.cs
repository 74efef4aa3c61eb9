using System.Text;
using OfficeEval.Documents.SelfAssessment;
using OfficeEval.Documents.Tests.Support;

namespace OfficeEval.Documents.Tests.SelfAssessment;

/// <summary>The upload guard's checks on their own: what it refuses, and what it must let through.</summary>
public class UploadGuardTests
{
    private static string? GuardCode(byte[] upload)
    {
        try
        {
            using var safe = UploadGuard.Check(new MemoryStream(upload), UploadLimits.Default);
            return null;
        }
        catch (WorkbookRejectedException e)
        {
            return e.Code;
        }
    }

    private static byte[] Filled() => WorkbookFiller.Fill(TestTemplates.Generate(), new Dictionary<string, FilledRow>(StringComparer.Ordinal)
    {
        ["1.1"] = FilledRow.Option("较好", 6m, "已建立工作机制。"),
    });

    /// <summary>The 自评表 part: the second sheet, after 填表说明.</summary>
    private static string SheetEntry => "xl/worksheets/sheet2.xml";

    [Fact]
    public void Check_GeneratedWorkbook_IsAccepted()
    {
        Assert.Null(GuardCode(TestTemplates.Generate()));
    }

    [Fact]
    public void Read_ExternalHyperlink_IsAcceptedAndReadAsUsual()
    {
        var xlsx = BadFileCorpus.WithHyperlink(new Uri("https://www.example.gov.cn/evidence/2026.pdf"));
        Assert.Contains("TargetMode=\"External\"", RelationshipsOf(xlsx, SheetEntry), StringComparison.Ordinal);

        var result = TestTemplates.Read(xlsx);

        Assert.Empty(result.Problems);
        Assert.Equal("较好", result.Answers["1.1"].Option);
    }

    [Theory]
    [InlineData("<!-- 自评表 -->")]
    [InlineData("<?xml-stylesheet type=\"text/xsl\" href=\"style.xsl\"?>")]
    public void Check_DoctypeAfterCommentOrInstruction_RejectsDtd(string before)
    {
        var xlsx = ZipEntries.EditText(Filled(), SheetEntry, xml => xml.Insert(xml.IndexOf("?>", StringComparison.Ordinal) + 2,
            before + "<!DOCTYPE worksheet [<!ENTITY a \"b\">]>"));

        Assert.Equal("upload.dtd", GuardCode(xlsx));
    }

    [Fact]
    public void Check_DoctypeAfterLongComment_RejectsDtd()
    {
        var comment = "<!--" + new string('x', 200_000) + "-->";
        var xlsx = ZipEntries.EditText(Filled(), SheetEntry, xml => xml.Insert(xml.IndexOf("?>", StringComparison.Ordinal) + 2,
            comment + "<!DOCTYPE worksheet [<!ENTITY a \"b\">]>"));

        Assert.Equal("upload.dtd", GuardCode(xlsx));
    }

    [Fact]
    public void Check_DoctypeInPartWithUnusualExtension_RejectsDtd()
    {
        var xlsx = ZipEntries.Add(Filled(), new ZipItem("customXml/item2.dat",
            Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>")));

        Assert.Equal("upload.dtd", GuardCode(xlsx));
    }

    [Fact]
    public void Check_DoctypeInsideTextAfterRoot_IsNotADtd()
    {
        // Text that merely mentions <!DOCTYPE (escaped) after the root element is content, not a declaration.
        var xlsx = WorkbookFiller.SetCell(Filled(), "J5", "<!DOCTYPE html> 见附件");

        Assert.Null(GuardCode(xlsx));
        Assert.Equal("<!DOCTYPE html> 见附件", TestTemplates.Read(xlsx).Answers["1.2.1"].Explanation);
    }

    [Fact]
    public void Check_MalformedPartWithoutDoctype_IsLeftToThePackageReader()
    {
        var xlsx = ZipEntries.EditText(Filled(), SheetEntry, xml => xml.Replace("</x:sheetData>", "</x:sheetDat>", StringComparison.Ordinal));

        Assert.Null(GuardCode(xlsx));
        Assert.Equal("upload.malformed", Assert.Throws<WorkbookRejectedException>(() => TestTemplates.Read(xlsx)).Code);
    }

    [Fact]
    public void Check_BinaryEntryContainingDoctypeBytes_IsAccepted()
    {
        byte[] image = [0x89, (byte)'P', (byte)'N', (byte)'G', .. Encoding.ASCII.GetBytes("<!DOCTYPE x>")];
        var xlsx = ZipEntries.Add(Filled(), new ZipItem("xl/media/image1.png", image));

        Assert.Null(GuardCode(xlsx));
    }

    [Fact]
    public void Check_UnusedDefaultContentTypeForOleObjects_IsAccepted()
    {
        var xlsx = ZipEntries.EditText(Filled(), "[Content_Types].xml", xml => xml.Replace("<Default Extension=\"rels\"",
            "<Default Extension=\"bin\" ContentType=\"application/vnd.openxmlformats-officedocument.oleObject\" /><Default Extension=\"rels\"", StringComparison.Ordinal));

        Assert.Null(GuardCode(xlsx));
    }

    [Fact]
    public void Check_OleObjectContentTypeOnAnyName_RejectsActiveContent()
    {
        var xlsx = ZipEntries.Add(
            ZipEntries.EditText(Filled(), "[Content_Types].xml", xml => xml.Replace("</Types>",
                "<Override PartName=\"/xl/media/object.dat\" ContentType=\"application/vnd.openxmlformats-officedocument.oleObject\" /></Types>", StringComparison.Ordinal)),
            new ZipItem("xl/media/object.dat", CompoundFileBuilder.OlePackage()));

        Assert.Equal("upload.active_content", GuardCode(xlsx));
    }

    [Fact]
    public void Check_MacroSheetContentType_RejectsMacro()
    {
        var xlsx = ZipEntries.Add(
            ZipEntries.EditText(Filled(), "[Content_Types].xml", xml => xml.Replace("</Types>",
                "<Override PartName=\"/xl/macrosheets/sheet1.xml\" ContentType=\"application/vnd.ms-excel.macrosheet+xml\" /></Types>", StringComparison.Ordinal)),
            new ZipItem("xl/macrosheets/sheet1.xml", Encoding.UTF8.GetBytes("<xm:macrosheet xmlns:xm=\"http://schemas.microsoft.com/office/excel/2006/main\"/>")));

        Assert.Equal("upload.macro", GuardCode(xlsx));
    }

    [Theory]
    [InlineData("../evil.xml")]
    [InlineData("xl/../../evil.xml")]
    [InlineData("xl/./evil.xml")]
    [InlineData("/evil.xml")]
    [InlineData("xl\\evil.xml")]
    [InlineData("C:/evil.xml")]
    [InlineData("xl//evil.xml")]
    [InlineData("xl/evil\u0001.xml")]
    public void Check_UnsafeEntryName_RejectsNotXlsx(string name)
    {
        Assert.Equal("upload.not_xlsx", GuardCode(ZipEntries.Add(Filled(), new ZipItem(name, Encoding.UTF8.GetBytes("<x/>")))));
    }

    [Theory]
    [InlineData("xl/media/")]
    [InlineData("xl/media/佐证 截图.png")]
    [InlineData("xl/..media/a.png")]
    public void Check_OrdinaryEntryName_IsAccepted(string name)
    {
        Assert.Null(GuardCode(ZipEntries.Add(Filled(), new ZipItem(name, []))));
    }

    [Theory]
    [InlineData("http://127.0.0.1/x.png")]
    [InlineData("file:///etc/passwd")]
    [InlineData("C:/Windows/win.ini")]
    [InlineData("\\\\server\\share\\x.png")]
    [InlineData("//server/share/x.png")]
    [InlineData("../../x.png")]
    [InlineData("media/../../../x.png")]
    [InlineData("/../x.png")]
    public void Check_InternalRelationshipOutsideThePackage_RejectsNotXlsx(string target)
    {
        Assert.Equal("upload.not_xlsx", GuardCode(BadFileCorpus.WithInternalRelationshipTo(target)));
    }

    [Theory]
    [InlineData("styles.xml")]
    [InlineData("/xl/styles.xml")]
    [InlineData("../customXml/item.xml")]
    [InlineData("./media/../styles.xml")]
    public void Check_InternalRelationshipInsideThePackage_IsAccepted(string target)
    {
        Assert.Null(GuardCode(BadFileCorpus.WithInternalRelationshipTo(target)));
    }

    [Fact]
    public void Check_EmbeddedPackageThatIsNotAnOleBinary_IsAccepted()
    {
        // Only OLE binaries (xl/embeddings/*.bin) are refused; an embedded .xlsx is an ordinary package.
        Assert.Null(GuardCode(ZipEntries.Add(Filled(), new ZipItem("xl/embeddings/Microsoft_Excel_Worksheet.xlsx", TestTemplates.Generate()))));
    }

    [Fact]
    public void Check_ExpansionCountsAllEntries_RejectsTooLargeExpanded()
    {
        var limits = UploadLimits.Default with { MaxUncompressedBytes = 1024 * 1024 };
        var xlsx = ZipEntries.Add(Filled(),
            new ZipItem("xl/media/image1.png", new byte[600 * 1024]),
            new ZipItem("xl/media/image2.png", new byte[600 * 1024]));

        var error = Assert.Throws<WorkbookRejectedException>(() => UploadGuard.Check(new MemoryStream(xlsx), limits));

        Assert.Equal("upload.too_large_expanded", error.Code);
    }

    [Fact]
    public void Check_DoctypeBeyondExpansionLimit_RejectsTooLargeExpanded()
    {
        // The prolog is counted like any other byte: a huge comment before the root cannot dodge the limit.
        var limits = UploadLimits.Default with { MaxUncompressedBytes = 1024 * 1024 };
        var xlsx = ZipEntries.EditText(Filled(), SheetEntry, xml => xml.Insert(xml.IndexOf("?>", StringComparison.Ordinal) + 2,
            "<!--" + new string('x', 2 * 1024 * 1024) + "-->"));

        var error = Assert.Throws<WorkbookRejectedException>(() => UploadGuard.Check(new MemoryStream(xlsx), limits));

        Assert.Equal("upload.too_large_expanded", error.Code);
    }

    private static string RelationshipsOf(byte[] xlsx, string part)
    {
        var rels = part[..(part.LastIndexOf('/') + 1)] + "_rels/" + part[(part.LastIndexOf('/') + 1)..] + ".rels";
        return Encoding.UTF8.GetString(ZipEntries.Read(xlsx).Single(i => i.Name == rels).Content);
    }
}
