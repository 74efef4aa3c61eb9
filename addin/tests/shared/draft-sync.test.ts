import { describe, expect, it } from "vitest";
import { ApiError, type Draft, type SheetCells, type Tagged } from "../../src/shared/api";
import { DraftSync, MIN_RETRY_MS, type SyncState, type Timers } from "../../src/shared/draft-sync";

/** Timers run by hand: run() fires what is due. */
class ManualTimers implements Timers {
  private next = 1;
  private readonly due = new Map<number, { at: number; callback: () => void }>();
  clock = 0;
  set(callback: () => void, ms: number): unknown {
    const id = this.next++;
    this.due.set(id, { at: this.clock + ms, callback });
    return id;
  }
  clear(handle: unknown): void {
    this.due.delete(handle as number);
  }
  now(): Date {
    return new Date(Date.UTC(2026, 10, 21) + this.clock);
  }
  async advance(ms: number): Promise<void> {
    this.clock += ms;
    for (const [id, t] of [...this.due]) {
      if (t.at <= this.clock) {
        this.due.delete(id);
        t.callback();
      }
    }
    for (let i = 0; i < 10; i++) await Promise.resolve();
  }
  get pending(): number {
    return this.due.size;
  }
}

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

const cells = (answer: string): SheetCells => ({ values: [["指标编码", "自评结果（选项/次数）"], ["1.1.1", answer]], rowIndex: 2, columnIndex: 0 });
const draft = (revision: number): Draft => ({ campaignId: "c", unitId: "u", status: "Drafting", statusZh: "填报中", revision, updatedAt: null, answers: [], versions: [] });

function setup(save: (cells: SheetCells, etag: string) => Promise<Tagged<Draft>>) {
  const timers = new ManualTimers();
  const storage = new MemoryStorage();
  const states: SyncState[] = [];
  const sync = new DraftSync({ save, storage, key: "q", onState: (s) => states.push(s), delayMs: 1000, retryMs: [5000, 20000], timers }, '"3"');
  return { sync, timers, storage, states };
}

