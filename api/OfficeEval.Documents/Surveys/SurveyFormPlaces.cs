using static OfficeEval.Documents.Surveys.SurveyFormLayout;

namespace OfficeEval.Documents.Surveys;

/// <summary>
/// Where each field of the form was read from, by the validator's field path (<c>items[2].groups[1]</c>,
/// <c>groups[0].weight</c>, <c>choices.likert5[4]</c>, <c>title</c>), so that its problems point at cells.
/// </summary>
internal sealed class SurveyFormPlaces
{
    private readonly Dictionary<string, (string Sheet, string Cell)> _cells = new(StringComparer.Ordinal);
    private readonly Dictionary<Sheet, string> _sheets = [];

    /// <summary>Notes the name <paramref name="sheet"/> has in this workbook (it may be an alias).</summary>
    public void Sheet(Sheet sheet, string name) => _sheets[sheet] = name;

    public bool HasSheet(Sheet sheet) => _sheets.ContainsKey(sheet);

    public void Add(string field, string sheet, string cell) => _cells.TryAdd(field, (sheet, cell));

    /// <summary>
    /// The sheet and cell of <paramref name="field"/>, or of the nearest enclosing field read (<c>items[2]</c> for
    /// <c>items[2].groups</c>); for a field with no cell (<c>items</c>, a setting with no row), its sheet alone.
    /// </summary>
    public (string Sheet, string? Cell) Locate(string? field)
    {
        var path = field ?? "";
        while (path.Length > 0)
        {
            if (_cells.TryGetValue(path, out var place))
            {
                return place;
            }

            var cut = path.LastIndexOfAny(['.', '[']);
            path = cut > 0 ? path[..cut] : "";
        }

        var home = (field ?? "") switch
        {
            var f when f.StartsWith("items", StringComparison.Ordinal) => SurveySheet,
            var f when f.StartsWith("groups", StringComparison.Ordinal) => GroupsSheet,
            var f when f.StartsWith("choices", StringComparison.Ordinal) => ChoicesSheet,
            _ => SettingsSheet,
        };
        return (_sheets.GetValueOrDefault(home) ?? home.Name, null);
    }
}
