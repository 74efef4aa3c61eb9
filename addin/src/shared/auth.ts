import type { TokenResponse } from "./api";

// The access token lives in memory and in sessionStorage (so a pane reload keeps the user signed in), never in a
// cookie: the pane is a third-party iframe in Office on the web, where cookies are partitioned or blocked.
// Keys are prefixed with Office.context.partitionKey when Office provides one, as Microsoft asks for storage
// in add-ins (develop/persisting-add-in-state-and-settings.md).
// The token is either the API's own (local account) or an Entra ID access token (Microsoft 365 account); the API
// accepts both as bearer tokens. A local token is not renewed: the pane signs in again when it expires. An Entra token
// is renewed silently a few minutes before it expires, the way it was obtained (shared/entra.ts).

const KEY = "officeeval.auth";
/** Treat the token as expired a little early so that a request does not race its expiry. */
const EXPIRY_MARGIN_MS = 30_000;
/**
 * When an Entra token is renewed. Under MSAL's own renewal offset (5 minutes), so that MSAL fetches a new token
 * rather than answering with the cached one.
 */
export const ENTRA_RENEW_BEFORE_MS = 4 * 60_000;

export type TokenSource = "local" | "entra";

export interface StoredToken {
  accessToken: string;
  expiresAt: number;
  source: TokenSource;
}

/** An Entra ID access token and when it expires (epoch milliseconds). */
export interface ExpiringToken {
  accessToken: string;
  expiresAt: number;
}

/** Gets a new Entra token without user interaction; null when that is not possible (the token then lapses). */
export type Renewer = () => Promise<ExpiringToken | null>;

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const browserTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function tokenStorageKey(partitionKey: string | null | undefined): string {
  return partitionKey ? `${partitionKey}${KEY}` : KEY;
}

export class TokenStore {
  private current: StoredToken | null = null;
  private readonly key: string;
  private renewer: Renewer | null = null;
  private timer: unknown = null;

  constructor(
    private readonly storage: Storage | null,
    partitionKey: string | null | undefined,
    private readonly now: () => number = Date.now,
    private readonly timers: Timers = browserTimers,
  ) {
    this.key = tokenStorageKey(partitionKey);
    this.current = this.read();
  }

  /** The access token, or null when signed out or expired. */
  get(): string | null {
    if (this.current && this.current.expiresAt - EXPIRY_MARGIN_MS <= this.now()) this.clear();
    return this.current?.accessToken ?? null;
  }

  /** Where the current token came from; null when signed out. */
  get source(): TokenSource | null {
    return this.current?.source ?? null;
  }

  /** A token from the API's own sign-in. */
  set(token: TokenResponse): void {
    // The refresh token is deliberately not kept: the pane signs in again when the access token expires.
    this.store({ accessToken: token.accessToken, expiresAt: this.now() + token.expiresIn * 1000, source: "local" });
  }

  /** An Entra ID access token; renewed before it expires once a renewer is set. */
  setEntra(token: ExpiringToken): void {
    this.store({ accessToken: token.accessToken, expiresAt: token.expiresAt, source: "entra" });
  }

  /**
   * How Entra tokens are renewed: set when the pane knows the Entra configuration, which may be after a token kept
   * from before a reload was read.
   */
  useRenewer(renewer: Renewer | null): void {
    this.renewer = renewer;
    this.schedule();
  }

  clear(): void {
    this.current = null;
    this.schedule();
    try {
      this.storage?.removeItem(this.key);
    } catch {
      // ignore: nothing to clear
    }
  }

  private store(token: StoredToken): void {
    this.current = token;
    this.schedule();
    try {
      this.storage?.setItem(this.key, JSON.stringify(this.current));
    } catch {
      // Storage full or blocked: the in-memory token still works for this page.
    }
  }

  private schedule(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    const token = this.current;
    if (!token || token.source !== "entra" || !this.renewer) return;
    const delay = Math.max(0, token.expiresAt - ENTRA_RENEW_BEFORE_MS - this.now());
    this.timer = this.timers.setTimeout(() => void this.renew(token), delay);
  }

  private async renew(token: StoredToken): Promise<void> {
    this.timer = null;
    const renewer = this.renewer;
    if (!renewer) return;
    let renewed: ExpiringToken | null = null;
    try {
      renewed = await renewer();
    } catch {
      renewed = null;
    }
    // Signed out or signed in again meanwhile: that token stands. A token that does not outlive the old one would
    // only be renewed again at once; the old one then lapses and the next request asks the user to sign in.
    if (this.current !== token || !renewed || renewed.expiresAt <= token.expiresAt) return;
    this.setEntra(renewed);
  }

  private read(): StoredToken | null {
    try {
      const raw = this.storage?.getItem(this.key);
      if (!raw) return null;
      const parsed = JSON.parse(raw) as Partial<StoredToken>;
      if (typeof parsed.accessToken === "string" && typeof parsed.expiresAt === "number") {
        const source: TokenSource = parsed.source === "entra" ? "entra" : "local";
        return { accessToken: parsed.accessToken, expiresAt: parsed.expiresAt, source };
      }
    } catch {
      // unreadable entry: treat as signed out
    }
    return null;
  }
}
