import type { CampaignResults } from "./api";
import { h } from "./dom";
import type { Locale, Translate } from "./i18n";
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

export function resultsTable(results: CampaignResults, locale: Locale, t: Translate): HTMLElement {
  if (results.units.length === 0) return h("p", { class: "muted" }, t("results.empty"));
  const rows = [...results.units].sort((a, b) => a.rank - b.rank);
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
        h("th", { scope: "col", class: "num" }, t("results.total")),
        h("th", { scope: "col", class: "num" }, t("results.rate")),
      ),
    ),
    h(
      "tbody",
      {},
      ...rows.map((u) =>
        h(
          "tr",
          { "data-unit-id": u.unitId },
          h("td", { class: "num" }, String(u.rank)),
          h("td", {}, u.unitCode),
          h("td", {}, u.unitName),
          h("td", { class: "num" }, `${formatScore(u.total, locale)} / ${formatScore(u.maxTotal, locale)}`),
          h("td", { class: "num" }, formatRate(u.scoreRate, locale)),
        ),
      ),
    ),
  );
}
