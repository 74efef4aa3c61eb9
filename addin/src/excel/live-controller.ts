// The Excel pane's live path: on edits (debounced; pastes too) it reads 自评表, has the API check and score it, marks
// the cells it cannot read, and autosaves the draft with the ETag protocol (conflicts shown, an offline queue); then
// the submission checklist, submission, and the initial review's returned comments next to their indicators.
import type { AnswerValue, Campaign, Draft, ScoreResult, SheetCells, SheetInfo, Unit } from "../shared/api";
import { ApiError } from "../shared/api";
import { byId, h, replaceChildren, setVisible } from "../shared/dom";
import { DraftSync, type SyncState } from "../shared/draft-sync";
import { localStorageOrNull } from "../shared/office";
import type { Pane } from "../shared/pane";
import { formatProblem, type CellLocation } from "../shared/problems";
import { problemList, type GoToCell } from "../shared/views";
import {
  addIdentityPart,
  CUSTOM_XML_SET,
  ENABLE_EVENTS_SET,
  EVENTS_SET,
  HEADERS,
  mapSheet,
  markCells,
  readCells,
  readIdentity,
  rememberIdentity,
  writeAnswers,
  type SheetMap,
  type WorkbookIdentity,
} from "./live";

const EDITABLE = new Set(["NotStarted", "Drafting", "Returned"]);

export interface LiveHooks {
  /** Shows a score (or none) in the pane's score section. */
  showScore(score: ScoreResult | null): void;
  goToCell: GoToCell | null;
}

/** Pause after the last edit before checking; a paste of many cells is one change. */
export const EDIT_DEBOUNCE_MS = 800;
/** Excel on the web fires no change event for drop-down picks (office-js #3888): the sheet is also looked at this often. */
export const POLL_MS = 5000;

export class LiveController {
  private campaign: Campaign | null = null;
  private unit: Unit | null = null;
  private info: SheetInfo | null = null;
  private draft: Draft | null = null;
  private sync: DraftSync | null = null;
  private identity: WorkbookIdentity | null = null;
  private map: SheetMap | null = null;
  private lastCells = "";
  private marked = new Map<string, string | null>();
  private handler: OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs> | null = null;
  private debounce: ReturnType<typeof setTimeout> | null = null;
  private poll: ReturnType<typeof setInterval> | null = null;
  private checklist: ScoreResult | null = null;
  /** Why the last live check got no answer: the server unreachable, or reachable but unavailable (502–504); null when it got one. */
  private offlineValidation: "unreachable" | "unavailable" | null = null;
  private generation = 0;
  private refreshing: Promise<void> = Promise.resolve();

  constructor(private readonly pane: Pane, private readonly inExcel: boolean, private readonly hooks: LiveHooks) {
    window.addEventListener("online", () => void this.sync?.flush());
    const check = byId<HTMLButtonElement>("submit-check");
    check.addEventListener("click", () => void this.pane.run(() => this.check(), check));
  }

  private get canDisableEvents(): boolean {
    return Office.context.requirements.isSetSupported(ENABLE_EVENTS_SET.name, ENABLE_EVENTS_SET.version);
  }

  /** Follows a newly chosen unit (or none): loads its draft, checks the workbook's identity, listens to the sheet. */
  async attach(campaign: Campaign | null, unit: Unit | null): Promise<void> {
    await this.detach();
    const generation = ++this.generation;
    this.campaign = campaign;
    this.unit = unit;
    this.render();
    if (!campaign || !unit) return;
    const [info, tagged] = await Promise.all([this.pane.api.sheetInfo(campaign.id, unit.id), this.pane.api.draft(campaign.id, unit.id)]);
    if (generation !== this.generation) return;
    this.info = info;
    this.draft = tagged.value;
    this.sync = new DraftSync(
      {
        save: (cells, etag) => this.pane.api.saveSheet(campaign.id, unit.id, cells, etag),
        storage: localStorageOrNull(),
        key: `officeeval.queue.${this.pane.me?.id ?? ""}.${campaign.id}.${unit.id}`,
        onState: () => this.render(),
        onSaved: (draft) => {
          this.draft = draft;
          this.render();
          // Back after an outage: the live check that failed meanwhile is done again, so its warning does not linger.
          if (this.offlineValidation) void this.refresh(true);
        },
      },
      tagged.etag,
    );
    this.sync.restore();
    if (this.inExcel) await this.listen(generation);
    this.render();
  }

  /** The draft changed on the server by another path (a workbook upload): continue from its new revision. */
  async reloadDraft(): Promise<void> {
    const { campaign, unit } = this;
    if (!campaign || !unit || !this.sync) return;
    const tagged = await this.pane.api.draft(campaign.id, unit.id);
    this.draft = tagged.value;
    this.sync.rebase(tagged.etag);
    this.render();
  }

