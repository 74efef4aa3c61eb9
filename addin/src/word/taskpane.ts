import "../shared/styles.css";
import type { Campaign, CampaignResults, Unit, UnitHistory } from "../shared/api";
import { byId, h, replaceChildren } from "../shared/dom";
import { LedgerController } from "../shared/ledger-controller";
import { detectOffice } from "../shared/office";
import { Pane } from "../shared/pane";
import { resultsTable, unitOutcome } from "../shared/views";
import { ReviewController } from "./review-controller";

// The Word pane is where reviewers work on the field review (实地评估) of their units, with the unit's 自评报告 in the
// document; everyone signed in also sees the campaign's results, and the chosen unit's rectification ledger (整改台账).
async function main(): Promise<void> {
  const env = await detectOffice();
  const pane = new Pane(env);
  const { i18n } = pane;
  const review = new ReviewController(pane, env.host === "Word");
  const ledger = new LedgerController(pane);
  const refreshButton = byId<HTMLButtonElement>("results-load");
  const unitSelect = byId<HTMLSelectElement>("unit");
  let results: CampaignResults | null = null;
  /** The chosen unit's results across campaigns, shown under the results with its own result. */
  let history: UnitHistory | null = null;
  let units: Unit[] = [];
  let unit: Unit | null = null;

  function renderResults(): void {
    const area = byId("results");
    if (!results) return replaceChildren(area);
    const own = unit ? results.units.find((u) => u.unitId === unit!.id) : undefined;
    replaceChildren(area, resultsTable(results, i18n.locale, i18n.t), own ? unitOutcome(own, history, i18n.locale, i18n.t) : null);
  }

  /** Fetches the chosen unit's history once the results are in (a reviewer's only unit, or staff's own, is chosen for them). */
  async function loadHistory(campaign: Campaign, chosen: Unit | null): Promise<void> {
    history = null;
    if (!results || !chosen) return renderResults();
    const loaded = await pane.api.historyOrNull(campaign.id, chosen.id);
    if (pane.campaign?.id !== campaign.id || unit?.id !== chosen.id) return;
    history = loaded;
    renderResults();
  }

  function renderUnits(): void {
    const { t } = i18n;
    replaceChildren(
      unitSelect,
      h("option", { value: "" }, units.length === 0 ? t("unit.none") : t("select.placeholder")),
      ...units.map((u) => h("option", { value: u.id }, `${u.code} ${u.name}`)),
    );
    unitSelect.value = unit?.id ?? "";
    unitSelect.disabled = units.length === 0;
  }

  async function loadResults(campaign: Campaign): Promise<void> {
    const loaded = await pane.api.results(campaign.id);
    // The user may have picked another campaign while this one loaded.
    if (pane.campaign?.id !== campaign.id) return;
    results = loaded;
    renderResults();
    await loadHistory(campaign, unit);
  }

  /** The units this user may see: a reviewer's are those of their groups; with one, it is chosen. */
  async function loadUnits(campaign: Campaign): Promise<void> {
    const loaded = await pane.api.units(campaign.id);
    if (pane.campaign?.id !== campaign.id) return;
    units = loaded;
    unit = units.find((u) => u.id === pane.me?.unitId) ?? (units.length === 1 ? units[0]! : null);
    renderUnits();
    if (results) void loadHistory(campaign, unit);
    const chosen = unit;
    void ledger.attach(campaign, chosen);
    await review.attach(campaign, unit);
  }

  pane.onCampaignChange((campaign) => {
    results = null;
    history = null;
    units = [];
    unit = null;
    renderResults();
    renderUnits();
    refreshButton.disabled = campaign === null;
    void pane.run(() => review.attach(null, null));
    void ledger.attach(null, null);
    if (campaign) {
      void pane.run(() => loadResults(campaign));
      void pane.run(() => loadUnits(campaign));
    }
  });

  unitSelect.addEventListener("change", () => {
    unit = units.find((u) => u.id === unitSelect.value) ?? null;
    const chosen = unit;
    void pane.run(() => review.attach(pane.campaign, chosen));
    void ledger.attach(pane.campaign, chosen);
    const campaign = pane.campaign;
    if (campaign) void loadHistory(campaign, chosen);
  });

  refreshButton.addEventListener("click", () => {
    const { campaign } = pane;
    if (campaign) void pane.run(() => loadResults(campaign), refreshButton);
  });

  pane.onRender(() => {
    renderUnits();
    renderResults();
    review.render();
    ledger.render();
  });
  await pane.start();
}

void main();
