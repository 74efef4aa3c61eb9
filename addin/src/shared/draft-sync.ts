// Autosave of the draft with the ETag protocol, and an offline queue: the pane hands every new state of the sheet to
// change(); it is saved after a pause, with the revision it was based on. Someone else's save in between comes back as
// a conflict for the user to settle (never overwritten silently); an unreachable API, or one that answers "not now"
// (503 while its database is away, 502/504 from a proxy), queues the state in local storage and retries: after the
// server's Retry-After when it gives one, else with backoff; and again when the browser says it is back online.
import { ApiError, type Draft, type SheetCells, type Tagged } from "./api";

export type SyncState =
  | { kind: "idle" }
  | { kind: "saving" }
  | { kind: "saved"; at: Date }
  /**
   * Not reachable, or reachable but unavailable for now (`serverUnavailable`: 502, 503, 504): the changes are queued on
   * this computer and sent when the API is back.
   */
  | { kind: "offline"; queuedAt: Date; retryInMs: number; serverUnavailable: boolean }
  /** Someone saved since this sheet was based on the draft: their version is `current`. */
  | { kind: "conflict"; current: Draft; currentETag: string }
  /** Cells the server cannot read: nothing saved until they are corrected. */
  | { kind: "invalid" }
  /** The draft no longer changes (submitted, accepted, …). */
  | { kind: "locked" }
  | { kind: "error"; error: unknown };

interface Queued {
  cells: SheetCells;
  etag: string;
  queuedAt: string;
}

export interface Timers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
  now(): Date;
}

const realTimers: Timers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => new Date(),
};

export interface DraftSyncOptions {
  save(cells: SheetCells, etag: string): Promise<Tagged<Draft>>;
  /** Where the queue survives a closed pane; null when the host gives no storage. */
  storage: Pick<Storage, "getItem" | "setItem" | "removeItem"> | null;
  /** The queue's key: one per user, campaign and unit. */
  key: string;
  onState(state: SyncState): void;
  onSaved?(draft: Draft): void;
  /** Pause after the last change before saving. */
  delayMs?: number;
  /**
   * Waits between retries while offline; the last one repeats. A Retry-After from the server is taken instead,
   * within [{@link MIN_RETRY_MS}, the last of these].
   */
  retryMs?: number[];
  timers?: Timers;
}

/** HTTP statuses that mean "not now" rather than "no": retried like an unreachable server. */
const TRANSIENT = new Set([0, 502, 503, 504]);

/** The shortest wait before a retry, whatever Retry-After says: a server answering "0" is not hammered. */
export const MIN_RETRY_MS = 1_000;

export class DraftSync {
  private etag: string;
  private pending: SheetCells | null = null;
  private lastSaved: string | null = null;
  private timer: unknown = null;
  private attempts = 0;
  private saving: Promise<void> | null = null;
  private state: SyncState = { kind: "idle" };
  private readonly timers: Timers;

  constructor(private readonly options: DraftSyncOptions, etag: string) {
    this.etag = etag;
    this.timers = options.timers ?? realTimers;
  }

  get current(): SyncState {
    return this.state;
  }

  get hasUnsaved(): boolean {
    return this.pending !== null;
  }

  /** The ETag the next save sends: the revision the sheet is based on. */
  get baseETag(): string {
    return this.etag;
  }

  /** Takes up a queue a closed pane left behind; true when there was one. */
  restore(): boolean {
    const raw = this.options.storage?.getItem(this.options.key);
    if (!raw) return false;
    try {
      const queued = JSON.parse(raw) as Queued;
      this.pending = queued.cells;
      this.etag = queued.etag;
      this.setState({ kind: "offline", queuedAt: new Date(queued.queuedAt), retryInMs: 0, serverUnavailable: false });
      this.schedule(0);
      return true;
    } catch {
      this.options.storage?.removeItem(this.options.key);
      return false;
    }
  }

  /** A new state of the sheet: saved after the pause, unless it is what was saved last. */
  change(cells: SheetCells): void {
    const json = JSON.stringify(cells);
    if (json === this.lastSaved && this.pending === null) return;
    this.pending = cells;
    this.persist();
    if (this.state.kind === "conflict" || this.state.kind === "locked") return;
    this.schedule(this.options.delayMs ?? 1500);
  }

