using System.Globalization;
using DocumentFormat.OpenXml;
using OfficeEval.Core.Results;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace OfficeEval.Documents.Results;

/// <summary>
/// 评估结果: one row per unit, written as the rows arrive. Rows 1–2 are the title and a note, rows 3–4 a two-level
/// heading (each dimension over its 得分 and 得分率), units from row 5. The heading and the code and name columns are
/// frozen and printed on every page; the filter covers the heading's lower row and every unit. Only counts are kept
/// while writing (units, grades, boards), for the statistics sheet.
/// </summary>
internal sealed class ResultsSheet
{
    public const string Name = "评估结果";
    public const int HeaderRow = 3;
    public const int SubHeaderRow = 4;
    public const int FirstRow = 5;

    private const int FixedColumns = 4;
    private const int TrailingColumns = 8;

    private readonly ConsolidatedWorkbookInfo _info;
    private readonly CellWriter _cells;
    private readonly int _total;
    private int _row = FirstRow - 1;

    public ResultsSheet(OpenXmlWriter writer, ConsolidatedWorkbookInfo info)
    {
        _info = info;
        _total = FixedColumns + (2 * info.Dimensions.Count);
        ColumnCount = _total + TrailingColumns;
        _cells = new CellWriter(writer, ColumnCount);
        WriteStart();
    }

    public int ColumnCount { get; }

    public int LastColumn => ColumnCount - 1;

    /// <summary>The last row written: the lower heading row while no unit has been added.</summary>
    public int LastRow => _row;

    public int Units { get; private set; }

    public int Scored { get; private set; }

    /// <summary>Units per grade, in the order first met.</summary>
    public List<(string Grade, int Count)> Grades { get; } = [];

    /// <summary>Units per board: green, yellow, red.</summary>
    public int[] Boards { get; } = new int[3];

    public void Add(ConsolidatedRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        _row++;
        Units++;
        var c = _cells;
        c.StartRow(_row);
        c.Text(0, row.UnitCode, ConsolidatedStyles.Text);
        c.Text(1, row.UnitName, ConsolidatedStyles.Text);
        c.Text(2, row.Category, ConsolidatedStyles.Centered);
        c.Text(3, row.Status, ConsolidatedStyles.Centered);
        for (var d = 0; d < _info.Dimensions.Count; d++)
        {
            var score = Find(row.Dimensions, _info.Dimensions[d].Code);
            c.Number(FixedColumns + (2 * d), score?.Score, ConsolidatedStyles.Score);
            c.Number(FixedColumns + (2 * d) + 1, Fraction(score?.ScoreRate), ConsolidatedStyles.Rate);
        }

        c.Number(_total, row.Total, ConsolidatedStyles.Score);
        c.Number(_total + 1, Fraction(row.ScoreRate), ConsolidatedStyles.Rate);
        c.Number(_total + 2, row.SelfTotal, ConsolidatedStyles.Score);
        c.Number(_total + 3, row.Deviation, ConsolidatedStyles.Deviation);
        c.Number(_total + 4, row.Rank, ConsolidatedStyles.Integer);
        c.Text(_total + 5, row.Grade, ConsolidatedStyles.Centered);
        if (row.Board is { } board)
        {
            c.Text(_total + 6, BoardName(board), ConsolidatedStyles.Of(board));
            Boards[(int)board]++;
        }
        else
        {
            c.Blank(_total + 6, ConsolidatedStyles.Centered);
        }

        c.Text(_total + 7, Note(row), ConsolidatedStyles.Text);
        c.EndRow();

        if (row.Total is not null)
        {
            Scored++;
        }

        if (!string.IsNullOrEmpty(row.Grade))
        {
            var at = Grades.FindIndex(g => g.Grade == row.Grade);
            if (at < 0)
            {
                Grades.Add((row.Grade, 1));
            }
            else
            {
                Grades[at] = (row.Grade, Grades[at].Count + 1);
            }
        }
    }

    /// <summary>Ends the sheet data and writes what follows it: the filter, merged headings, print setup.</summary>
    public void Finish()
    {
        var w = _cells.Writer;
        w.WriteEndElement(); // sheetData
        w.WriteElement(new S.AutoFilter { Reference = FilterRange });

        var merges = new List<string> { Range(0, 1, LastColumn, 1), Range(0, 2, LastColumn, 2) };
        for (var column = 0; column < ColumnCount; column++)
        {
            if (column >= FixedColumns && column < _total)
            {
                merges.Add(Range(column, HeaderRow, column + 1, HeaderRow));
                column++;
            }
            else
            {
                merges.Add(Range(column, HeaderRow, column, SubHeaderRow));
            }
        }

        w.WriteElement(new S.MergeCells(merges.Select(m => new S.MergeCell { Reference = m })) { Count = (uint)merges.Count });
        SheetLayout.Page(w, landscape: true, centred: true, header: _info.CampaignName);
        w.WriteEndElement(); // worksheet
    }

    /// <summary>The filter's range: the lower heading row down to the last unit.</summary>
    public string FilterRange => Range(0, SubHeaderRow, LastColumn, Math.Max(_row, SubHeaderRow));

    /// <summary>Print titles: the code and name columns and the two heading rows.</summary>
    public string PrintTitles => string.Create(CultureInfo.InvariantCulture, $"'{Name}'!$A:$B,'{Name}'!${HeaderRow}:${SubHeaderRow}");

