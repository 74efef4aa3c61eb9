using System.Globalization;
using DocumentFormat.OpenXml;
using OfficeEval.Core.Surveys;
using OfficeEval.Documents.Results;
using OfficeEval.Documents.SelfAssessment;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace OfficeEval.Documents.Surveys;

/// <summary>
/// Writes the responses workbook: 答卷 as the rows arrive (codes in row 1, questions in row 2, responses from row 3,
/// the first four columns and two rows frozen, a filter), then 说明 once the count is known.
/// </summary>
internal sealed class SurveyResponsesSheets : IRowSink<SurveyRawResponse>
{
    public const string ResponsesName = "答卷";
    public const string NotesName = "说明";

    private const int FixedColumns = 4;
    private const int FirstRow = 3;

    /// <summary>Fixed, so one export always gives the same bytes and the package tells nothing of when it was made.</summary>
    private static readonly DateTimeOffset Timestamp = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly IReadOnlyList<double> NotesWidths = [10, 44, 14, 26, 12, 10, 8];

    private readonly SurveyForm _form;
    private readonly StreamedWorkbook _workbook;
    private readonly CellWriter _cells;
    private readonly OpenXmlWriter _writer;
    private int _row = FirstRow - 1;

    public SurveyResponsesSheets(SurveyForm form, Stream output)
    {
        ArgumentNullException.ThrowIfNull(form);
        _form = form;
        _workbook = new StreamedWorkbook(output, Timestamp);
        _writer = _workbook.StartSheet(ResponsesName);
        _cells = new CellWriter(_writer, FixedColumns + form.Items.Count);
        WriteStart();
    }

    private int LastColumn => FixedColumns + _form.Items.Count - 1;

    public void Add(SurveyRawResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var c = _cells;
        c.StartRow(++_row);
        c.Text(0, response.UnitCode, SurveyStyles.Code);
        c.Text(1, response.UnitName, SurveyStyles.Text);
        c.Text(2, response.Group, SurveyStyles.Centered);
        c.Date(3, response.SubmittedOn, SurveyStyles.Date);
        for (var i = 0; i < _form.Items.Count; i++)
        {
            var item = _form.Items[i];
            if (!item.IsAskedOf(response.Group))
            {
                c.Blank(FixedColumns + i, SurveyStyles.NotAsked);
            }
            else
            {
                c.Number(FixedColumns + i, response.Answers.TryGetValue(item.Code, out var value) ? value : null, SurveyStyles.Centered);
            }
        }

        c.EndRow();
    }

    public void Finish()
    {
        var responses = _row - FirstRow + 1;
        _writer.WriteEndElement(); // sheetData
        var last = _cells.Letter(LastColumn);
        var filter = string.Create(CultureInfo.InvariantCulture, $"A2:{last}{Math.Max(_row, 2)}");
        _writer.WriteElement(new S.AutoFilter { Reference = filter });
        _writer.WriteElement(new S.MergeCells(Enumerable.Range(0, FixedColumns).Select(i => new S.MergeCell { Reference = $"{_cells.Letter(i)}1:{_cells.Letter(i)}2" })) { Count = FixedColumns });
        SheetLayout.Page(_writer, landscape: true, centred: false);
        _writer.WriteEndElement(); // worksheet

        WriteNotes(_workbook.StartSheet(NotesName), responses);
        var title = _form.Title + " 原始答卷";
        _workbook.Finish(SurveyStyles.Stylesheet(), title, Timestamp,
            new S.DefinedName($"'{ResponsesName}'!$A$2:${last}${Math.Max(_row, 2)}") { Name = "_xlnm._FilterDatabase", LocalSheetId = 0U, Hidden = true },
            new S.DefinedName($"'{ResponsesName}'!$1:$2") { Name = "_xlnm.Print_Titles", LocalSheetId = 0U });
    }

    public void Dispose() => _workbook.Dispose();

    private void WriteStart()
    {
        var w = _writer;
        w.WriteStartElement(new S.Worksheet());
        w.WriteElement(SheetLayout.Properties("FF4472C4"));
        w.WriteElement(SheetLayout.Frozen(FixedColumns, FirstRow - 1));
        w.WriteElement(new S.SheetFormatProperties { DefaultRowHeight = 15 });
        w.WriteElement(SheetLayout.Columns([14, 24, 12, 12, .. _form.Items.Select(_ => 12d)]));
        w.WriteStartElement(new S.SheetData());

        var c = _cells;
        string[] fixedHeaders = ["被评估单位编码", "被评估单位", "答卷群体", "提交日期"];
        c.StartRow(1, 20);
        for (var i = 0; i < FixedColumns; i++)
        {
            c.Text(i, fixedHeaders[i], SurveyStyles.Header);
        }

        for (var i = 0; i < _form.Items.Count; i++)
        {
            c.Text(FixedColumns + i, _form.Items[i].Code, SurveyStyles.Header);
        }

        c.EndRow();
        var lines = _form.Items.Count == 0 ? 1 : _form.Items.Max(item => AssessmentSheet.Lines(item.Text, 12));
        c.StartRow(2, Math.Min(120, (Math.Min(lines, 8) * 13.5) + 6));
        for (var i = 0; i < FixedColumns; i++)
        {
            c.Blank(i, SurveyStyles.Header);
        }

        for (var i = 0; i < _form.Items.Count; i++)
        {
            c.Text(FixedColumns + i, _form.Items[i].Text, SurveyStyles.Header);
        }

        c.EndRow();
    }

