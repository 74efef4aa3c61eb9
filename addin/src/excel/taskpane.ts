import "../shared/styles.css";
import type { Campaign, CampaignResults, ScoreResult, Unit, UnitHistory } from "../shared/api";
import { bytesToBase64 } from "../shared/base64";
import { byId, h, replaceChildren, setVisible } from "../shared/dom";
import { LedgerController } from "../shared/ledger-controller";
import { detectOffice } from "../shared/office";
import { Pane } from "../shared/pane";
import { formatProblem, formatRate, formatScore, type CellLocation } from "../shared/problems";
import { problemList, resultsTable, unitOutcome, type GoToCell } from "../shared/views";
import { readDocumentBytes } from "./document-file";
import { LiveController } from "./live-controller";
import { campaignTitle, requireResultsSheetSupport, resultsSheetLabels, writeResultsSheet } from "./results-sheet";
import { canInsertWorksheets, insertTemplate, selectCell } from "./workbook";

interface TemplateDownload {
  url: string;
  fileName: string;
  /** True when inside Excel that cannot insert sheets, so the pane says why it offers a download. */
  unsupported: boolean;
}

async function main(): Promise<void> {
  const env = await detectOffice();
  const pane = new Pane(env);
  const inExcel = env.host === "Excel";
  const { i18n } = pane;

  let units: Unit[] = [];
  let unit: Unit | null = null;
  let score: ScoreResult | null = null;
  let results: CampaignResults | null = null;
  /** The chosen unit's results across campaigns, shown under the results with its own result. */
  let history: UnitHistory | null = null;
  let download: TemplateDownload | null = null;

  const unitSelect = byId<HTMLSelectElement>("unit");
  const insertButton = byId<HTMLButtonElement>("insert");
  const uploadButton = byId<HTMLButtonElement>("upload");
  const resultsButton = byId<HTMLButtonElement>("results-load");

  const goToCell: GoToCell | null = inExcel
    ? (location: CellLocation) => {
        Excel.run((context) => selectCell(context, location.sheet, location.cell)).catch((error: unknown) =>
          pane.setStatus("error.unexpected", { message: error instanceof Error ? error.message : String(error) }),
        );
      }
    : null;
  pane.setGoToCell(goToCell);
  const ledger = new LedgerController(pane);
  const live = new LiveController(pane, inExcel, {
    goToCell,
    showScore: (next) => {
      score = next;
      renderScore();
    },
  });

  function setDownload(next: TemplateDownload | null): void {
    if (download) URL.revokeObjectURL(download.url);
    download = next;
    renderDownload();
  }

  function renderUnits(): void {
    const { t } = i18n;
    const placeholder = units.length === 0 ? t("unit.none") : t("select.placeholder");
    replaceChildren(
      unitSelect,
      h("option", { value: "" }, placeholder),
      ...units.map((u) => h("option", { value: u.id }, `${u.code} ${u.name}`)),
    );
    unitSelect.value = unit?.id ?? "";
    unitSelect.disabled = units.length === 0;
    updateButtons();
  }

  function updateButtons(): void {
    const ready = pane.campaign !== null && unit !== null;
    insertButton.disabled = !ready;
    uploadButton.disabled = !ready || !inExcel;
    resultsButton.disabled = pane.campaign === null;
    setVisible(byId("upload-hint"), !inExcel);
  }

  function renderDownload(): void {
    const area = byId("download");
    setVisible(area, download !== null);
    if (!download) return replaceChildren(area);
    const { t } = i18n;
    replaceChildren(
      area,
      download.unsupported ? h("p", {}, t("excel.insert.unsupported")) : null,
      h("a", { href: download.url, download: download.fileName }, t("excel.download")),
    );
  }

  function renderScore(): void {
    const area = byId("score");
    setVisible(area, score !== null);
    if (!score) return replaceChildren(area);
    const { locale, t } = i18n;
    const problems = score.problems.map((p) => formatProblem(p, locale));
    replaceChildren(
      area,
      h("h2", {}, t("score.heading")),
      h(
        "p",
        { class: "total" },
        `${t("score.total")}: `,
        h("strong", {}, formatScore(score.total, locale)),
        ` / ${formatScore(score.maxTotal, locale)}`,
        score.scoreRate === undefined ? null : t("score.totalRate", { rate: formatRate(score.scoreRate, locale) }),
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
            h("th", { scope: "col" }, t("score.dimension")),
            h("th", { scope: "col", class: "num" }, t("score.score")),
            h("th", { scope: "col", class: "num" }, t("score.rate")),
          ),
        ),
        h(
          "tbody",
          {},
          ...score.dimensions.map((d) =>
            h(
              "tr",
              { "data-code": d.code },
              h("td", {}, d.name),
              h("td", { class: "num" }, `${formatScore(d.score, locale)} / ${formatScore(d.maxPoints, locale)}`),
              h("td", { class: "num" }, formatRate(d.scoreRate, locale)),
            ),
          ),
        ),
      ),
      score.explanation ? h("p", { class: "muted" }, score.explanation) : null,
      score.leaves && score.leaves.length > 0
        ? h(
            "details",
            { class: "leaves" },
            h("summary", {}, t("score.leaves")),
            h(
              "table",
              { class: "data" },
              h(
                "tbody",
                {},
                ...score.leaves.map((leaf) =>
                  h(
                    "tr",
                    { "data-code": leaf.code },
                    h("td", {}, leaf.code),
                    h("td", { class: "num" }, `${formatScore(leaf.score, locale)} / ${formatScore(leaf.points, locale)}`),
                    h("td", {}, leaf.explanation),
                  ),
                ),
              ),
            ),
          )
        : null,
      h("h3", {}, t("problems.heading", { count: problems.length })),
      problems.length > 0 ? problemList(problems, t, goToCell) : h("p", { class: "muted" }, t("problems.none")),
    );
  }

  function renderResults(): void {
    const area = byId("results");
    if (!results) return replaceChildren(area);
    const own = unit ? results.units.find((u) => u.unitId === unit!.id) : undefined;
    replaceChildren(area, resultsTable(results, i18n.locale, i18n.t), own ? unitOutcome(own, history, i18n.locale, i18n.t) : null);
  }

  /** Fetches the chosen unit's history while results are shown (staff: their own unit is chosen for them). */
  async function loadHistory(campaign: Campaign, chosen: Unit | null): Promise<void> {
    history = null;
    if (!results || !chosen) return renderResults();
    const loaded = await pane.api.historyOrNull(campaign.id, chosen.id);
    if (pane.campaign?.id !== campaign.id || unit?.id !== chosen.id) return;
    history = loaded;
    renderResults();
  }

  async function loadUnits(campaign: Campaign): Promise<void> {
    const loaded = await pane.api.units(campaign.id);
    if (pane.campaign?.id !== campaign.id) return; // another campaign was picked meanwhile
    units = loaded;
    // UnitStaff belong to one unit; preselect it (or the only one the server lets this user see).
    unit = units.find((u) => u.id === pane.me?.unitId) ?? (units.length === 1 ? units[0]! : null);
    renderUnits();
    const chosen = unit;
    void ledger.attach(campaign, chosen);
    await live.attach(campaign, unit);
  }

  async function insertOrOfferDownload(campaign: Campaign, chosen: Unit): Promise<void> {
    const bytes = await pane.api.downloadWorkbook(campaign.id, chosen.id);
    if (inExcel && canInsertWorksheets(Office.context.requirements)) {
      pane.setStatus("excel.insert.busy");
      const b64 = bytesToBase64(bytes);
      const count = await Excel.run((context) => insertTemplate(context, b64));
      pane.setStatus("excel.insert.done", { count });
      await live.templateInserted();
      return;
    }
    const blob = new Blob([new Uint8Array(bytes)], {
      type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    });
    setDownload({
      url: URL.createObjectURL(blob),
      fileName: `${campaign.year}-${chosen.code}-自评表.xlsx`, // the name the API gives the same file
      unsupported: inExcel,
    });
  }

  pane.onCampaignChange((campaign) => {
    units = [];
    unit = null;
    score = null;
    results = null;
    history = null;
    setDownload(null);
    renderUnits();
    renderScore();
    renderResults();
    void ledger.attach(null, null);
    if (campaign) void pane.run(() => loadUnits(campaign));
    else void pane.run(() => live.attach(null, null));
  });

  unitSelect.addEventListener("change", () => {
    unit = units.find((u) => u.id === unitSelect.value) ?? null;
    score = null;
    setDownload(null);
    renderScore();
    updateButtons();
    const chosen = unit;
    void pane.run(() => live.attach(pane.campaign, chosen));
    void ledger.attach(pane.campaign, chosen);
    const campaign = pane.campaign;
    if (campaign) void loadHistory(campaign, chosen);
  });

  insertButton.addEventListener("click", () => {
    const { campaign } = pane;
    if (!campaign || !unit) return;
    const chosen = unit;
    void pane.run(() => insertOrOfferDownload(campaign, chosen), insertButton).then(updateButtons);
  });

  uploadButton.addEventListener("click", () => {
    const { campaign } = pane;
    if (!campaign || !unit || !inExcel) return;
    const chosen = unit;
    void pane
      .run(async () => {
        pane.setStatus("excel.upload.busy");
        const bytes = await readDocumentBytes(Office.context.document);
        score = await pane.api.uploadWorkbook(campaign.id, chosen.id, bytes, `${chosen.code}.xlsx`);
        pane.clearMessages();
        renderScore();
        // The upload saved a new revision of the draft: continue from it.
        await live.reloadDraft();
      }, uploadButton)
      .then(updateButtons);
  });

  resultsButton.addEventListener("click", () => {
    const { campaign } = pane;
    if (!campaign) return;
    void pane
      .run(async () => {
        const loaded = await pane.api.results(campaign.id);
        if (pane.campaign?.id !== campaign.id) return;
        results = loaded;
        renderResults();
        await loadHistory(campaign, unit);
      }, resultsButton)
      .then(updateButtons);
  });

  // ── results-sheet (Admin): pull the consolidated scores into the sheet 评估结果 ──
  const resultsSheetButton = byId<HTMLButtonElement>("results-sheet");
  const updateResultsSheetButton = (): void => {
    setVisible(resultsSheetButton, inExcel && pane.me?.roles.includes("Admin") === true);
    resultsSheetButton.disabled = pane.campaign === null;
  };
  pane.onCampaignChange(updateResultsSheetButton);
  pane.onRender(updateResultsSheetButton);
  resultsSheetButton.addEventListener("click", () => {
    const { campaign } = pane;
    if (!campaign || !inExcel) return;
    void pane
      .run(async () => {
        // Checked before fetching: an Excel that cannot write the sheet says so at once.
        requireResultsSheetSupport(Office.context.requirements);
        pane.setStatus("excel.resultsSheet.busy");
        const loaded = await pane.api.results(campaign.id);
        const labels = resultsSheetLabels(i18n.t, campaignTitle(campaign));
        const count = await Excel.run((context) => writeResultsSheet(context, loaded, labels));
        pane.setStatus("excel.resultsSheet.done", { count });
      }, resultsSheetButton)
      .then(updateResultsSheetButton);
  });
  // ── /results-sheet ──

  pane.onRender(() => {
    live.render();
    ledger.render();
    renderUnits();
    renderDownload();
    renderScore();
    renderResults();
  });
  await pane.start();
}

void main();