    public string FilterDatabase => string.Create(CultureInfo.InvariantCulture,
        $"'{Name}'!$A${SubHeaderRow}:${CellWriter.Column(LastColumn)}${Math.Max(_row, SubHeaderRow)}");

    public static string BoardName(Board board) => board switch
    {
        Board.Green => "绿榜",
        Board.Yellow => "黄榜",
        Board.Red => "红榜",
    };

    private void WriteStart()
    {
        var w = _cells.Writer;
        w.WriteStartDocument(true);
        w.WriteStartElement(new S.Worksheet());
        w.WriteElement(SheetLayout.Properties("FF4472C4"));
        w.WriteElement(SheetLayout.Frozen(2, SubHeaderRow));
        w.WriteElement(new S.SheetFormatProperties { DefaultRowHeight = 15 });
        w.WriteElement(SheetLayout.Columns(Widths()));
        w.WriteStartElement(new S.SheetData());

        var c = _cells;
        c.StartRow(1, 28);
        c.Text(0, Title(_info.CampaignName), ConsolidatedStyles.Title);
        c.EndRow();
        c.StartRow(2);
        c.Text(0, InfoLine(_info), ConsolidatedStyles.Info);
        c.EndRow();

        c.StartRow(HeaderRow, 30);
        Heading(upper: true);
        c.EndRow();
        c.StartRow(SubHeaderRow, 18);
        Heading(upper: false);
        c.EndRow();
    }

    /// <summary>
    /// A heading row. The upper one names every column, a dimension over its two; the lower one has 得分 and 得分率
    /// under each dimension and blank cells under the others, which are merged down into the upper row.
    /// </summary>
    private void Heading(bool upper)
    {
        var c = _cells;
        void Spanning(int column, string text)
        {
            if (upper)
            {
                c.Text(column, text, ConsolidatedStyles.Header);
            }
            else
            {
                c.Blank(column, ConsolidatedStyles.Header);
            }
        }

        Spanning(0, "单位编码");
        Spanning(1, "单位名称");
        Spanning(2, "类别");
        Spanning(3, "自评状态");
        for (var d = 0; d < _info.Dimensions.Count; d++)
        {
            var dimension = _info.Dimensions[d];
            var column = FixedColumns + (2 * d);
            if (upper)
            {
                c.Text(column, string.Create(CultureInfo.InvariantCulture, $"{dimension.Name}（{Points(dimension.MaxPoints)}分）"), ConsolidatedStyles.Header);
                c.Blank(column + 1, ConsolidatedStyles.Header);
            }
            else
            {
                c.Text(column, "得分", ConsolidatedStyles.Header);
                c.Text(column + 1, "得分率", ConsolidatedStyles.Header);
            }
        }

        Spanning(_total, string.Create(CultureInfo.InvariantCulture, $"总分（{Points(_info.MaxTotal)}分）"));
        Spanning(_total + 1, "得分率");
        Spanning(_total + 2, "自评总分");
        Spanning(_total + 3, "自评偏差");
        Spanning(_total + 4, "排名");
        Spanning(_total + 5, "等次");
        Spanning(_total + 6, "红黄绿榜");
        Spanning(_total + 7, "备注");
    }

    private IEnumerable<double> Widths()
    {
        yield return 12;
        yield return 28;
        yield return 8;
        yield return 11;
        for (var d = 0; d < _info.Dimensions.Count; d++)
        {
            yield return 9;
            yield return 9;
        }

        foreach (var width in new double[] { 10, 9, 10, 9, 6, 6, 9, 18 })
        {
            yield return width;
        }
    }

    private static DimensionScore? Find(IReadOnlyList<DimensionScore> dimensions, string code)
    {
        for (var i = 0; i < dimensions.Count; i++)
        {
            if (dimensions[i].Code == code)
            {
                return dimensions[i];
            }
        }

        return null;
    }

    /// <summary>The engine's percentages as the fractions Excel's percent format shows (87.5 → 0.875, exact in decimal).</summary>
    internal static decimal? Fraction(decimal? percent) => percent / 100m;

    private static string? Note(ConsolidatedRow row) => (row.Vetoed, row.ConsecutiveRed) switch
    {
        (true, true) => "一票否决；连续两次红榜",
        (true, false) => "一票否决",
        (false, true) => "连续两次红榜",
        (false, false) => null,
    };

    internal static string Title(string campaignName) => campaignName + " 评估结果汇总表";

    internal static string InfoLine(ConsolidatedWorkbookInfo info)
    {
        var status = info.FinalizedAt is { } finalized
            ? string.Create(CultureInfo.InvariantCulture, $"结果已于 {finalized:yyyy-MM-dd} 定档")
            : "结果尚未定档，仅供参考";
        return string.Create(CultureInfo.InvariantCulture, $"{status}；满分 {Points(info.MaxTotal)} 分；生成时间 {info.GeneratedAt:yyyy-MM-dd HH:mm}");
    }

    internal static string Points(decimal points) => points.ToString("0.##", CultureInfo.InvariantCulture);

    private string Range(int fromColumn, int fromRow, int toColumn, int toRow) => string.Create(CultureInfo.InvariantCulture,
        $"{_cells.Letter(fromColumn)}{fromRow}:{_cells.Letter(toColumn)}{toRow}");
}
