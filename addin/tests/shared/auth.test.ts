import { describe, expect, it } from "vitest";
import { TokenStore, tokenStorageKey } from "../../src/shared/auth";

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
