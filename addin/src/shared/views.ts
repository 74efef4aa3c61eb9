import type { Board, CampaignResults, UnitHistory, UnitResult } from "./api";
import { h } from "./dom";
import type { Locale, MessageKey, Translate } from "./i18n";
import { formatRate, formatScore, type CellLocation, type FormattedProblem } from "./problems";

export type GoToCell = (location: CellLocation) => void;

/** Problems as a list; located ones get a "go to cell" link when the host can select cells. */
export function problemList(items: readonly FormattedProblem[], t: Translate, goToCell: GoToCell | null): HTMLElement {
  return h(
    "ul",
    { class: "problems" },
    ...items.map((item) => {
      const { location, locationLabel } = item;
      let where: HTMLElement | null = null;
      if (location && locationLabel) {
        where = goToCell
          ? h(
              "button",
              { type: "button", class: "link", onclick: () => goToCell(location) },
              t("problems.goto", { cell: locationLabel }),
            )
          : h("span", { class: "cell-ref" }, locationLabel);
      }
      return h("li", { "data-code": item.code }, h("span", { class: "problem-message" }, item.message), where);
    }),
  );
}

const KNOWN_STATUSES = new Set(["NotStarted", "Drafting", "Submitted", "Returned", "Accepted", "FieldReviewed", "Final"]);

function statusLabel(status: string | undefined, t: Translate): string {
  if (!status) return "";
  return KNOWN_STATUSES.has(status) ? t(`status.${status}` as MessageKey) : status;
}

/** Ranked units by rank, then the unranked (not started) ones by code. */
export function byRank(a: UnitResult, b: UnitResult): number {
  if (a.rank !== null && b.rank !== null) return a.rank - b.rank || a.unitCode.localeCompare(b.unitCode);
  if (a.rank !== null) return -1;
  if (b.rank !== null) return 1;
  return a.unitCode.localeCompare(b.unitCode);
}

export function resultsTable(results: CampaignResults, locale: Locale, t: Translate): HTMLElement {
  if (results.units.length === 0) return h("p", { class: "muted" }, t("results.empty"));
  const rows = [...results.units].sort(byRank);
  return h(
    "table",
    { class: "data" },
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { scope: "col", class: "num" }, t("results.rank")),
        h("th", { scope: "col" }, t("results.unitCode")),
        h("th", { scope: "col" }, t("results.unit")),
        h("th", { scope: "col" }, t("results.status")),
        h("th", { scope: "col", class: "num" }, t("results.total")),
        h("th", { scope: "col", class: "num" }, t("results.rate")),
      ),
    ),
    h(
      "tbody",
      {},
      ...rows.map((u) => {
        // Before its field review is completed, a unit's own staff see their self-evaluation, marked as such.
        const official = u.verifiedVisible !== false;
        const total = official ? u.total : (u.selfTotal ?? null);
        const rate = official ? u.scoreRate : (u.selfScoreRate ?? null);
        return h(
          "tr",
          { "data-unit-id": u.unitId },
          h("td", { class: "num" }, u.rank === null ? "—" : String(u.rank)),
          h("td", {}, u.unitCode),
          h("td", {}, u.unitName),
          h("td", {}, statusLabel(u.status, t)),
          h("td", { class: "num" }, `${formatScore(total, locale)} / ${formatScore(u.maxTotal, locale)}${official ? "" : t("results.selfMark")}`),
          h("td", { class: "num" }, formatRate(rate, locale)),
        );
      }),
    ),
  );
}

const BOARD_KEYS: Record<Board, MessageKey> = {
  Green: "resultsSheet.board.Green",
  Yellow: "resultsSheet.board.Yellow",
  Red: "resultsSheet.board.Red",
};

/** A change in percentage points, signed: +2.5, −1, 0. */
function signed(value: number | null, locale: Locale): string {
  if (value === null) return "—";
  const magnitude = Math.abs(value).toLocaleString(locale, { maximumFractionDigits: 2 });
  return value > 0 ? `+${magnitude}` : value < 0 ? `−${magnitude}` : "0";
}

/**
 * The pane's unit's own result: grade, board and the results-application suggestion the API words (评估结果运用),
 * and, when it has a previous campaign, the score rates per dimension before and after (the report's radar, as
 * numbers). Null when there is nothing to show: the official figures are not visible yet and there is no comparison.
 */
export function unitOutcome(result: UnitResult, history: UnitHistory | null, locale: Locale, t: Translate): HTMLElement | null {
  const comparison = history?.unitId === result.unitId ? history.comparison : null;
  const facts: string[] = [];
  if (result.grade) facts.push(t("outcome.grade", { grade: result.grade }));
  if (result.board) facts.push(t("outcome.board", { board: t(BOARD_KEYS[result.board]) }) + (result.consecutiveRed ? t("outcome.consecutiveRed") : ""));
  if (facts.length === 0 && !result.application && !comparison) return null;
  return h(
    "section",
    { class: "unit-outcome", "data-unit-id": result.unitId },
    h("h3", {}, t("outcome.heading", { unit: result.unitName })),
    facts.length > 0 ? h("p", { class: "outcome-facts" }, facts.join("　")) : null,
    result.application
      ? h("p", { class: "outcome-application", "data-code": result.applicationCode ?? "" }, h("strong", {}, `${t("outcome.application")}：`), result.application)
      : null,
    comparison ? previousComparison(comparison, locale, t) : null,
  );
}

function previousComparison(comparison: NonNullable<UnitHistory["comparison"]>, locale: Locale, t: Translate): HTMLElement {
  return h(
    "div",
    { class: "outcome-previous" },
    h("h4", {}, t("outcome.previous", { campaign: comparison.previousName })),
    h(
      "p",
      { class: "outcome-rate" },
      t("outcome.rate", {
        before: formatRate(comparison.previousScoreRate, locale),
        after: formatRate(comparison.scoreRate, locale),
        change: signed(comparison.scoreRateChange, locale),
      }),
    ),
    h(
      "table",
      { class: "data" },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col" }, t("outcome.dimension")),
          h("th", { scope: "col", class: "num" }, t("outcome.before")),
          h("th", { scope: "col", class: "num" }, t("outcome.after")),
          h("th", { scope: "col", class: "num" }, t("outcome.change")),
        ),
      ),
      h(
        "tbody",
        {},
        ...comparison.dimensions.map((d) =>
          h(
            "tr",
            { "data-code": d.code },
            h("td", {}, d.name),
            h("td", { class: "num" }, d.previousScoreRate === null ? t("outcome.new") : formatRate(d.previousScoreRate, locale)),
            h("td", { class: "num" }, formatRate(d.scoreRate, locale)),
            h("td", { class: "num" }, signed(d.scoreRateChange, locale)),
          ),
        ),
      ),
    ),
    h("p", { class: "muted" }, t("outcome.counts", { ...comparison.counts })),
    comparison.mappingSource === "Suggested" || comparison.needsReview ? h("p", { class: "muted outcome-unconfirmed" }, t("outcome.unconfirmed")) : null,
  );
}