  /** After the pane inserted the template: put its identity into the file, then start listening to it. */
  async templateInserted(): Promise<void> {
    if (!this.inExcel || !this.info || !this.campaign || !this.unit) return;
    const info = this.info;
    if (Office.context.requirements.isSetSupported(CUSTOM_XML_SET.name, CUSTOM_XML_SET.version)) {
      await Excel.run((context) => addIdentityPart(context, info.identityNamespace, info.identityXml));
    }
    // Also in the settings: custom XML parts are lost on reopen in Excel for Mac (office-js #6091).
    await rememberIdentity(Office.context.document.settings, {
      campaignId: this.campaign.id,
      unitId: this.unit.id,
      frameworkCode: this.info.frameworkCode,
      frameworkVersion: this.info.frameworkVersion,
      structureHash: this.info.structureHash,
    });
    await this.listen(this.generation);
    this.render();
  }

  private async listen(generation: number): Promise<void> {
    const info = this.info!;
    this.identity = await Excel.run((context) => readIdentity(context, info.identityNamespace, Office.context.document.settings));
    if (generation !== this.generation) return;
    if (Office.context.requirements.isSetSupported(EVENTS_SET.name, EVENTS_SET.version) && !this.handler) {
      this.handler = await Excel.run(async (context) => {
        const sheet = context.workbook.worksheets.getItemOrNullObject(info.sheet);
        await context.sync();
        if (sheet.isNullObject) return null;
        const added = sheet.onChanged.add(async (event) => this.edited(event));
        await context.sync();
        return added;
      });
    }
    this.poll ??= setInterval(() => void this.refresh(false), POLL_MS);
    await this.refresh(true);
  }

  private async detach(): Promise<void> {
    if (this.debounce) clearTimeout(this.debounce);
    if (this.poll) clearInterval(this.poll);
    this.debounce = null;
    this.poll = null;
    this.sync?.dispose();
    this.sync = null;
    this.draft = null;
    this.info = null;
    this.identity = null;
    this.map = null;
    this.lastCells = "";
    this.marked = new Map();
    this.checklist = null;
    const handler = this.handler;
    this.handler = null;
    if (handler) {
      await Excel.run(handler.context, async (context) => {
        handler.remove();
        await context.sync();
      }).catch(() => undefined);
    }
    this.hooks.showScore(null);
  }

  private edited(event: Excel.WorksheetChangedEventArgs): Promise<void> {
    // The pane's own writes (marking cells, taking a colleague's version) are not the user's edits.
    if ((event as { triggerSource?: string }).triggerSource === "ThisLocalAddin") return Promise.resolve();
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = setTimeout(() => void this.refresh(false), EDIT_DEBOUNCE_MS);
    return Promise.resolve();
  }

  /**
   * Reads the sheet; when it changed (or `force`), checks and scores it, marks bad cells, and hands it to autosave. One
   * at a time: the poll, an edit and a save after an outage may all ask at once, and two markings of the sheet must not
   * interleave.
   */
  refresh(force: boolean): Promise<void> {
    const run = this.refreshing.then(() => this.refreshOnce(force));
    this.refreshing = run.catch(() => undefined);
    return run;
  }

  private async refreshOnce(force: boolean): Promise<void> {
    const { campaign, unit, info } = this;
    if (!this.inExcel || !campaign || !unit || !info) return;
    const cells = await Excel.run((context) => readCells(context, info.sheet)).catch(() => null);
    if (!cells) return;
    const json = JSON.stringify(cells);
    if (!force && json === this.lastCells) return;
    this.lastCells = json;
    this.map = mapSheet(cells);
    if (this.editable) this.sync?.change(cells);
    try {
      const score = await this.pane.api.validateSheet(campaign.id, unit.id, cells);
      if (campaign !== this.campaign || unit !== this.unit) return;
      this.offlineValidation = null;
      // What blocks the submission (answers, evidence, self-scores still to give) is the checklist's business, shown
      // when the user asks for it; live, the pane lists what is wrong in the sheet.
      // The engine's problems name the indicator: point them at its cell, so each has its "go to".
      this.hooks.showScore({
        ...score,
        problems: score.problems
          .filter((p) => !p.code.startsWith("submit."))
          .map((p) => {
            if (p.cell || !p.indicatorCode) return p;
            const header = p.field === "selfScore" ? HEADERS.selfScore : p.field === "explanation" ? HEADERS.explanation : HEADERS.answer;
            const location = this.locate(p.indicatorCode, header);
            return location ? { ...p, ...location } : p;
          }),
      });
      const bad = score.problems.filter((p) => !p.isWarning && p.sheet === info.sheet && p.cell).map((p) => p.cell!);
      this.marked = await Excel.run((context) => markCells(context, info.sheet, [...new Set(bad)], this.marked, this.canDisableEvents));
    } catch (error) {
      if (error instanceof ApiError && (error.isNetworkError || error.status >= 502)) {
        this.offlineValidation = error.isNetworkError ? "unreachable" : "unavailable";
      } else {
        this.pane.showError(error);
      }
    }
    this.render();
  }

