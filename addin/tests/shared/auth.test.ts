import { describe, expect, it, vi } from "vitest";
import { ENTRA_RENEW_BEFORE_MS, TokenStore, tokenStorageKey, type ExpiringToken, type Timers } from "../../src/shared/auth";

class MemoryStorage implements Storage {
  readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

const token = (accessToken: string, expiresIn = 3600) => ({ tokenType: "Bearer", accessToken, expiresIn });

describe("TokenStore", () => {
  it("prefixes the storage key with Office's partition key", () => {
    expect(tokenStorageKey(null)).toBe("officeeval.auth");
    expect(tokenStorageKey("https://host_")).toBe("https://host_officeeval.auth");
  });

  it("keeps the token for the next pane load in the same partition only", () => {
    const storage = new MemoryStorage();
    const now = () => 1_000_000;
    new TokenStore(storage, "p1", now).set(token("abc"));
    expect(new TokenStore(storage, "p1", now).get()).toBe("abc");
    expect(new TokenStore(storage, "p2", now).get()).toBeNull();
    expect([...storage.items.keys()]).toEqual(["p1officeeval.auth"]);
  });

  it("does not store the refresh token", () => {
    const storage = new MemoryStorage();
    new TokenStore(storage, null).set({ ...token("abc"), refreshToken: "secret-refresh" });
    expect(storage.getItem("officeeval.auth")).not.toContain("secret-refresh");
  });

  it("forgets an expired token (with a margin before the expiry)", () => {
    const storage = new MemoryStorage();
    let now = 0;
    const store = new TokenStore(storage, null, () => now);
    store.set(token("abc", 60));
    now = 29_000;
    expect(store.get()).toBe("abc");
    now = 31_000;
    expect(store.get()).toBeNull();
    expect(storage.length).toBe(0);
  });

  it("clears memory and storage on sign-out", () => {
    const storage = new MemoryStorage();
    const store = new TokenStore(storage, null);
    store.set(token("abc"));
    store.clear();
    expect(store.get()).toBeNull();
    expect(storage.length).toBe(0);
  });

  it("works in memory when storage is missing or throws", () => {
    const memoryOnly = new TokenStore(null, null);
    memoryOnly.set(token("abc"));
    expect(memoryOnly.get()).toBe("abc");

    const broken = new MemoryStorage();
    broken.setItem = () => {
      throw new Error("QuotaExceededError");
    };
    const store = new TokenStore(broken, null);
    store.set(token("xyz"));
    expect(store.get()).toBe("xyz");
  });

  it("ignores a corrupt stored entry", () => {
    const storage = new MemoryStorage();
    storage.setItem("officeeval.auth", "{not json");
    expect(new TokenStore(storage, null).get()).toBeNull();
  });
});

/** Timers the test fires by hand: what is scheduled, and when. */
class ManualTimers implements Timers {
  next = 1;
  readonly pending = new Map<number, { callback: () => void; ms: number }>();
  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.next++;
    this.pending.set(id, { callback, ms });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  /** The one scheduled renewal's delay. */
  get delay(): number | null {
    const all = [...this.pending.values()];
    if (all.length > 1) throw new Error("more than one timer");
    return all[0]?.ms ?? null;
  }
  fire(): void {
    const [id, timer] = [...this.pending.entries()][0] ?? [];
    if (id === undefined || !timer) throw new Error("nothing scheduled");
    this.pending.delete(id);
    timer.callback();
  }
}

const HOUR = 3_600_000;
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("TokenStore with an Entra token", () => {
  function entraStore(storage = new MemoryStorage()) {
    const clock = { now: 1_000_000 };
    const timers = new ManualTimers();
    const store = new TokenStore(storage, "p_", () => clock.now, timers);
    return { storage, clock, timers, store };
  }

  it("keeps it with its expiry and its source across a pane reload", () => {
    const { storage, clock, store } = entraStore();
    store.setEntra({ accessToken: "entra-1", expiresAt: clock.now + HOUR });
    expect(store.get()).toBe("entra-1");
    expect(store.source).toBe("entra");
    const reloaded = new TokenStore(storage, "p_", () => clock.now);
    expect(reloaded.get()).toBe("entra-1");
    expect(reloaded.source).toBe("entra");

    store.set(token("local"));
    expect(new TokenStore(storage, "p_", () => clock.now).source).toBe("local");
  });

  it("renews it silently a few minutes before it expires, and again after each renewal", async () => {
    const { clock, timers, store } = entraStore();
    const renewals: ExpiringToken[] = [
      { accessToken: "entra-2", expiresAt: clock.now + 2 * HOUR },
      { accessToken: "entra-3", expiresAt: clock.now + 3 * HOUR },
    ];
    const renewer = vi.fn(async () => renewals.shift() ?? null);
    store.setEntra({ accessToken: "entra-1", expiresAt: clock.now + HOUR });
    expect(timers.delay).toBeNull(); // nothing to renew with yet
    store.useRenewer(renewer);
    expect(timers.delay).toBe(HOUR - ENTRA_RENEW_BEFORE_MS);

    clock.now += HOUR - ENTRA_RENEW_BEFORE_MS;
    timers.fire();
    await flush();
    expect(renewer).toHaveBeenCalledOnce();
    expect(store.get()).toBe("entra-2");
    expect(timers.delay).toBe(HOUR); // entra-2 expires in 1 h + the renewal margin

    clock.now += HOUR;
    timers.fire();
    await flush();
    expect(store.get()).toBe("entra-3");
  });

  it("lets the token lapse when renewal fails or gives nothing newer, so the pane asks to sign in again", async () => {
    const { clock, timers, store } = entraStore();
    const expiresAt = clock.now + HOUR;
    const renewer = vi
      .fn<() => Promise<ExpiringToken | null>>()
      .mockRejectedValueOnce(new Error("interaction_required"))
      .mockResolvedValueOnce({ accessToken: "same", expiresAt });
    store.useRenewer(renewer);
    store.setEntra({ accessToken: "entra-1", expiresAt });

    timers.fire();
    await flush();
    expect(store.get()).toBe("entra-1");
    expect(timers.delay).toBeNull(); // no retry loop

    store.setEntra({ accessToken: "entra-1", expiresAt }); // (signed in again with the same token)
    timers.fire();
    await flush();
    expect(store.get()).toBe("entra-1");
    expect(timers.delay).toBeNull();

    clock.now = expiresAt - 29_000;
    expect(store.get()).toBeNull();
  });

  it("never renews a local token, and stops renewing at sign-out or when another sign-in replaced the token", async () => {
    const { clock, timers, store } = entraStore();
    const renewer = vi.fn(async () => ({ accessToken: "late", expiresAt: clock.now + 2 * HOUR }));
    store.useRenewer(renewer);
    store.set(token("local"));
    expect(timers.delay).toBeNull();

    store.setEntra({ accessToken: "entra-1", expiresAt: clock.now + HOUR });
    expect(timers.delay).not.toBeNull();
    store.clear();
    expect(timers.delay).toBeNull();

    store.setEntra({ accessToken: "entra-1", expiresAt: clock.now + HOUR });
    let release: () => void = () => undefined;
    renewer.mockImplementationOnce(
      () => new Promise((resolve) => (release = () => resolve({ accessToken: "late", expiresAt: clock.now + 2 * HOUR }))),
    );
    timers.fire();
    store.set(token("local-again")); // signed in locally while the renewal was under way
    release();
    await flush();
    expect(store.get()).toBe("local-again");
    expect(store.source).toBe("local");
  });
});
