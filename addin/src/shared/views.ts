import type { CampaignResults, UnitResult } from "./api";
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
