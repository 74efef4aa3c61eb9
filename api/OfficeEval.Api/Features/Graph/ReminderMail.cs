using System.Globalization;
using System.Net;
using System.Text;
using OfficeEval.Api.Features.Campaigns;

namespace OfficeEval.Api.Features.Graph;

/// <summary>The text of a deadline reminder (zh-CN, as the offices write to units): every value HTML-encoded.</summary>
public static class ReminderMail
{
    /// <summary>Who a reminder is for: the unit's staff, or the reviewers assigned to the unit.</summary>
    public enum Audience
    {
        UnitStaff,
        Reviewers,
    }

    public static (string Subject, string HtmlBody) Compose(
        Campaign campaign, string stageName, DateOnly due, Unit unit, string statusZh, Audience audience, IReadOnlyList<CampaignContact> contacts)
    {
        var dueText = due.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);
        var subject = $"【{campaign.Name}】{stageName}已逾期提醒：{unit.Name}";
        var html = new StringBuilder();
        html.Append("<html><body style=\"font-family:'Microsoft YaHei',sans-serif;font-size:14px\">");
        if (audience == Audience.UnitStaff)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{E(unit.Name)}：</p>");
            html.Append(CultureInfo.InvariantCulture,
                $"<p>{E(campaign.Name)}的“{E(stageName)}”阶段已于 {E(dueText)} 截止。贵单位目前的状态为“{E(statusZh)}”，该阶段尚未完成。请尽快在 Excel 中打开评估加载项完成填报并提交。</p>");
        }
        else
        {
            html.Append("<p>评估组各位同志：</p>");
            html.Append(CultureInfo.InvariantCulture,
                $"<p>{E(campaign.Name)}的“{E(stageName)}”阶段已于 {E(dueText)} 截止。您负责的被评估单位“{E(unit.Name)}”（{E(unit.Code)}）目前的状态为“{E(statusZh)}”，该阶段尚未完成。请尽快在 Word 中打开评估加载项完成评估。</p>");
        }

        var reachable = contacts.Where(c => !string.IsNullOrWhiteSpace(c.Name)).ToList();
        if (reachable.Count > 0)
        {
            html.Append("<p>如有疑问，请联系：</p><ul>");
            foreach (var contact in reachable)
            {
                var parts = new[] { contact.Role, contact.Phone, contact.Email }.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => E(p!));
                html.Append(CultureInfo.InvariantCulture, $"<li>{E(contact.Name)}（{string.Join("，", parts)}）</li>");
            }

            html.Append("</ul>");
        }

        html.Append("<p style=\"color:#666\">此邮件由评估系统自动发送，请勿直接回复。</p></body></html>");
        return (subject, html.ToString());
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