    private void WriteNotes(OpenXmlWriter w, int responses)
    {
        var columns = NotesWidths.Count;
        var cells = new CellWriter(w, columns);
        var last = cells.Letter(columns - 1);
        var merges = new List<string>();
        w.WriteStartElement(new S.Worksheet());
        w.WriteElement(SheetLayout.Properties(null));
        w.WriteElement(new S.SheetViews(new S.SheetView { WorkbookViewId = 0U }));
        w.WriteElement(new S.SheetFormatProperties { DefaultRowHeight = 15 });
        w.WriteElement(SheetLayout.Columns(NotesWidths));
        w.WriteStartElement(new S.SheetData());

        var row = 0;
        void Line(string text, uint style, double? height = null)
        {
            cells.StartRow(++row, height ?? (6 + (15 * AssessmentSheet.Lines(text, NotesWidths.Sum()))));
            cells.Text(0, text, style);
            cells.EndRow();
            merges.Add(string.Create(CultureInfo.InvariantCulture, $"A{row}:{last}{row}"));
        }

        void Table(params string[][] rows)
        {
            for (var r = 0; r < rows.Length; r++)
            {
                var height = rows[r].Select((text, i) => AssessmentSheet.Lines(text, NotesWidths[i])).Max();
                cells.StartRow(++row, 6 + (14.5 * height));
                for (var i = 0; i < rows[r].Length; i++)
                {
                    cells.Text(i, rows[r][i], r == 0 ? SurveyStyles.Header : i == 1 ? SurveyStyles.Text : SurveyStyles.Centered);
                }

                cells.EndRow();
            }
        }

        var reverse = _form.Items.Where(i => i.Reverse).Select(i => i.Code).ToList();
        string Values(SurveyScale scale) => string.Join("，", _form.Choices.For(scale).Select((label, i) => string.Create(CultureInfo.InvariantCulture, $"{i + 1} {label}")));
        Line(_form.Title + " 原始答卷说明", SurveyStyles.Title, 30);
        Line(string.Create(CultureInfo.InvariantCulture,
            $"“{ResponsesName}”工作表每行一份答卷，共 {responses} 份：被评估单位、答卷群体、提交日期和各题的答案。第 1 行为题目编码，第 2 行为题干。"), SurveyStyles.Paragraph);
        Line("匿名：本表不含任何可识别答卷人的信息——没有姓名、联系方式、IP 地址、设备信息、链接或令牌，没有提交的具体时刻（提交日期按北京时间只记到日），也没有提交顺序（同一单位、同一群体的答卷按随机顺序排列）。单位互评的答卷不含评价单位。请勿尝试根据答卷内容推断答卷人。", SurveyStyles.Paragraph);
        Line($"答案为所选选项的值，即反向计分之前的原始值：五级满意度 {Values(SurveyScale.Likert5)}；三级满意度 {Values(SurveyScale.ThreePoint)}。空白表示该题未作答（选答题）；灰色表示该题不向这一答卷群体提问。", SurveyStyles.Paragraph);
        Line(reverse.Count == 0
            ? "本问卷没有反向计分题。"
            : $"反向计分题：{string.Join("、", reverse)}。计分时换算为 6 − 值（五级满意度）或 4 − 值（三级满意度），即把“非常满意”与“非常不满意”对调；本表中仍是原始值。", SurveyStyles.Paragraph);
        row++;
        Line("题目一览", SurveyStyles.Heading, 22);
        Table(
        [
            ["编码", "题干", "量表", "答卷群体", "关联指标", "反向计分", "必答"],
            .. _form.Items.Select(i => new[]
            {
                i.Code, i.Text, SurveyFormLayout.ScaleName(i.Scale), i.Groups.Count == 0 ? "全部" : string.Join("、", i.Groups),
                i.IndicatorCode ?? "", i.Reverse ? SurveyFormLayout.Yes : SurveyFormLayout.No, i.Required ? SurveyFormLayout.Yes : SurveyFormLayout.No,
            }),
        ]);

        w.WriteEndElement(); // sheetData
        w.WriteElement(new S.MergeCells(merges.Select(m => new S.MergeCell { Reference = m })) { Count = (uint)merges.Count });
        SheetLayout.Page(w, landscape: false, centred: false);
        w.WriteEndElement(); // worksheet
    }
}
