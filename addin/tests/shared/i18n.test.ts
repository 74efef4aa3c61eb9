import { describe, expect, it, vi } from "vitest";
import { createI18n, otherLocale, parseLocale, translate } from "../../src/shared/i18n";

describe("translate", () => {
  it("speaks Chinese by default and English on request", () => {
    const i18n = createI18n();
    expect(i18n.locale).toBe("zh-CN");
    expect(i18n.t("excel.insert")).toBe("插入自评模板");
    expect(i18n.t("excel.upload")).toBe("上传并计分");
    expect(translate("en-US", "excel.upload")).toBe("Upload and score");
  });

  it("fills named parameters and leaves unknown ones visible", () => {
    expect(translate("zh-CN", "problems.goto", { cell: "自评表!C5" })).toBe("定位到 自评表!C5");
    expect(translate("en-US", "problems.heading", { count: 3 })).toBe("Problems (3)");
    expect(translate("en-US", "problems.heading", {})).toBe("Problems ({count})");
  });
});

describe("locale choice", () => {
  it("parses stored preferences, defaulting to zh-CN", () => {
    expect(parseLocale(null)).toBe("zh-CN");
    expect(parseLocale("")).toBe("zh-CN");
    expect(parseLocale("zh-TW")).toBe("zh-CN");
    expect(parseLocale("en-US")).toBe("en-US");
    expect(parseLocale("EN-gb")).toBe("en-US");
  });

  it("switches and notifies listeners once per change", () => {
    const i18n = createI18n("zh-CN");
    const listener = vi.fn();
    i18n.onChange(listener);
    i18n.setLocale(otherLocale(i18n.locale));
    i18n.setLocale("en-US");
    expect(i18n.locale).toBe("en-US");
    expect(i18n.t("signin.submit")).toBe("Sign in");
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener).toHaveBeenCalledWith("en-US");
    expect(i18n.t("lang.switch")).toBe("中文");
  });
});
