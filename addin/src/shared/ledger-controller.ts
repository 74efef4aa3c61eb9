// The rectification ledger (整改台账) section both task panes share: the chosen unit's items from the API, what is
// due first, and the workflow's steps the API lists in each item's `actions` for the signed-in user — start, submit
// (a description and evidence files, multipart), close, return and reopen (a note) — each sent with If-Match on the
// item's revision. A 412 reloads the item and says it changed meanwhile; the API's problems are shown by field.
import type { Campaign, EvidenceFile, RectificationItem, RectificationList, Tagged, Unit } from "./api";
import { ApiError } from "./api";
import { byId, h, replaceChildren, setVisible } from "./dom";
import {
  checkForm,
  etagOf,
  hasProblems,
  problemsByField,
  sortItems,
  statusText,
  transitionsOf,
  type FormTransition,
  type PaneMessage,
  type Transition,
} from "./ledger";
import { emptyState, itemLabel, ledgerCounts, ledgerItem, type ItemState } from "./ledger-views";
import type { Pane } from "./pane";
import { describeError } from "./problems";

/** The page's elements this section uses (the same ids in the Excel and the Word pane). */
const IDS = { section: "ledger", heading: "ledger-heading", refresh: "ledger-refresh", closed: "ledger-closed", status: "ledger-status", body: "ledger-body" } as const;

export class LedgerController {
  private campaign: Campaign | null = null;
  private unit: Unit | null = null;
  private list: RectificationList | null = null;
  private items: RectificationItem[] = [];
  private readonly states = new Map<string, ItemState>();
  private showClosed = false;
  private loading = false;
  /** Why the list could not be loaded: shown in the section, so that the rest of the pane carries on. */
  private loadError: unknown = null;
  /** Said in the section's live region: what was done, or what changed meanwhile. */
  private announcement: PaneMessage | null = null;
  /** The element to focus once rendered (a form's text box, an item's heading). */
  private focusId: string | null = null;
  /** Moves on with every unit chosen, so an answer about the previous unit is dropped. */
  private generation = 0;
  /** Moves on with every list requested, so only the latest one is shown. */
  private loads = 0;

  constructor(private readonly pane: Pane) {
    const refresh = byId<HTMLButtonElement>(IDS.refresh);
    refresh.addEventListener("click", () => void this.guard(() => this.load(), refresh));
    byId<HTMLInputElement>(IDS.closed).addEventListener("change", (event) => {
      this.showClosed = (event.target as HTMLInputElement).checked;
      void this.guard(() => this.load());
    });
  }

  /**
   * Follows the chosen campaign and unit (or none): the unit's items, what is due first. Never fails: a list that
   * cannot be loaded says so in the section; an ended session goes to the pane, as everywhere.
   */
  async attach(campaign: Campaign | null, unit: Unit | null): Promise<void> {
    this.generation++;
    this.campaign = campaign;
    this.unit = unit;
    this.list = null;
    this.items = [];
    this.states.clear();
    this.announcement = null;
    this.loadError = null;
    this.render();
    if (campaign && unit) await this.load().catch((error: unknown) => this.pane.showError(error));
  }

  private async load(): Promise<void> {
    const { campaign, unit, generation } = this;
    if (!campaign || !unit) return;
    const load = ++this.loads;
    this.loading = true;
    this.loadError = null;
    this.render();
    try {
      const list = await this.pane.api.rectificationItems(campaign.id, unit.id, { closed: this.showClosed });
      if (generation !== this.generation || load !== this.loads) return;
      this.list = list;
      this.items = sortItems(list.items);
      // What the user had open on an item stays open; items no longer listed take their state with them.
      const ids = new Set(this.items.map((i) => i.id));
      for (const id of [...this.states.keys()]) if (!ids.has(id)) this.states.delete(id);
    } catch (error) {
      if (generation !== this.generation || load !== this.loads) return;
      if (error instanceof ApiError && ((error.status === 401 && error.authenticated) || error.isPasswordChangeRequired)) throw error;
      this.loadError = error;
    } finally {
      if (load === this.loads) this.loading = false;
      this.render();
    }
  }

  /** Runs a section-wide action (load, refresh); a failure goes to the pane's error area. */
  private async guard(work: () => Promise<void>, button?: HTMLButtonElement): Promise<void> {
    this.announcement = null;
    await this.pane.run(work, button);
  }

  private state(item: RectificationItem): ItemState {
    let state = this.states.get(item.id);
    if (!state) this.states.set(item.id, (state = emptyState()));
    return state;
  }