describe("DraftSync", () => {
  it("saves after the pause with the base ETag, once for a burst of changes, and continues from the new ETag", async () => {
    const calls: Array<[string, string]> = [];
    const { sync, timers, storage } = setup(async (c, etag) => {
      calls.push([String(c.values[1]![1]), etag]);
      return { value: draft(4), etag: '"4"' };
    });

    sync.change(cells("好"));
    sync.change(cells("较好"));
    await timers.advance(999);
    expect(calls).toEqual([]);
    await timers.advance(1);
    expect(calls).toEqual([["较好", '"3"']]);
    expect(sync.baseETag).toBe('"4"');
    expect(storage.items.size).toBe(0);
    sync.change(cells("较好"));
    await timers.advance(1000);
    expect(calls).toHaveLength(1); // nothing new to save
  });

  it("queues while the API cannot be reached, keeps the queue across panes, and retries with backoff", async () => {
    let online = false;
    const calls: string[] = [];
    const { sync, timers, storage, states } = setup(async (_c, etag) => {
      calls.push(etag);
      if (!online) throw new ApiError(0, { title: "Network error" });
      return { value: draft(4), etag: '"4"' };
    });

    sync.change(cells("好"));
    await timers.advance(1000);
    expect(states.at(-1)).toMatchObject({ kind: "offline", retryInMs: 5000 });
    expect(JSON.parse(storage.items.get("q")!)).toMatchObject({ etag: '"3"', cells: cells("好") });
    await timers.advance(5000);
    expect(states.at(-1)).toMatchObject({ kind: "offline", retryInMs: 20000 });

    // A new pane (reopened) picks the queue up and sends it once the API is back.
    online = true;
    const again = new DraftSync({ save: async (_c, etag) => (calls.push(etag), { value: draft(4), etag: '"4"' }), storage, key: "q", onState: () => {}, timers }, '"9"');
    expect(again.restore()).toBe(true);
    await timers.advance(0);
    expect(calls.at(-1)).toBe('"3"'); // the revision the queued work was based on, not the one the new pane read
    expect(storage.items.size).toBe(0);
    sync.dispose();
  });

  it("treats 503 (the API's database away) like offline: keeps the queue, retries after Retry-After, sends when back", async () => {
    const unavailable = () =>
      new ApiError(503, { status: 503, code: "server.database_unavailable", messageZh: "数据库暂时不可用，请稍后重试，您的数据未丢失。" }, true, 2000);
    let back = false;
    const calls: string[] = [];
    const { sync, timers, storage, states } = setup(async (c, etag) => {
      calls.push(`${String(c.values[1]![1])}@${etag}`);
      if (!back) throw unavailable();
      return { value: draft(4), etag: '"4"' };
    });

    sync.change(cells("好"));
    await timers.advance(1000);
    expect(states.at(-1)).toMatchObject({ kind: "offline", serverUnavailable: true, retryInMs: 2000 });
    expect(JSON.parse(storage.items.get("q")!)).toMatchObject({ etag: '"3"', cells: cells("好") });
    expect(sync.hasUnsaved).toBe(true);

    // The server's Retry-After, not the growing backoff (5 s, then 20 s here): 2 s, and 2 s again.
    await timers.advance(1999);
    expect(calls).toHaveLength(1);
    await timers.advance(1);
    expect(calls).toHaveLength(2);
    expect(states.at(-1)).toMatchObject({ kind: "offline", serverUnavailable: true, retryInMs: 2000 });

    // An edit while waiting joins the queue; the next retry sends the newest state, on the revision it was based on.
    sync.change(cells("较好"));
    back = true;
    await timers.advance(2000);
    expect(calls.at(-1)).toBe('较好@"3"');
    expect(states.at(-1)).toMatchObject({ kind: "saved" });
    expect(storage.items.size).toBe(0);
    expect(sync.hasUnsaved).toBe(false);
    expect(timers.pending).toBe(0);
  });

  it("keeps a Retry-After within bounds, and backs off when the server gives none", async () => {
    const waits: number[] = [];
    const answers = [
      new ApiError(503, { status: 503 }, true, 0),
      new ApiError(503, { status: 503 }, true, 3_600_000),
      new ApiError(503, { status: 503 }, true, null),
      new ApiError(502, { status: 502 }, true, null),
    ];
    const { sync, timers } = setup(async () => {
      throw answers.shift() ?? new ApiError(0, { title: "Network error" });
    });
    const record = () => {
      const state = sync.current;
      if (state.kind === "offline") waits.push(state.retryInMs);
    };

    sync.change(cells("好"));
    await timers.advance(1000);
    record();
    for (let i = 0; i < 3; i++) {
      await timers.advance(waits.at(-1)!);
      record();
    }
    // 0 → the floor; an hour → the longest wait (20 s here); none → the backoff for the attempt (5 s, then 20 s).
    expect(waits).toEqual([MIN_RETRY_MS, 20_000, 20_000, 20_000]);
    sync.dispose();
  });

  it("turns a stale save into a conflict, never overwriting, and lets the user keep theirs or take the other", async () => {
    const current = draft(5);
    let calls = 0;
    const { sync, timers, states } = setup(async (_c, etag) => {
      calls++;
      if (etag === '"3"') throw new ApiError(412, { status: 412, code: "precondition.failed", current, currentETag: '"5"' });
      return { value: draft(6), etag: '"6"' };
    });

    sync.change(cells("差"));
    await timers.advance(1000);
    expect(states.at(-1)).toEqual({ kind: "conflict", current, currentETag: '"5"' });
    sync.change(cells("一般"));
    await timers.advance(5000);
    expect(calls).toBe(1); // no automatic retry over someone else's work

    await sync.keepMine();
    expect(calls).toBe(2);
    expect(sync.baseETag).toBe('"6"');
  });

  it("takes the other version: nothing of this sheet is sent and the queue is dropped", async () => {
    const current = draft(5);
    const { sync, timers, storage } = setup(async () => {
      throw new ApiError(412, { status: 412, current, currentETag: '"5"' });
    });
    sync.change(cells("差"));
    await timers.advance(1000);

    expect(sync.takeTheirs()).toBe(current);
    expect(sync.baseETag).toBe('"5"');
    expect(sync.hasUnsaved).toBe(false);
    expect(storage.items.size).toBe(0);
  });

  it("stops on unreadable cells and on a locked draft", async () => {
    const { sync, timers, states } = setup(async (c) => {
      throw new ApiError(String(c.values[1]![1]) === "x" ? 422 : 409, { status: 0 });
    });
    sync.change(cells("x"));
    await timers.advance(1000);
    expect(states.at(-1)).toEqual({ kind: "invalid" });
    sync.change(cells("y"));
    await timers.advance(1000);
    expect(states.at(-1)).toEqual({ kind: "locked" });
    expect(timers.pending).toBe(0);
  });
});
