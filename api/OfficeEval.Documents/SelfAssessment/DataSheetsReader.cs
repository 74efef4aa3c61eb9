using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using OfficeEval.Core.Scoring;
using OfficeEval.Core.Workload;
using static OfficeEval.Documents.SelfAssessment.SheetRows;
using static OfficeEval.Documents.SelfAssessment.WorkbookLayout;

namespace OfficeEval.Documents.SelfAssessment;

/// <summary>
/// Reads 基本情况, 编制与人员 and 工作量测算. Form lines are found by their label, table columns by their header, so
/// inserted rows and columns do not matter. Figures the office supplied (核定编制, 核定领导职数) are taken from the
/// template, never from the cells.
/// </summary>
internal static class DataSheetsReader
{
    private static readonly string[] DateFormats = ["yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyy年M月d日", "yyyyMMdd"];

    /// <summary>Reads the three sheets; <paramref name="factCells"/> receives where each 编制与人员 line was found, by key.</summary>
    public static UnitDataTables Read(WorkbookPart workbookPart, string[] strings, SelfAssessmentTemplate template, UploadLimits limits,
        List<WorkbookProblem> problems, Dictionary<string, string> factCells)
    {
        var basics = Form(workbookPart, strings, WorkbookLayout.BasicsSheet, Basics.Sections, limits, problems);
        var staffing = Form(workbookPart, strings, WorkbookLayout.StaffingSheet, Staffing.Sections, limits, problems);
        var (tasks, staff) = ReadWorkload(workbookPart, strings, limits, problems);

        var unitBasics = basics is null ? new UnitBasics() : new UnitBasics
        {
            Functions = basics.Text(Basics.Functions),
            InternalDivisions = basics.Count(Basics.InternalDivisions),
            AffiliatedInstitutions = basics.Count(Basics.AffiliatedInstitutions),
            FilledBy = basics.Text(Basics.FilledBy),
            Phone = basics.Text(Basics.Phone),
            FilledOn = basics.Date(Basics.FilledOn),
        };

        staffing?.CopyCellsTo(factCells);
        if (staffing is null)
        {
            return new UnitDataTables { Basics = unitBasics, WorkloadTasks = tasks, WorkloadStaff = staff };
        }

        var ages = staffing.Counts(Staffing.AgeUpTo35, Staffing.Age36To50, Staffing.Age51To60, Staffing.AgeOver60);
        var education = staffing.Counts(Staffing.Postgraduate, Staffing.Undergraduate, Staffing.College);
        var facts = new UnitFacts
        {
            ApprovedEstablishment = template.Unit.ApprovedEstablishment ?? staffing.Count(Staffing.ApprovedEstablishment),
            ActualStaff = staffing.Count(Staffing.ActualStaff),
            ApprovedLeadershipPosts = template.Unit.ApprovedLeadershipPosts ?? staffing.Count(Staffing.ApprovedLeadershipPosts),
            ActualLeadershipPosts = staffing.Count(Staffing.ActualLeadershipPosts),
            BusinessDivisionStaff = staffing.Count(Staffing.BusinessDivisionStaff),
            TotalStaff = staffing.Count(Staffing.TotalStaff),
            AgeBands = ages is null ? null : new AgeBandCounts(ages[0], ages[1], ages[2], ages[3]),
        };

        staffing.CheckSum(facts.ActualStaff, ages, Staffing.AgeTotal, "人员年龄结构", "age bands");
        staffing.CheckSum(facts.ActualStaff, education, Staffing.EducationTotal, "人员学历结构", "education");
        return new UnitDataTables
        {
            Basics = unitBasics,
            Facts = facts,
            Education = education is null ? null : new EducationCounts(education[0], education[1], education[2]),
            WorkloadTasks = tasks,
            WorkloadStaff = staff,
        };
    }

    private static FormValues? Form(WorkbookPart workbookPart, string[] strings, string name, IReadOnlyList<FormSection> sections, UploadLimits limits, List<WorkbookProblem> problems)
    {
        var sheet = SheetRows.Load(workbookPart, name, strings);
        if (sheet is null)
        {
            problems.Add(SheetMissing(name));
            return null;
        }

        // Lines by normalized label: the value is the first filled cell right of the label.
        var labels = sections.SelectMany(s => s.Lines).ToDictionary(l => Normalize(l.Label), l => l, StringComparer.Ordinal);
        var found = new Dictionary<string, (string Text, string Cell, FormLine Line)>(StringComparer.Ordinal);
        foreach (var (row, cells) in sheet.Rows)
        {
            foreach (var (column, text) in cells.OrderBy(c => ColumnIndex(c.Key)))
            {
                if (!labels.TryGetValue(Normalize(text), out var line) || found.ContainsKey(line.Key))
                {
                    continue;
                }

                var valueColumn = ColumnName(ColumnIndex(column) + 1);
                found[line.Key] = (cells.GetValueOrDefault(valueColumn) ?? "", Address(valueColumn, row), line);
                break;
            }
        }

        return new FormValues(name, found, limits, problems);
    }

