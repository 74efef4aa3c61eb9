using OfficeEval.Core.Scoring;
using OfficeEval.Documents.SelfAssessment;
using OfficeEval.Documents.Tests.Support;

namespace OfficeEval.Documents.Tests.SelfAssessment;

public class SelfAssessmentWorkbookTests
{
    [Fact]
    public void StructureHash_SameFramework_IsStableSixteenHexDigits()
    {
        var hash = SelfAssessmentWorkbook.StructureHash(TestTemplates.Framework());

        Assert.Equal(hash, SelfAssessmentWorkbook.StructureHash(TestTemplates.Framework()));
        Assert.Matches("^[0-9a-f]{16}$", hash);
    }

    [Fact]
    public void StructureHash_NameOnlyChange_IsUnchanged()
    {
        var framework = TestTemplates.Framework();

        Assert.Equal(SelfAssessmentWorkbook.StructureHash(framework), SelfAssessmentWorkbook.StructureHash(framework with { Name = "改名后的指标体系" }));
    }

    [Fact]
    public void StructureHash_RuleParameterChange_Changes()
    {
        var framework = TestTemplates.Framework();
        var d1 = framework.Dimensions[0];
        var inner = d1.Children[1];
        var changed = framework with
        {
            Dimensions =
            [
                d1 with { Children = [d1.Children[0], inner with { Children = [inner.Children[0] with { Rule = new DeductionRule(3m) }, inner.Children[1]] }] },
                framework.Dimensions[1],
            ],
        };

        Assert.NotEqual(SelfAssessmentWorkbook.StructureHash(framework), SelfAssessmentWorkbook.StructureHash(changed));
    }

    [Fact]
    public void StructureHash_VersionChange_Changes()
    {
        Assert.NotEqual(SelfAssessmentWorkbook.StructureHash(TestTemplates.Framework("a")), SelfAssessmentWorkbook.StructureHash(TestTemplates.Framework("b")));
    }
}