  private replace(item: RectificationItem): void {
    this.items = sortItems(this.items.map((i) => (i.id === item.id ? item : i)));
  }

  // ── The workflow ──

  private act(item: RectificationItem, transition: Transition): void {
    const state = this.state(item);
    state.errors = null;
    state.notice = null;
    if (transition === "start") {
      void this.send(item, transition, () => this.pane.api.moveRectification(this.campaign!.id, this.unit!.id, item.id, "start", etagOf(item), null));
      return;
    }
    if (state.form?.transition === transition) {
      state.form = null; // the button closes its own form again
    } else {
      state.form = { transition, text: "", files: transition === "submit" ? document.createElement("input") : null, problems: null };
      this.focusId = `ledger-${item.id}-${transition}-text`;
    }
    this.render();
  }

  /** Sends the open form: checked here first (the same rules the API applies), then the transition with If-Match. */
  private confirm(item: RectificationItem): void {
    const state = this.state(item);
    const form = state.form;
    if (!form || !this.campaign || !this.unit) return;
    const { t } = this.pane.i18n;
    const files = form.files?.files ? [...form.files.files] : [];
    const problems = checkForm(form.transition, form.text, files, t);
    if (hasProblems(problems)) {
      form.problems = problems;
      this.focusId = problems.text.length > 0 ? `ledger-${item.id}-${form.transition}-text` : `ledger-${item.id}-files`;
      this.render();
      return;
    }
    const text = form.text.trim();
    const { campaign, unit } = this;
    void this.send(item, form.transition, () =>
      form.transition === "submit"
        ? this.pane.api.submitRectification(campaign.id, unit.id, item.id, etagOf(item), text, files)
        : this.pane.api.moveRectification(campaign.id, unit.id, item.id, form.transition as Exclude<FormTransition, "submit">, etagOf(item), text),
    );
  }

  private async send(item: RectificationItem, transition: Transition, request: () => Promise<Tagged<RectificationItem>>): Promise<void> {
    const state = this.state(item);
    const generation = this.generation;
    this.pane.clearMessages();
    this.announcement = null;
    state.busy = true;
    if (state.form) state.form.problems = null;
    this.render();
    try {
      const moved = await request();
      if (generation !== this.generation) return;
      state.form = null;
      this.replace(moved.value);
      this.announcement = { key: `ledger.done.${transition}`, params: { item: itemLabel(item) } };
      state.busy = false;
      // The counts and, for a closed item, whether it is listed at all follow from the list.
      await this.load().catch((error: unknown) => this.pane.showError(error));
      this.focusId = `ledger-${item.id}-title`;
    } catch (error) {
      if (generation !== this.generation) return;
      // Reloading the item after a 412 may fail in turn (the connection gone meanwhile): said on the item.
      await this.failed(item, state, error).catch((e: unknown) => {
        state.errors = [describeError(e, this.pane.i18n.locale, this.pane.i18n.t).message];
      });
    } finally {
      state.busy = false;
      this.render();
    }
  }

  /**
   * A transition the API refused. 412 (changed meanwhile) and 409 (no longer in a status it can be made from): the
   * item is reloaded, and the form stays open only while the API still offers that step. 404: the list is reloaded.
   * Anything else: the problems, by field when there is a form.
   */
  private async failed(item: RectificationItem, state: ItemState, error: unknown): Promise<void> {
    const { locale, t } = this.pane.i18n;
    if (error instanceof ApiError && ((error.status === 401 && error.authenticated) || error.isPasswordChangeRequired)) {
      this.pane.showError(error);
      return;
    }
    if (error instanceof ApiError && error.status === 404) {
      this.announcement = { key: "ledger.gone" };
      await this.load().catch((e: unknown) => this.pane.showError(e));
      return;
    }
    if (error instanceof ApiError && (error.status === 412 || error.status === 409)) {
      const fresh = await this.reloadItem(item);
      if (!fresh) return;
      if (state.form && !transitionsOf(fresh).includes(state.form.transition)) state.form = null;
      if (error.status === 412) {
        const notice: PaneMessage = { key: "ledger.changed", params: { status: statusText(fresh, locale, t) } };
        state.notice = notice;
        this.announcement = { ...notice, spokenOnly: true };
      } else {
        state.errors = [describeError(error, locale, t).message];
      }
      this.focusId = `ledger-${item.id}-title`;
      return;
    }
    const problems =
      error instanceof ApiError && !error.isNetworkError
        ? problemsByField(error.problem, locale, t("ledger.failed"))
        : { text: [], files: [], general: [describeError(error, locale, t).message] };
    if (state.form) {
      state.form.problems = problems;
      this.focusId = problems.text.length > 0 ? `ledger-${item.id}-${state.form.transition}-text` : null;
    } else {
      state.errors = [...problems.general, ...problems.text, ...problems.files];
    }
  }

