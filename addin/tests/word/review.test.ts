import { describe, expect, it } from "vitest";
import type { ReviewItem } from "../../src/shared/api";
import type { DocumentComment } from "../../src/word/document";
import {
  appendComments,
  changeOf,
  commentMarker,
  fileComments,
  isPaneComment,
  paneCommentText,
  parseVerifiedScore,
  withProblem,
} from "../../src/word/review";

const item: ReviewItem = {
  indicatorCode: "1.1.1", name: "主责主业履行情况", dimensionCode: "1", points: 8, role: "Regular", selfScore: 8, computedScore: 6.4,
  verifiedScore: 6, verifiedFinding: null, comment: "第一行", problems: [{ description: "台账不全", requirement: "补齐" }],
};

function comment(id: string, content: string, control: DocumentComment["control"] = null, authorName = "李四"): DocumentComment {
  return { id, content, authorName, resolved: false, control };
}

describe("parseVerifiedScore", () => {
  it("accepts 0 to the points with two decimals, blank as none, full-width digits as typed with a Chinese IME", () => {
    expect(parseVerifiedScore("", 8)).toEqual({ ok: true, value: null });
    expect(parseVerifiedScore(" 6.25 ", 8)).toEqual({ ok: true, value: 6.25 });
    expect(parseVerifiedScore("０", 8)).toEqual({ ok: true, value: 0 });
    expect(parseVerifiedScore("７．５", 8)).toEqual({ ok: true, value: 7.5 });
    expect(parseVerifiedScore("8", 8)).toEqual({ ok: true, value: 8 });
  });

  it("refuses what the API would refuse, with the reason", () => {
    expect(parseVerifiedScore("8.5", 8)).toEqual({ ok: false, key: "review.score.range", params: { points: 8 } });
    expect(parseVerifiedScore("-1", 8)).toEqual({ ok: false, key: "review.score.notNumber" });
    expect(parseVerifiedScore("六", 8)).toEqual({ ok: false, key: "review.score.notNumber" });
    expect(parseVerifiedScore("1e1", 8)).toEqual({ ok: false, key: "review.score.notNumber" });
    expect(parseVerifiedScore("6.125", 8)).toEqual({ ok: false, key: "review.score.decimals" });
  });
});

describe("changeOf and withProblem", () => {
  it("send the whole item back, since a PUT replaces it, and add a problem only once", () => {
    expect(changeOf(item)).toEqual({ verifiedScore: 6, verifiedFinding: null, comment: "第一行", problems: [{ description: "台账不全", requirement: "补齐" }] });
    expect(withProblem(item, { description: "制度缺失", requirement: null }).problems).toHaveLength(2);
    expect(withProblem(item, { description: " 台账不全 " }).problems).toHaveLength(1);
    expect(item.problems).toHaveLength(1); // the item itself is not changed
  });
});

describe("comment markers", () => {
  it("are stable per Word comment id and differ between ids", () => {
    expect(commentMarker("{A1B2}")).toBe(commentMarker("{A1B2}"));
    expect(commentMarker("{A1B2}")).not.toBe(commentMarker("{A1B3}"));
    expect(commentMarker("{A1B2}")).toMatch(/^\[Word#[0-9a-f]{8}\]$/);
  });

  it("append each comment once, on one line, whatever was in the item's comment before", () => {
    const first = appendComments("第一行", [comment("c1", "台账\r不全"), comment("c2", "  "), comment("c3", "已核实", null, "")]);
    expect(first.comment).toBe(`第一行\n${commentMarker("c1")} 李四：台账 不全\n${commentMarker("c3")} 已核实`);
    expect(first.added.map((c) => c.id)).toEqual(["c1", "c3"]);
    const again = appendComments(first.comment, [comment("c1", "台账不全（改过）"), comment("c4", "新的")]);
    expect(again.added.map((c) => c.id)).toEqual(["c4"]);
    expect(appendComments(null, []).comment).toBeNull();
  });
});

describe("fileComments", () => {
  it("files comments by their control, by tag or title when the navigator did not list it; the pane's own and those outside apart", () => {
    const indicators = [{ controlId: 11, code: "1.1.2", title: "", text: "", by: "tag" as const }];
    const filed = fileComments(
      [
        comment("c1", "在 1.1.2", { id: 11, tag: "", title: "" }),
        comment("c2", "在 1.1.1", { id: 99, tag: "officeeval:indicator:1.1.1", title: "" }),
        comment("c3", "按标题", { id: 98, tag: "", title: "2.1.2 擅自调整职责" }),
        comment("c4", paneCommentText("自己写的")),
        comment("c5", "正文中"),
        comment("c6", "别的控件", { id: 97, tag: "other", title: "1.1.1 x" }),
      ],
      indicators,
      new Set(["1.1.1", "1.1.2", "2.1.2"]),
    );
    expect([...filed.byCode].map(([code, list]) => [code, list.map((c) => c.id)])).toEqual([["1.1.2", ["c1"]], ["1.1.1", ["c2"]], ["2.1.2", ["c3"]]]);
    expect(filed.outside.map((c) => c.id)).toEqual(["c5", "c6"]);
    expect(filed.fromPane).toBe(1);
    expect(isPaneComment(" 【评估意见】x")).toBe(true);
  });
});