    private static WorkbookProblem SheetMissing(string name) => new("sheet.missing",
        $"工作簿中没有“{name}”工作表，相关数据按未填写处理。", $"The workbook has no \"{name}\" sheet; its data is treated as not filled.", name)
    { IsWarning = true };

    private static (IReadOnlyList<WorkloadTask> Tasks, int? Staff) ReadWorkload(WorkbookPart workbookPart, string[] strings, UploadLimits limits, List<WorkbookProblem> problems)
    {
        var name = WorkbookLayout.WorkloadSheet;
        var sheet = SheetRows.Load(workbookPart, name, strings);
        if (sheet is null)
        {
            problems.Add(SheetMissing(name));
            return ([], null);
        }

        int? staff = null;
        if (sheet.Find(Workload.StaffLabel) is { } staffLabel)
        {
            var (row, cells) = sheet.Rows[staffLabel.Index];
            var value = cells.Where(c => ColumnIndex(c.Key) > ColumnIndex(staffLabel.Column)).OrderBy(c => ColumnIndex(c.Key)).FirstOrDefault();
            if (value.Key is not null && !value.Value.StartsWith("标准工作时间", StringComparison.Ordinal))
            {
                staff = WholeNumber(Normalize(value.Value), name, Address(value.Key, row), problems, minimum: 1);
            }
        }

        if (sheet.Find(Workload.Task.Header) is not { } header)
        {
            problems.Add(new WorkbookProblem("upload.column_missing", $"“{name}”工作表缺少“{Workload.Task.Header}”表头。",
                $"Sheet \"{name}\" has no \"{Workload.Task.Header}\" header.", name) { IsWarning = true });
            return ([], staff);
        }

        var headerCells = sheet.Rows[header.Index].Cells;
        string? ColumnFor(TableColumn column) => headerCells.FirstOrDefault(kv => Normalize(kv.Value) == Normalize(column.Header)).Key;
        var taskColumn = header.Column;
        var countColumn = ColumnFor(Workload.Count);
        var minutesColumn = ColumnFor(Workload.Minutes);
        var difficultyColumn = ColumnFor(Workload.Difficulty);

        var tasks = new List<WorkloadTask>();
        foreach (var (row, cells) in sheet.Rows.Skip(header.Index + 1))
        {
            string Value(string? column) => column is null ? "" : Normalize(cells.GetValueOrDefault(column) ?? "");
            var task = Value(taskColumn);
            if (task == "合计" || task.StartsWith("人均", StringComparison.Ordinal) || task.StartsWith("工作饱满度", StringComparison.Ordinal))
            {
                continue;
            }

            var countText = Value(countColumn);
            var minutesText = Value(minutesColumn);
            var difficultyText = Value(difficultyColumn);
            if (task.Length == 0 && countText.Length == 0 && minutesText.Length == 0 && difficultyText.Length == 0)
            {
                continue;
            }

            var before = problems.Count;
            if (task.Length == 0)
            {
                problems.Add(new WorkbookProblem("workload.task_missing", "填写了工作量，但没有填写工作任务名称。",
                    "Workload figures are filled in but the task has no name.", name, Address(taskColumn, row)));
            }
            else if (task.Length > 200)
            {
                problems.Add(new WorkbookProblem("cell.too_long", "工作任务名称超过 200 个字符。", "The task name is longer than 200 characters.", name, Address(taskColumn, row)));
            }

            var count = NonNegative(countText, "年工作量", "annual count", name, countColumn, row, problems);
            var minutes = NonNegative(minutesText, "标准用时", "standard minutes", name, minutesColumn, row, problems);
            var difficulty = 1m;
            if (difficultyText.Length > 0)
            {
                if (ParseNumber(difficultyText) is { } d && d > 0 && d <= 10)
                {
                    difficulty = d;
                }
                else
                {
                    problems.Add(new WorkbookProblem("workload.difficulty_invalid", $"难度系数“{difficultyText}”应为大于 0、不超过 10 的数字。",
                        $"Difficulty \"{difficultyText}\" must be a number above 0 and at most 10.", name, Address(difficultyColumn!, row)));
                }
            }

            if (problems.Count == before && (count is null || minutes is null))
            {
                problems.Add(new WorkbookProblem("workload.incomplete", $"工作任务“{task}”缺少年工作量或标准用时。",
                    $"Task \"{task}\" lacks its annual count or standard minutes.", name, Address((count is null ? countColumn : minutesColumn) ?? taskColumn, row)));
            }

            if (problems.Count == before)
            {
                tasks.Add(new WorkloadTask(task, count!.Value, minutes!.Value, difficulty));
            }
        }

        return (tasks, staff);
    }

