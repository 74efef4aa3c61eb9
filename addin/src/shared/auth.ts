import type { TokenResponse } from "./api";

// The access token lives in memory and in sessionStorage (so a pane reload keeps the user signed in), never in a
// cookie: the pane is a third-party iframe in Office on the web, where cookies are partitioned or blocked.
// Keys are prefixed with Office.context.partitionKey when Office provides one, as Microsoft asks for storage
// in add-ins (develop/persisting-add-in-state-and-settings.md).

const KEY = "officeeval.auth";
/** Treat the token as expired a little early so that a request does not race its expiry. */
const EXPIRY_MARGIN_MS = 30_000;

export interface StoredToken {
  accessToken: string;
  expiresAt: number;
}

export function tokenStorageKey(partitionKey: string | null | undefined): string {
  return partitionKey ? `${partitionKey}${KEY}` : KEY;
}

export class TokenStore {
  private current: StoredToken | null = null;
  private readonly key: string;

  constructor(
    private readonly storage: Storage | null,
    partitionKey: string | null | undefined,
    private readonly now: () => number = Date.now,
  ) {
    this.key = tokenStorageKey(partitionKey);
    this.current = this.read();
  }

  /** The access token, or null when signed out or expired. */
  get(): string | null {
    if (this.current && this.current.expiresAt - EXPIRY_MARGIN_MS <= this.now()) this.clear();
    return this.current?.accessToken ?? null;
  }

  set(token: TokenResponse): void {
    // The refresh token is deliberately not kept: the pane signs in again when the access token expires.
    this.current = { accessToken: token.accessToken, expiresAt: this.now() + token.expiresIn * 1000 };
    try {
      this.storage?.setItem(this.key, JSON.stringify(this.current));
    } catch {
      // Storage full or blocked: the in-memory token still works for this page.
    }
  }

  clear(): void {
    this.current = null;
    try {
      this.storage?.removeItem(this.key);
    } catch {
      // ignore: nothing to clear
    }
  }

  private read(): StoredToken | null {
    try {
      const raw = this.storage?.getItem(this.key);
      if (!raw) return null;
      const parsed = JSON.parse(raw) as Partial<StoredToken>;
      if (typeof parsed.accessToken === "string" && typeof parsed.expiresAt === "number") {
        return { accessToken: parsed.accessToken, expiresAt: parsed.expiresAt };
      }
    } catch {
      // unreadable entry: treat as signed out
    }
    return null;
  }
}
