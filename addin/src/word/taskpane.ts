import "../shared/styles.css";
import type { Campaign, CampaignResults } from "../shared/api";
import { byId, replaceChildren } from "../shared/dom";
import { detectOffice } from "../shared/office";
import { Pane } from "../shared/pane";
import { resultsTable } from "../shared/views";

// The Word pane is where reviewers will work; for now it shows a campaign's results.
async function main(): Promise<void> {
  const pane = new Pane(await detectOffice());
  const { i18n } = pane;
  const refreshButton = byId<HTMLButtonElement>("results-load");
  let results: CampaignResults | null = null;

  function renderResults(): void {
    const area = byId("results");
    if (!results) return replaceChildren(area);
    replaceChildren(area, resultsTable(results, i18n.locale, i18n.t));
  }

  async function loadResults(campaign: Campaign): Promise<void> {
    const loaded = await pane.api.results(campaign.id);
    // The user may have picked another campaign while this one loaded.
    if (pane.campaign?.id !== campaign.id) return;
    results = loaded;
    renderResults();
  }

  pane.onCampaignChange((campaign) => {
    results = null;
    renderResults();
    refreshButton.disabled = campaign === null;
    if (campaign) void pane.run(() => loadResults(campaign));
  });

  refreshButton.addEventListener("click", () => {
    const { campaign } = pane;
    if (campaign) void pane.run(() => loadResults(campaign), refreshButton);
  });

  pane.onRender(renderResults);
  await pane.start();
}

void main();
