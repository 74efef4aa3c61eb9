namespace OfficeEval.Core.Surveys;

/// <summary>One unit's running counts, flat arrays indexed by slot = indicator × groups + group.</summary>
internal sealed class Tally(int slots, int itemCount, int groupCount)
{
    public int[] Counts { get; } = new int[slots * SurveyAggregator.Bins];
    public int[] SlotRespondents { get; } = new int[slots];
    public int[] SlotSeenBy { get; } = Filled(slots);
    public int[] ItemSeenBy { get; } = Filled(itemCount);
    public int[] GroupRespondents { get; } = new int[groupCount];
    /// <summary>Invalid answers per (problem code, item or group); null until the first one.</summary>
    public Dictionary<(string Code, string Key), int>? Invalid { get; private set; }
    public int Valid { get; set; }
    public int InvalidCount { get; private set; }

    public void Reject(string code, string key, int count)
    {
        InvalidCount += count;
        var invalid = Invalid ??= [];
        invalid[(code, key)] = invalid.GetValueOrDefault((code, key)) + count;
    }

    private static int[] Filled(int length)
    {
        var array = new int[length];
        Array.Fill(array, -1);
        return array;
    }
}
