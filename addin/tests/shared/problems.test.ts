import { describe, expect, it } from "vitest";
import { ApiError } from "../../src/shared/api";
import { translate } from "../../src/shared/i18n";
import {
  describeError,
  formatCellReference,
  formatProblem,
  formatRate,
  formatScore,
  localizedMessage,
} from "../../src/shared/problems";

const item = {
  code: "value.required",
  messageZh: "必须填写编制数",
  messageEn: "Staffing quota is required",
  sheet: "自评表",
  cell: "D12",
};

describe("localizedMessage", () => {
  it("picks the pane's language and falls back to the other one, then detail, then title", () => {
    expect(localizedMessage(item, "zh-CN")).toBe("必须填写编制数");
    expect(localizedMessage(item, "en-US")).toBe("Staffing quota is required");
    expect(localizedMessage({ messageZh: "仅中文" }, "en-US")).toBe("仅中文");
    expect(localizedMessage({ detail: "detail text", title: "Title" }, "zh-CN")).toBe("detail text");
    expect(localizedMessage({ title: "Title" }, "zh-CN")).toBe("Title");
  });
});

describe("formatProblem", () => {
  it("keeps the location of cell problems", () => {
    expect(formatProblem(item, "zh-CN")).toEqual({
      code: "value.required",
      message: "必须填写编制数",
      location: { sheet: "自评表", cell: "D12" },
      locationLabel: "自评表!D12",
    });
  });

  it("has no location when the sheet or the cell is missing", () => {
    const withoutCell = formatProblem({ ...item, cell: null }, "en-US");
    expect(withoutCell.location).toBeNull();
    expect(withoutCell.locationLabel).toBeNull();
    expect(withoutCell.message).toBe("Staffing quota is required");
  });
});

describe("formatCellReference", () => {
  it("quotes sheet names the way Excel does", () => {
    expect(formatCellReference("Sheet1", "A1")).toBe("Sheet1!A1");
    expect(formatCellReference("数据表", "B2")).toBe("数据表!B2");
    expect(formatCellReference("My Sheet", "B2")).toBe("'My Sheet'!B2");
    expect(formatCellReference("Bob's", "C3")).toBe("'Bob''s'!C3");
    expect(formatCellReference("2026", "C3")).toBe("'2026'!C3");
  });
});

describe("describeError", () => {
  const zh = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
    translate("zh-CN", key, params);

  it("shows the server's message and its located items", () => {
    const error = new ApiError(422, {
      title: "Validation failed",
      messageZh: "工作簿有错误",
      messageEn: "The workbook has errors",
      errors: [item, { code: "x", messageZh: "无位置", messageEn: "no location" }],
    });
    const described = describeError(error, "zh-CN", zh);
    expect(described.message).toBe("工作簿有错误");
    expect(described.items.map((i) => i.locationLabel)).toEqual(["自评表!D12", null]);
  });

  it("explains network failures and bare HTTP errors", () => {
    expect(describeError(new ApiError(0, { detail: "fetch failed" }), "zh-CN", zh).message).toBe(
      "无法连接服务器，请检查网络。",
    );
    expect(describeError(new ApiError(502, { status: 502 }), "zh-CN", zh).message).toBe("请求失败（HTTP 502）。");
  });

  it("wraps other errors, such as Office failures", () => {
    expect(describeError(new Error("ItemNotFound"), "zh-CN", zh).message).toBe("发生错误：ItemNotFound");
  });
});

describe("formatRate and formatScore", () => {
  it("render the API's percentages, up to two decimals, and a dash when not scored", () => {
    expect(formatRate(87.5, "zh-CN")).toBe("87.5%");
    expect(formatRate(100, "en-US")).toBe("100%");
    expect(formatRate(66.666, "en-US")).toBe("66.67%");
    expect(formatRate(null, "zh-CN")).toBe("—");
    expect(formatScore(1234.5, "en-US")).toBe("1,234.5");
    expect(formatScore(null, "en-US")).toBe("—");
  });
});
