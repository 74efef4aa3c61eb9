using System.Globalization;
using OfficeEval.Core.Frameworks;
using OfficeEval.Documents.SelfAssessment;
using static OfficeEval.Documents.Frameworks.AuthoringLayout;

namespace OfficeEval.Documents.Frameworks;

/// <summary>Reads the 体系设置 sheet: each setting by its label in column A, the bonus pools from their table.</summary>
internal static class SettingsReader
{
    private static readonly char[] KindSeparators = ['、', '，', ',', '；', ';', '\n', '\r', '/', '／'];

    /// <summary>The settings read, with the cell of each setting by label (for placing the engine's problems).</summary>
    public sealed record FrameworkSettings(
        string Code,
        string Name,
        string Version,
        decimal TotalPoints,
        IReadOnlyList<UnitKind> Kinds,
        string? IndividualDimension,
        IReadOnlyList<BonusPool> Pools,
        IReadOnlyDictionary<string, string> Cells);

    /// <summary>The settings, or null when a required one is missing or unreadable (each reported with its cell).</summary>
    public static FrameworkSettings? Read(SheetRows sheet, UploadLimits limits, List<WorkbookProblem> problems)
    {
        var before = problems.Count;
        var cells = new Dictionary<string, string>(StringComparer.Ordinal);
        string? Value(string label, bool required, int maxLength)
        {
            var found = sheet.Rows.FirstOrDefault(r => r.Cells.TryGetValue("A", out var a) && SheetRows.Normalize(a) == label);
            if (found.Cells is null)
            {
                problems.Add(new WorkbookProblem("authoring.setting_missing", $"“{SettingsSheet}”工作表中找不到“{label}”一行。",
                    $"Sheet \"{SettingsSheet}\" has no row labelled \"{label}\".", SettingsSheet));
                return null;
            }

            var cell = SheetRows.Address(Settings.ValueColumn, found.Row);
            cells[label] = cell;
            var text = found.Cells.GetValueOrDefault(Settings.ValueColumn)?.Trim() ?? "";
            if (required && text.Length == 0)
            {
                problems.Add(new WorkbookProblem("authoring.setting_required", $"请填写“{label}”。", $"Fill in \"{label}\".", SettingsSheet, cell));
                return null;
            }

            if (text.Length > Math.Min(maxLength, limits.MaxCellText))
            {
                problems.Add(new WorkbookProblem("authoring.too_long", string.Create(CultureInfo.InvariantCulture, $"“{label}”不能超过 {maxLength} 个字符。"),
                    string.Create(CultureInfo.InvariantCulture, $"\"{label}\" may not exceed {maxLength} characters."), SettingsSheet, cell));
                return null;
            }

            return text;
        }

        var code = Value(Settings.Code, true, FrameworkLimits.CodeLength);
        var name = Value(Settings.Name, true, FrameworkLimits.NameLength);
        var version = Value(Settings.Version, true, FrameworkLimits.VersionLength);
        var totalText = Value(Settings.TotalPoints, true, 50);
        decimal total = 0;
        if (totalText is not null && !Number(totalText, out total))
        {
            problems.Add(new WorkbookProblem("authoring.not_a_number", $"总分“{totalText}”不是数字。", $"The total \"{totalText}\" is not a number.",
                SettingsSheet, cells[Settings.TotalPoints]));
        }

        var kinds = Kinds(Value(Settings.ApplicableKinds, false, limits.MaxCellText), cells.GetValueOrDefault(Settings.ApplicableKinds), problems);
        var individual = Value(Settings.IndividualDimension, false, FrameworkLimits.IndicatorCodeLength);
        var pools = Pools(sheet, problems);
        if (problems.Count > before)
        {
            return null;
        }

        return new FrameworkSettings(code!, name!, version!, total, kinds, string.IsNullOrEmpty(individual) ? null : individual, pools, cells);
    }

    /// <summary>Numbers as typed or as Excel stores them; a trailing 分 is allowed.</summary>
    public static bool Number(string text, out decimal value)
    {
        var key = RuleSyntax.Key(text);
        return RuleParser.TryNumber(key.EndsWith('分') ? key[..^1] : key, out value);
    }

    private static List<UnitKind> Kinds(string? text, string? cell, List<WorkbookProblem> problems)
    {
        var kinds = new List<UnitKind>();
        foreach (var item in (text ?? "").Split(KindSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var key = RuleSyntax.Key(item);
            var kind = Enum.GetValues<UnitKind>().Select(k => (UnitKind?)k).FirstOrDefault(k =>
                RuleSyntax.Key(UnitKinds.NameZh(k!.Value)) == key || string.Equals(k.Value.ToString(), key, StringComparison.OrdinalIgnoreCase)
                || (k == UnitKind.Township && key is "乡镇" or "街道"));
            if (kind is null)
            {
                var known = string.Join("、", Enum.GetValues<UnitKind>().Select(UnitKinds.NameZh));
                problems.Add(new WorkbookProblem("authoring.unit_kind_unknown", $"单位类型“{item}”无法识别，应为：{known}。",
                    $"Unit kind \"{item}\" is not known; use: {known}.", SettingsSheet, cell));
                continue;
            }

            kinds.Add(kind.Value);
        }

        return kinds;
    }

    private static List<BonusPool> Pools(SheetRows sheet, List<WorkbookProblem> problems)
    {
        var pools = new List<BonusPool>();
        var header = sheet.Find(Settings.PoolCode);
        if (header is null)
        {
            return pools;
        }

        var headerCells = sheet.Rows[header.Value.Index].Cells;
        string? Letter(string text) => headerCells.FirstOrDefault(kv => SheetRows.Normalize(kv.Value) == SheetRows.Normalize(text)).Key;
        var codeColumn = header.Value.Column;
        var nameColumn = Letter(Settings.PoolName) ?? SheetRows.ColumnName(SheetRows.ColumnIndex(codeColumn) + 1);
        var capColumn = Letter(Settings.PoolCap) ?? SheetRows.ColumnName(SheetRows.ColumnIndex(codeColumn) + 2);
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (row, cells) in sheet.Rows.Skip(header.Value.Index + 1))
        {
            var code = cells.GetValueOrDefault(codeColumn)?.Trim() ?? "";
            var name = cells.GetValueOrDefault(nameColumn)?.Trim() ?? "";
            var capText = cells.GetValueOrDefault(capColumn)?.Trim() ?? "";
            if (code.Length == 0 && name.Length == 0 && capText.Length == 0)
            {
                continue;
            }

            if (code.Length == 0 || code.Length > FrameworkLimits.CodeLength || !codes.Add(code))
            {
                problems.Add(new WorkbookProblem("framework.bonus_pool_code", $"加分池编码“{code}”为空、过长或重复。",
                    $"Bonus pool code \"{code}\" is empty, too long or repeated.", SettingsSheet, SheetRows.Address(codeColumn, row)));
                continue;
            }

            if (!Number(capText, out var cap) || cap <= 0)
            {
                problems.Add(new WorkbookProblem("framework.bonus_pool_cap", $"加分池 {code} 的上限“{capText}”应为大于 0 的数字。",
                    $"Bonus pool {code}: the cap \"{capText}\" must be a number greater than 0.", SettingsSheet, SheetRows.Address(capColumn, row)));
                continue;
            }

            pools.Add(new BonusPool(code, name, cap));
        }

        return pools;
    }
}