  private get editable(): boolean {
    return EDITABLE.has(this.draft?.status ?? "NotStarted");
  }

  /** Saves what is pending, then shows what stands between the draft and its submission. */
  private async check(): Promise<void> {
    const { campaign, unit } = this;
    if (!campaign || !unit || !this.sync) return;
    await this.refresh(true);
    await this.sync.flush();
    if (this.sync.hasUnsaved) {
      this.pane.setStatus("submit.unsaved");
      return;
    }
    this.checklist = await this.pane.api.validateDraft(campaign.id, unit.id);
    this.render();
  }

  private async markEvidence(code: string, item: string, provided: boolean): Promise<void> {
    const { campaign, unit, sync, draft } = this;
    if (!campaign || !unit || !sync || !draft) return;
    const existing: AnswerValue = draft.answers.find((a) => a.indicatorCode === code) ?? { indicatorCode: code };
    const evidence = new Set(existing.evidence ?? []);
    if (provided) evidence.add(item);
    else evidence.delete(item);
    const saved = await this.pane.api.saveAnswers(campaign.id, unit.id, [{ ...existing, evidence: [...evidence] }], sync.baseETag);
    sync.rebase(saved.etag);
    this.draft = saved.value;
    this.checklist = await this.pane.api.validateDraft(campaign.id, unit.id);
    this.render();
  }

  private async submit(): Promise<void> {
    const { campaign, unit, sync } = this;
    if (!campaign || !unit || !sync) return;
    await sync.flush();
    const submitted = await this.pane.api.submit(campaign.id, unit.id, sync.baseETag);
    sync.rebase(submitted.etag);
    this.draft = submitted.value;
    this.checklist = null;
    this.pane.setStatus("submit.done", { version: submitted.value.versions.length });
    this.render();
  }

  private async takeTheirs(): Promise<void> {
    const theirs = this.sync?.takeTheirs();
    const { info, map } = this;
    if (!theirs || !info || !map) return;
    const clear = [...map.rowOf.keys()].filter((code) => !theirs.answers.some((a) => a.indicatorCode === code));
    await Excel.run((context) => writeAnswers(context, info.sheet, map, theirs.answers, clear, this.canDisableEvents));
    this.draft = theirs;
    await this.refresh(true);
  }

  /** The cell of an indicator's answer, for "go to". */
  private locate(code: string, header: string = HEADERS.answer): CellLocation | null {
    const row = this.map?.rowOf.get(code);
    const column = this.map?.columnOf.get(header);
    return row && column && this.info ? { sheet: this.info.sheet, cell: `${column}${row}` } : null;
  }

  render(): void {
    this.renderWorkbookNote();
    this.renderSync();
    this.renderReturned();
    this.renderChecklist();
  }

  private renderWorkbookNote(): void {
    const area = byId("workbook-note");
    const { t } = this.pane.i18n;
    const { identity, info, campaign, unit } = this;
    let note: HTMLElement | null = null;
    if (this.inExcel && info && campaign && unit) {
      if (!identity) {
        note = this.map ? h("p", {}, t("workbook.unknown")) : h("p", { class: "muted" }, t("workbook.none"));
      } else if (identity.campaignId !== campaign.id || identity.unitId !== unit.id) {
        note = h("p", { class: "warning" }, t("workbook.otherUnit"));
      } else if (identity.structureHash !== info.structureHash) {
        note = h("p", { class: "warning" }, t("workbook.outdated", { version: identity.frameworkVersion ?? "?", current: info.frameworkVersion }));
      } else {
        note = h("p", { class: "ok" }, t("workbook.current", { version: info.frameworkVersion }));
      }
    }
    setVisible(area, note !== null);
    replaceChildren(area, note);
  }

