using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using DocumentFormat.OpenXml.CustomProperties;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.VariantTypes;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace OfficeEval.Documents.SelfAssessment;

/// <summary>Writes the self-evaluation workbook: five sheets, styles, shared strings and the identity parts.</summary>
internal static class WorkbookWriter
{
    private const int MaxCellText = 4000;

    public static void Write(SelfAssessmentTemplate template, Stream output)
    {
        using var document = SpreadsheetDocument.Create(output, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook);
        // Relationship ids are given, not random, so the same template always gives the same package.
        var workbookPart = document.AddNewPart<WorkbookPart>("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "rId1");
        var strings = new SharedStrings();
        WorkbookStyles.Write(workbookPart.AddNewPart<WorkbookStylesPart>("rIdStyles"));

        var sheets = new List<(string Name, WorksheetPart Part)>();
        WorksheetPart Add(string name)
        {
            var part = workbookPart.AddNewPart<WorksheetPart>("rIdSheet" + (sheets.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            sheets.Add((name, part));
            return part;
        }

        var instructions = new SheetBuilder(strings);
        InstructionsSheet.Write(instructions, template, MaxCellText);
        instructions.WriteTo(Add(WorkbookLayout.InstructionsSheet), InstructionsSheet.Widths, 0, "A1", landscape: false, tabColour: "FF4472C4");

        var assessment = new SheetBuilder(strings);
        var lastAssessmentRow = AssessmentSheet.Write(assessment, template, MaxCellText);
        assessment.WriteTo(Add(WorkbookLayout.AssessmentSheet), [.. WorkbookLayout.Columns.Select(c => c.Hidden ? -c.Width : c.Width)],
            WorkbookLayout.HeaderRow, $"H{WorkbookLayout.FirstDataRow}", landscape: true, tabColour: "FFC00000");

        var formWidths = new double[] { 28, 30, 46 };
        var basics = new SheetBuilder(strings);
        BasicsSheet.Write(basics, template, MaxCellText);
        basics.WriteTo(Add(WorkbookLayout.BasicsSheet), formWidths, WorkbookLayout.HeaderRow, "B5", landscape: false);

        var staffing = new SheetBuilder(strings);
        StaffingSheet.Write(staffing, template, MaxCellText);
        staffing.WriteTo(Add(WorkbookLayout.StaffingSheet), formWidths, WorkbookLayout.HeaderRow, "B5", landscape: false);

        var workload = new SheetBuilder(strings);
        var lastWorkloadRow = WorkloadSheet.Write(workload, template, MaxCellText);
        workload.WriteTo(Add(WorkbookLayout.WorkloadSheet), [.. WorkbookLayout.Workload.Columns.Select(c => c.Width)],
            WorkbookLayout.Workload.HeaderRow, SheetBuilder.Ref(WorkbookLayout.Workload.Count.Letter, WorkbookLayout.Workload.StaffRow), landscape: false);

        strings.Write(workbookPart.AddNewPart<SharedStringTablePart>("rIdStrings"));
        IdentityParts.Write(document, workbookPart, template);

        var assessmentIndex = (uint)sheets.FindIndex(s => s.Name == WorkbookLayout.AssessmentSheet);
        var workloadIndex = (uint)sheets.FindIndex(s => s.Name == WorkbookLayout.WorkloadSheet);
        workbookPart.Workbook = new S.Workbook(
            new S.WorkbookProtection { LockStructure = true },
            new S.BookViews(new S.WorkbookView { ActiveTab = 0U }),
            new S.Sheets(sheets.Select((s, i) => new S.Sheet { Name = s.Name, SheetId = (uint)(i + 1), Id = workbookPart.GetIdOfPart(s.Part) })),
            new S.DefinedNames(
                PrintTitles(WorkbookLayout.AssessmentSheet, assessmentIndex, WorkbookLayout.HeaderRow),
                new S.DefinedName($"'{WorkbookLayout.AssessmentSheet}'!$A$1:${WorkbookLayout.LastVisibleColumn}${lastAssessmentRow}")
                {
                    Name = "_xlnm.Print_Area",
                    LocalSheetId = assessmentIndex,
                },
                PrintTitles(WorkbookLayout.WorkloadSheet, workloadIndex, WorkbookLayout.Workload.HeaderRow),
                new S.DefinedName($"'{WorkbookLayout.WorkloadSheet}'!$A$1:$G${lastWorkloadRow}") { Name = "_xlnm.Print_Area", LocalSheetId = workloadIndex }),
            new S.CalculationProperties { CalculationId = 191029U, FullCalculationOnLoad = true });
    }

    private static S.DefinedName PrintTitles(string sheet, uint index, int headerRow) =>
        new($"'{sheet}'!${headerRow}:${headerRow}") { Name = "_xlnm.Print_Titles", LocalSheetId = index };

    /// <summary>
    /// The identity, twice: a custom XML part (Office.js reads it with <c>customXmlParts.getByNamespace</c>) and custom
    /// document properties (kept by LibreOffice and WPS, which drop custom XML parts when they re-save).
    /// </summary>
    internal static class IdentityParts
    {
        private const string PropertySet = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}";

        public static void Write(SpreadsheetDocument document, WorkbookPart workbookPart, SelfAssessmentTemplate template)
        {
            var values = Values(template);
            var xml = Xml(template);
            var part = workbookPart.AddCustomXmlPart(CustomXmlPartType.CustomXml, "rIdIdentity");
            using (var stream = part.GetStream(FileMode.Create))
            {
                xml.Save(stream);
            }

            // A stable item id (derived from the identity) keeps the package byte-for-byte reproducible.
            var itemId = new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("|", values.Select(v => v.Value))))[..16]);
            XNamespace ds = "http://schemas.openxmlformats.org/officeDocument/2006/customXml";
            var props = part.AddNewPart<CustomXmlPropertiesPart>("rId1");
            using (var propsStream = props.GetStream(FileMode.Create))
            {
                new XDocument(new XElement(ds + "datastoreItem",
                    new XAttribute(ds + "itemID", "{" + itemId.ToString().ToUpperInvariant() + "}"),
                    new XAttribute(XNamespace.Xmlns + "ds", ds.NamespaceName),
                    new XElement(ds + "schemaRefs", new XElement(ds + "schemaRef", new XAttribute(ds + "uri", WorkbookLayout.IdentityNamespace))))).Save(propsStream);
            }

            var custom = document.AddNewPart<CustomFilePropertiesPart>("rId2");
            var id = 2;
            custom.Properties = new Properties(values.Select(v => new CustomDocumentProperty(new VTLPWSTR(v.Value))
            {
                FormatId = PropertySet,
                PropertyId = id++,
                Name = WorkbookLayout.PropertyPrefix + v.Name,
            }));
        }

        /// <summary>The identity as the custom XML part holds it.</summary>
        public static XDocument Xml(SelfAssessmentTemplate template)
        {
            XNamespace ns = WorkbookLayout.IdentityNamespace;
            return new XDocument(new XElement(ns + "selfAssessment", Values(template).Select(v => new XElement(ns + v.Name, v.Value))));
        }

        private static List<(string Name, string Value)> Values(SelfAssessmentTemplate template)
        {
            var identity = template.Identity;
            return
            [
                ("campaignId", identity.CampaignId.ToString()),
                ("unitId", identity.UnitId.ToString()),
                ("frameworkCode", identity.FrameworkCode),
                ("frameworkVersion", identity.FrameworkVersion),
                ("structureHash", identity.StructureHash),
                ("campaignName", template.CampaignName),
                ("unitName", template.UnitName),
            ];
        }
    }
}
