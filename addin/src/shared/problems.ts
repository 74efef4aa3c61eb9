import type { ProblemDetails, ProblemItem } from "./api";
import { ApiError } from "./api";
import type { Locale, MessageKey, MessageParams, Translate } from "./i18n";

/** A problem the pane finds itself (before any request), shown in the pane's language. */
export class PaneError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly params?: MessageParams,
  ) {
    super(key);
    this.name = "PaneError";
  }
}

export interface CellLocation {
  sheet: string;
  cell: string;
}

export interface FormattedProblem {
  code: string;
  message: string;
  /** Set when the item points at a cell, so Excel can select it. */
  location: CellLocation | null;
  /** `Sheet!A1`, quoted the way Excel writes references to sheets with spaces or punctuation. */
  locationLabel: string | null;
}

type Localized = Pick<ProblemDetails, "messageZh" | "messageEn" | "detail" | "title">;

/** The message in the pane's language, falling back to the other language and then to detail/title. */
export function localizedMessage(source: Localized, locale: Locale): string {
  const [first, second] =
    locale === "en-US" ? [source.messageEn, source.messageZh] : [source.messageZh, source.messageEn];
  return first || second || source.detail || source.title || "";
}

const PLAIN_SHEET_NAME = /^[A-Za-z_\u4e00-\u9fff][\w.\u4e00-\u9fff]*$/;

export function formatCellReference(sheet: string, cell: string): string {
  const name = PLAIN_SHEET_NAME.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  return `${name}!${cell}`;
}

export function formatProblem(item: ProblemItem, locale: Locale): FormattedProblem {
  const location = item.sheet && item.cell ? { sheet: item.sheet, cell: item.cell } : null;
  return {
    code: item.code,
    message: localizedMessage(item, locale),
    location,
    locationLabel: location ? formatCellReference(location.sheet, location.cell) : null,
  };
}

/** Headline and item list for any error the pane shows: API problems, network failures, Office errors. */
export function describeError(
  error: unknown,
  locale: Locale,
  t: Translate,
): { message: string; items: FormattedProblem[] } {
  if (error instanceof PaneError) return { message: t(error.key, error.params), items: [] };
  if (error instanceof ApiError) {
    if (error.isNetworkError) return { message: t("error.network"), items: [] };
    const message = localizedMessage(error.problem, locale) || t("error.http", { status: error.status });
    return { message, items: (error.problem.errors ?? []).map((i) => formatProblem(i, locale)) };
  }
  const text = error instanceof Error ? error.message : String(error);
  return { message: t("error.unexpected", { message: text }), items: [] };
}

export function formatScore(value: number | null, locale: Locale): string {
  return value === null ? "—" : value.toLocaleString(locale, { maximumFractionDigits: 2 });
}

/** `rate` is a percentage, as the API sends it (87.5 → "87.5%"); null (not scored yet) → "—". */
export function formatRate(rate: number | null, locale: Locale): string {
  return rate === null ? "—" : `${rate.toLocaleString(locale, { maximumFractionDigits: 2 })}%`;
}