  private renderSync(): void {
    const area = byId("sync");
    const { t, locale } = this.pane.i18n;
    const state: SyncState | null = this.sync?.current ?? null;
    const parts: Array<HTMLElement | null> = [];
    if (this.draft && !this.editable) parts.push(h("p", {}, t("sync.locked", { status: t(`status.${this.draft.status}` as never) })));
    if (state?.kind === "saving") parts.push(h("p", { class: "muted" }, t("sync.saving")));
    if (state?.kind === "saved") parts.push(h("p", { class: "ok" }, t("sync.saved", { time: state.at.toLocaleTimeString(locale) })));
    if (state?.kind === "invalid") parts.push(h("p", { class: "warning" }, t("sync.invalid")));
    if (state?.kind === "error") parts.push(h("p", { class: "warning" }, t("sync.error")));
    if (state?.kind === "offline" || this.offlineValidation) {
      const unavailable = state?.kind === "offline" ? state.serverUnavailable : this.offlineValidation === "unavailable";
      const retry = state?.kind === "offline" && state.retryInMs > 0 ? ` ${t("sync.retryIn", { seconds: Math.ceil(state.retryInMs / 1000) })}` : "";
      parts.push(h("p", { class: "warning", "data-state": "offline", "data-reason": unavailable ? "unavailable" : "unreachable" },
        t(unavailable ? "sync.unavailable" : "sync.offline") + retry));
    }
    if (state?.kind === "conflict") {
      const mine = JSON.parse(this.lastCells || "null") as SheetCells | null;
      parts.push(
        h("div", { class: "conflict", "data-state": "conflict" },
          h("p", {}, t("sync.conflict", { revision: state.current.revision, time: state.current.updatedAt ? new Date(state.current.updatedAt).toLocaleString(locale) : "" })),
          mine ? h("p", { class: "muted" }, t("sync.conflict.hint")) : null,
          h("div", { class: "actions" },
            h("button", { type: "button", id: "conflict-mine", onclick: () => void this.pane.run(() => this.sync!.keepMine()) }, t("sync.keepMine")),
            h("button", { type: "button", id: "conflict-theirs", onclick: () => void this.pane.run(() => this.takeTheirs()) }, t("sync.takeTheirs")),
          ),
        ),
      );
    }
    setVisible(area, parts.some((p) => p !== null));
    replaceChildren(area, ...parts);
  }

  private renderReturned(): void {
    const area = byId("returned");
    const returned = this.draft?.status === "Returned" ? this.draft.returned : null;
    setVisible(area, !!returned);
    if (!returned) return replaceChildren(area);
    const { t } = this.pane.i18n;
    replaceChildren(
      area,
      h("h2", {}, t("returned.heading", { version: returned.version })),
      returned.comment ? h("p", { class: "comment" }, returned.comment) : null,
      h("ul", { class: "problems" },
        ...returned.indicators.map((c) => {
          const location = this.locate(c.indicatorCode);
          return h("li", { "data-code": c.indicatorCode },
            h("span", { class: "problem-message" }, `${c.indicatorCode}：${c.comment}`),
            location && this.hooks.goToCell
              ? h("button", { type: "button", class: "link", onclick: () => this.hooks.goToCell!(location) }, t("problems.goto", { cell: location.cell }))
              : null);
        })),
    );
  }

  private renderChecklist(): void {
    const area = byId("checklist");
    const button = byId<HTMLButtonElement>("submit-check");
    setVisible(byId("submit-area"), !!this.draft);
    button.disabled = !this.editable || !this.sync;
    const checklist = this.checklist;
    if (!checklist) return replaceChildren(area);
    const { t, locale } = this.pane.i18n;
    const blocking = checklist.problems.filter((p) => !p.isWarning);
    const evidence = blocking.filter((p) => p.code === "submit.evidence_missing");
    const others = blocking.filter((p) => p.code !== "submit.evidence_missing")
      .map((p) => {
        const formatted = formatProblem(p, locale);
        const location = p.indicatorCode ? this.locate(p.indicatorCode) : null;
        return location && !formatted.location ? { ...formatted, location, locationLabel: location.cell } : formatted;
      });
    replaceChildren(
      area,
      h("h3", {}, checklist.readyToSubmit ? t("submit.ready") : t("submit.blocked", { count: blocking.length })),
      others.length > 0 ? problemList(others, t, this.hooks.goToCell) : null,
      evidence.length > 0
        ? h("div", { class: "evidence" },
            h("p", {}, t("submit.evidence")),
            ...evidence.map((p) => {
              const item = /「(.+)」/.exec(p.messageZh)?.[1] ?? p.messageZh;
              return h("label", { class: "check" },
                h("input", { type: "checkbox", "data-code": p.indicatorCode ?? "", "data-item": item,
                  onchange: (e: Event) => void this.pane.run(() => this.markEvidence(p.indicatorCode!, item, (e.target as HTMLInputElement).checked)) }),
                ` ${p.indicatorCode} ${item}`);
            }))
        : null,
      checklist.readyToSubmit
        ? h("button", { type: "button", id: "submit", class: "primary", onclick: () => void this.pane.run(() => this.submit()) }, t("submit.confirm"))
        : null,
    );
  }
}