  /** Saves now (e.g. before submitting, or when the browser is back online); resolves when done or refused. */
  async flush(): Promise<void> {
    this.cancelTimer();
    while (this.saving) await this.saving;
    if (!this.pending || this.state.kind === "conflict" || this.state.kind === "locked") return;
    this.saving = this.saveOnce().finally(() => (this.saving = null));
    await this.saving;
  }

  /** Conflict settled by keeping this sheet: saved over their version, knowingly. */
  async keepMine(): Promise<void> {
    if (this.state.kind !== "conflict") return;
    this.etag = this.state.currentETag;
    this.setState({ kind: "idle" });
    await this.flush();
  }

  /** Conflict settled by taking their version: the caller writes it into the sheet; nothing of this sheet is sent. */
  takeTheirs(): Draft | null {
    if (this.state.kind !== "conflict") return null;
    const theirs = this.state.current;
    this.etag = this.state.currentETag;
    this.pending = null;
    this.lastSaved = null;
    this.options.storage?.removeItem(this.options.key);
    this.setState({ kind: "saved", at: this.timers.now() });
    return theirs;
  }

  /** The draft changed on the server through this pane (evidence marks, submission): continue from its revision. */
  rebase(etag: string): void {
    this.etag = etag;
  }

  dispose(): void {
    this.cancelTimer();
  }

  private async saveOnce(): Promise<void> {
    const cells = this.pending!;
    const json = JSON.stringify(cells);
    this.setState({ kind: "saving" });
    try {
      const saved = await this.options.save(cells, this.etag);
      this.etag = saved.etag;
      this.lastSaved = json;
      this.attempts = 0;
      if (JSON.stringify(this.pending) === json) {
        this.pending = null;
        this.options.storage?.removeItem(this.options.key);
      } else {
        this.schedule(this.options.delayMs ?? 1500); // changed while saving: save the newer state too
      }
      this.options.onSaved?.(saved.value);
      this.setState({ kind: "saved", at: this.timers.now() });
    } catch (error) {
      this.refused(error);
    }
  }

  private refused(error: unknown): void {
    if (!(error instanceof ApiError)) return this.setState({ kind: "error", error });
    if (TRANSIENT.has(error.status)) {
      const waits = this.options.retryMs ?? [5_000, 10_000, 30_000, 60_000];
      const longest = waits[waits.length - 1]!;
      // The server knows when it expects to be back (its database restarting): its Retry-After, within bounds, beats
      // our guess; our backoff is for when nobody answers.
      const wait = error.retryAfterMs !== null
        ? Math.min(Math.max(error.retryAfterMs, MIN_RETRY_MS), Math.max(longest, MIN_RETRY_MS))
        : waits[Math.min(this.attempts, waits.length - 1)]!;
      this.attempts++;
      this.persist();
      const queuedAt = this.state.kind === "offline" ? this.state.queuedAt : this.timers.now();
      this.setState({ kind: "offline", queuedAt, retryInMs: wait, serverUnavailable: error.status !== 0 });
      this.schedule(wait);
      return;
    }
    if (error.status === 412 && error.problem.current && error.problem.currentETag) {
      return this.setState({ kind: "conflict", current: error.problem.current as Draft, currentETag: error.problem.currentETag });
    }
    if (error.status === 422) return this.setState({ kind: "invalid" });
    if (error.status === 409) return this.setState({ kind: "locked" });
    this.setState({ kind: "error", error });
  }

  private persist(): void {
    if (!this.pending) return;
    const queued: Queued = { cells: this.pending, etag: this.etag, queuedAt: this.timers.now().toISOString() };
    try {
      this.options.storage?.setItem(this.options.key, JSON.stringify(queued));
    } catch {
      // Storage full or refused: the sheet itself still holds the work.
    }
  }

  private schedule(ms: number): void {
    this.cancelTimer();
    this.timer = this.timers.set(() => {
      this.timer = null;
      void this.flush();
    }, ms);
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
  }

  private setState(state: SyncState): void {
    this.state = state;
    this.options.onState(state);
  }
}