  /** The item as it is now (after a 412 or 409); null when it is gone, the list then reloaded. */
  private async reloadItem(item: RectificationItem): Promise<RectificationItem | null> {
    try {
      const fresh = await this.pane.api.rectificationItem(this.campaign!.id, this.unit!.id, item.id);
      this.replace(fresh.value);
      return fresh.value;
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 404) throw error;
      this.announcement = { key: "ledger.gone" };
      await this.load();
      return null;
    }
  }

  private async toggleHistory(item: RectificationItem, button: HTMLButtonElement): Promise<void> {
    const state = this.state(item);
    if (state.history) {
      state.history = null;
      this.render();
      return;
    }
    button.disabled = true;
    try {
      const fresh = await this.pane.api.rectificationItem(this.campaign!.id, this.unit!.id, item.id);
      this.replace(fresh.value);
      state.history = fresh.value.history ?? [];
    } catch (error) {
      state.errors = [describeError(error, this.pane.i18n.locale, this.pane.i18n.t).message];
    } finally {
      this.render();
    }
  }

  /** An evidence file, fetched with the user's token and handed to the browser as a download. */
  private async download(item: RectificationItem, file: EvidenceFile, button: HTMLButtonElement): Promise<void> {
    button.disabled = true;
    try {
      const blob = await this.pane.api.downloadRectificationFile(this.campaign!.id, this.unit!.id, item.id, file.id);
      const url = URL.createObjectURL(blob);
      const link = h("a", { href: url, download: file.name, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      this.state(item).errors = [describeError(error, this.pane.i18n.locale, this.pane.i18n.t).message];
      this.render();
    } finally {
      button.disabled = false;
    }
  }

  // ── Rendering ──

  render(): void {
    const { locale, t } = this.pane.i18n;
    setVisible(byId(IDS.section), this.campaign !== null && this.unit !== null);
    const closed = byId<HTMLInputElement>(IDS.closed);
    closed.checked = this.showClosed;
    closed.disabled = this.list === null;
    byId<HTMLButtonElement>(IDS.refresh).disabled = this.unit === null || this.loading;

    const status = byId(IDS.status);
    const said = this.announcement ? t(this.announcement.key, this.announcement.params) : this.loading && !this.list ? t("ledger.loading") : "";
    if (status.textContent !== said) status.textContent = said;
    status.classList.toggle("visually-hidden", this.announcement?.spokenOnly === true);

    const body = byId(IDS.body);
    // Rendering replaces the items: what had the focus gets it back (a text box being typed in, a button).
    const focused = document.activeElement instanceof HTMLElement && body.contains(document.activeElement) ? document.activeElement.id : "";
    const list = this.list;
    const loadError = this.loadError
      ? h("div", { class: "error", role: "alert", id: "ledger-error" }, h("p", {}, describeError(this.loadError, locale, t).message))
      : null;
    if (!list) {
      replaceChildren(body, loadError);
    } else {
      replaceChildren(
        body,
        loadError,
        ledgerCounts(list.counts, list.asOf, t),
        this.items.length === 0
          ? h("p", { class: "muted", id: "ledger-empty" }, t(this.showClosed ? "ledger.emptyAll" : "ledger.empty"))
          : h(
              "ul",
              { class: "ledger-items", id: "ledger-items", "aria-labelledby": IDS.heading },
              ...this.items.map((item) =>
                ledgerItem(item, this.state(item), locale, t, {
                  act: (transition) => this.act(item, transition),
                  text: (value) => {
                    const form = this.state(item).form;
                    if (form) form.text = value;
                  },
                  send: () => this.confirm(item),
                  cancel: () => {
                    this.state(item).form = null;
                    this.focusId = `ledger-${item.id}-title`;
                    this.render();
                  },
                  toggleHistory: (button) => void this.toggleHistory(item, button),
                  download: (file, button) => void this.download(item, file, button),
                }),
              ),
            ),
      );
    }

    if (this.focusId) {
      const target = document.getElementById(this.focusId) ?? byId(IDS.heading);
      this.focusId = null;
      target.focus();
    } else if (focused) {
      document.getElementById(focused)?.focus();
    }
  }
}