    private static decimal? NonNegative(string text, string labelZh, string labelEn, string sheet, string? column, int row, List<WorkbookProblem> problems)
    {
        if (text.Length == 0 || column is null)
        {
            return null;
        }

        if (ParseNumber(text) is { } value && value >= 0)
        {
            return value;
        }

        problems.Add(new WorkbookProblem("cell.not_a_number", $"{labelZh}“{text}”应为不小于 0 的数字。",
            $"The {labelEn} \"{text}\" must be a number of at least 0.", sheet, Address(column, row)));
        return null;
    }

    internal static int? WholeNumber(string text, string sheet, string cell, List<WorkbookProblem> problems, int minimum = 0)
    {
        if (text.Length == 0)
        {
            return null;
        }

        if (ParseNumber(text) is { } value && value == decimal.Truncate(value) && value >= minimum && value <= int.MaxValue)
        {
            return (int)value;
        }

        problems.Add(new WorkbookProblem("cell.not_whole",
            string.Create(CultureInfo.InvariantCulture, $"“{text}”应为不小于 {minimum} 的整数。"),
            string.Create(CultureInfo.InvariantCulture, $"\"{text}\" must be a whole number of at least {minimum}."), sheet, cell));
        return null;
    }

    /// <summary>The values of one form sheet, read on demand with their problems recorded.</summary>
    private sealed class FormValues(string sheet, Dictionary<string, (string Text, string Cell, FormLine Line)> lines, UploadLimits limits, List<WorkbookProblem> problems)
    {
        public string? Text(string key)
        {
            if (!lines.TryGetValue(key, out var line))
            {
                return null;
            }

            var text = line.Text.Trim();
            if (text.Length > limits.MaxCellText)
            {
                problems.Add(new WorkbookProblem("cell.too_long", $"单元格内容超过 {limits.MaxCellText} 个字符。",
                    $"The cell holds more than {limits.MaxCellText} characters.", sheet, line.Cell));
                return null;
            }

            return text.Length == 0 ? null : text;
        }

        public void CopyCellsTo(Dictionary<string, string> cells)
        {
            foreach (var (key, line) in lines)
            {
                cells[key] = line.Cell;
            }
        }

        public int? Count(string key) =>
            lines.TryGetValue(key, out var line) ? WholeNumber(Normalize(line.Text), sheet, line.Cell, problems) : null;

        /// <summary>All the counts, blanks as 0, when at least one is filled and all are valid; otherwise null.</summary>
        public int[]? Counts(params string[] keys)
        {
            var before = problems.Count;
            var values = keys.Select(Count).ToArray();
            return problems.Count > before || values.All(v => v is null) ? null : [.. values.Select(v => v ?? 0)];
        }

        public DateOnly? Date(string key)
        {
            if (!lines.TryGetValue(key, out var line) || Normalize(line.Text) is not { Length: > 0 } text)
            {
                return null;
            }

            if (ParseNumber(text) is { } serial && serial is > 1 and < 2958466 && serial == decimal.Truncate(serial))
            {
                return DateOnly.FromDateTime(DateTime.FromOADate((double)serial));
            }

            if (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            problems.Add(new WorkbookProblem("cell.not_a_date", $"“{text}”不是有效日期，请按 2026-11-30 的格式填写。",
                $"\"{text}\" is not a valid date; write it as 2026-11-30.", sheet, line.Cell));
            return null;
        }

        /// <summary>A warning when a structure's counts do not add up to the staff in post.</summary>
        public void CheckSum(int? actualStaff, int[]? counts, string totalKey, string nameZh, string nameEn)
        {
            if (actualStaff is not { } staff || counts is null || counts.Sum() == staff)
            {
                return;
            }

            var cell = lines.TryGetValue(totalKey, out var total) ? total.Cell : null;
            problems.Add(new WorkbookProblem("data.sum_mismatch",
                string.Create(CultureInfo.InvariantCulture, $"{nameZh}合计 {counts.Sum()} 人，与实有人数 {staff} 人不一致，请核对。"),
                string.Create(CultureInfo.InvariantCulture, $"The {nameEn} add up to {counts.Sum()}, but {staff} staff are in post; check the figures."),
                sheet, cell)
            { IsWarning = true });
        }
    }
}
