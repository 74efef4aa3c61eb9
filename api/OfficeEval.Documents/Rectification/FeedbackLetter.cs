using OfficeEval.Documents.Reports;

namespace OfficeEval.Documents.Rectification;

/// <summary>
/// The feedback letter to one unit (问题清单及整改意见函), a GB/T 9704 公文 on the reports' page, styles and page numbers:
/// 版头 (issuer in red, document number, red rule), title, 主送 the unit; 一、评估结果 (score and grade when given);
/// 二、发现的主要问题及整改意见, by category (（一）职责履行方面 …), each problem with its indicator, 整改要求 and
/// 整改时限; 三、整改工作要求 — rectify item by item, report by the day given, closing (销号) after verification;
/// 落款 and date, the contact as 附注, and the 版记 (抄送, 印发) at the foot of the last page.
/// </summary>
public static class FeedbackLetter
{
    /// <summary>Writes the letter of <paramref name="model"/> as .docx to <paramref name="output"/>.</summary>
    public static void Write(FeedbackLetterModel model, Stream output)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(output);
        var title = TitleOf(model);
        var issuer = model.Campaign.Issuer.Trim();
        using var document = ReportDocument.Create(output, title, model.IssuedOn);
        document.Masthead(issuer, model.DocumentNumber);
        document.Title(title);
        document.Blank();
        document.Addressee(model.Unit.Name);
        document.Paragraph($"根据{model.Campaign.Name}工作安排，经单位自评、初审和实地评估，现将你单位评估结果、发现的主要问题及整改意见反馈如下。");

        document.Heading(1, "一、评估结果");
        document.Paragraph(Outcome(model));

        document.Heading(1, "二、发现的主要问题及整改意见");
        Problems(document, model.Problems);

        document.Heading(1, model.Problems.Count == 0 ? "三、有关要求" : "三、整改工作要求");
        Requirements(document, model, issuer);

        document.Signature(issuer, model.IssuedOn);
        if (Contact(model) is { } contact)
        {
            document.Paragraph(contact);
        }

        document.Colophon(model.CopyTo, issuer, model.PrintedOn ?? model.IssuedOn);
    }

    /// <summary>The model's title, or 关于反馈{campaign}发现问题及整改意见的函.</summary>
    public static string TitleOf(FeedbackLetterModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Title is { Length: > 0 } title ? title : $"关于反馈{model.Campaign.Name}发现问题及整改意见的函";
    }

    /// <summary>The problems' categories in the letter's order: the five of the ledger first, then any other as first met.</summary>
    internal static List<IGrouping<string, FeedbackProblem>> ByCategory(IReadOnlyList<FeedbackProblem> problems) =>
    [
        .. problems.GroupBy(p => p.Category.Trim().Length == 0 ? RectificationTexts.OtherCategory : p.Category.Trim(), StringComparer.Ordinal)
            .Select((group, first) => (Group: group, Order: RectificationTexts.Categories.ToList().IndexOf(group.Key) is var i and >= 0 ? i : RectificationTexts.Categories.Count + first))
            .OrderBy(g => g.Order)
            .Select(g => g.Group),
    ];

    private static string Outcome(FeedbackLetterModel model)
    {
        var score = model.Total is { } total
            ? $"核定得分为{ReportText.N(total)}分" + (model.MaxTotal is { } max ? $"（满分{ReportText.N(max)}分）" : "")
            : null;
        var grade = model.Grade is { Length: > 0 } g ? $"评估等次为{g}" : null;
        var outcome = (score, grade) switch
        {
            (null, null) => "你单位评估结果待定档后另行通知",
            (null, _) => "你单位" + grade,
            (_, null) => "你单位" + score,
            _ => $"你单位{score}，{grade}",
        };
        var count = model.Problems.Count;
        return outcome + (count == 0
            ? "。"
            : $"。评估共发现需要整改的问题{count}个，涉及{string.Join("、", ByCategory(model.Problems).Select(c => c.Key))}等方面。");
    }

    private static void Problems(ReportDocument document, IReadOnlyList<FeedbackProblem> problems)
    {
        if (problems.Count == 0)
        {
            document.Paragraph("经评估，未发现需要整改的问题。");
            return;
        }

        var n = 0;
        foreach (var category in ByCategory(problems))
        {
            n++;
            document.Heading(2, $"（{ReportText.Chinese(n)}）{category.Key}方面");
            var m = 0;
            foreach (var problem in category)
            {
                m++;
                var indicator = problem.IndicatorCode is { Length: > 0 } code
                    ? $"（指标：{code}{(problem.IndicatorName is { Length: > 0 } name ? " " + name : "")}）"
                    : "";
                document.Paragraph($"{m}.{EvaluationReport.Sentence(problem.Description)}{indicator}");
                document.Labelled("整改要求：", problem.Requirement.Trim().Length > 0 ? EvaluationReport.Sentence(problem.Requirement) : "对照评估意见限期整改。");
                document.Labelled("整改时限：", ReportText.Date(problem.Deadline) + "前。");
            }
        }
    }

    private static void Requirements(ReportDocument document, FeedbackLetterModel model, string issuer)
    {
        var to = issuer.Length > 0 ? issuer : "评估办公室";
        if (model.Problems.Count == 0)
        {
            document.Paragraph($"请继续严格执行机构编制管理规定，巩固评估成果，并于{ReportText.Date(model.ReportDue)}前将巩固提升情况书面报送{to}。");
            return;
        }

        document.Paragraph("1.高度重视问题整改。请对照本函所列问题，逐项制定整改措施，明确责任人和整改时限，建立整改台账，做到问题不查清不放过、整改不到位不放过。");
        document.Paragraph($"2.按时报送整改情况。请于{ReportText.Date(model.ReportDue)}前将整改情况书面报送{to}，并在评估系统中逐项提交整改情况和佐证材料。");
        document.Paragraph("3.实行销号管理。整改完成的问题经核验属实后予以销号；整改不到位的退回继续整改；逾期未完成整改的予以通报。整改情况将作为下一年度评估的重要内容。");
    }

    /// <summary>附注 (7.3.7): the contact in brackets under the date, two characters in; null when none is given.</summary>
    private static string? Contact(FeedbackLetterModel model)
    {
        var parts = new List<string>();
        if (model.ContactPerson is { Length: > 0 } person)
        {
            parts.Add("联系人：" + person.Trim());
        }

        if (model.ContactPhone is { Length: > 0 } phone)
        {
            parts.Add("联系电话：" + phone.Trim());
        }

        return parts.Count == 0 ? null : "（" + string.Join("；", parts) + "）";
    }
}
