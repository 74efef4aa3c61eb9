using OfficeEval.Documents.SelfAssessment;
using OfficeEval.Documents.Tests.SelfAssessment;

namespace OfficeEval.Documents.Tests.Frameworks;

/// <summary>
/// Damaged authoring workbooks, seeded so a failure reproduces: reading one either gives a result (with problems) or
/// refuses the file with <see cref="WorkbookRejectedException"/>, never another exception (which the API would answer
/// with a 500). Uses the self-evaluation fuzz test's damage: truncations, cuts, duplications, bad attributes, bytes.
/// </summary>
public class AuthoringFuzzTests
{
    private static readonly byte[] Written = AuthoringSamples.Write(AuthoringSamples.EveryRule());

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(100, 8)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Read_DamagedParts_ResultOrRefusalOnly(int seed)
    {
        var random = new Random(seed);
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < 60; i++)
        {
            var (damaged, how) = WorkbookFuzzTests.Damage(Written, random);
            string outcome;
            try
            {
                var read = AuthoringSamples.Read(damaged);
                outcome = read.IsValid ? "read" : "problems";
            }
            catch (WorkbookRejectedException e)
            {
                outcome = e.Code;
            }
            catch (Exception e)
            {
                Assert.Fail($"seed {seed}, case {i}: {how} threw {e.GetType().Name}: {e.Message}");
                return;
            }

            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        Assert.True(outcomes.Count > 1, "every damaged file ended the same way: " + string.Join(", ", outcomes));
    }
}
