// Sign-in with a Microsoft 365 (Entra ID) account beside the local accounts; on only when the API says so
// (GET /api/auth/config). Where Office supports nested app authentication (NestedAppAuth 1.1), MSAL asks Office for a
// token for the user signed in to Office: single sign-on, with a popup only when consent or MFA is needed. Elsewhere in
// Office, the dialog API opens auth/dialog.html, which signs in with MSAL's redirect flow and posts the token back
// (auth/dialog-flow.ts). Either way the token is then the API's bearer token, as a local one is.
// @azure/msal-browser is loaded only when the button is used or a token is renewed, so panes without Entra never fetch it.
import type { AuthenticationResult, Configuration, IPublicClientApplication } from "@azure/msal-browser";
import type { ApiClient, AuthConfig } from "./api";
import type { ExpiringToken } from "./auth";
import type { MessageKey, MessageParams } from "./i18n";
import { PaneError } from "./problems";

export interface EntraConfig {
  clientId: string;
  /** e.g. https://login.microsoftonline.com/{tenant id} */
  authority: string;
  /** The API's scopes, e.g. api://{host}/{client id}/access_as_user */
  scopes: string[];
}

/** The Entra part of the API's sign-in options; null when it is off or incomplete. */
export function parseEntraConfig(config: AuthConfig | null | undefined): EntraConfig | null {
  const entra = config?.entra;
  if (!entra || entra.enabled !== true) return null;
  const { clientId, authority, scopes } = entra;
  if (typeof clientId !== "string" || clientId === "" || typeof authority !== "string" || authority === "") return null;
  const valid = Array.isArray(scopes) ? scopes.filter((s): s is string => typeof s === "string" && s !== "") : [];
  if (valid.length === 0) return null;
  return { clientId, authority, scopes: valid };
}

/** Null when Entra sign-in is off, and also when the API cannot say (an older API answers 404): the local form stays. */
export async function loadEntraConfig(api: ApiClient): Promise<EntraConfig | null> {
  try {
    return parseEntraConfig(await api.authConfig());
  } catch {
    return null;
  }
}

/** A sign-in that did not give a token; `cancelled` when the user closed the window, which is not an error. */
export class EntraSignInError extends PaneError {
  constructor(
    key: MessageKey,
    params?: MessageParams,
    readonly cancelled = false,
  ) {
    super(key, params);
    this.name = "EntraSignInError";
  }

  static cancelled(): EntraSignInError {
    return new EntraSignInError("signin.entra.cancelled", undefined, true);
  }

  static failed(message: string): EntraSignInError {
    return new EntraSignInError("signin.entra.failed", { message });
  }
}

/** What auth/dialog.html sends the pane with Office.context.ui.messageParent (JSON). */
export type DialogMessage = { token: string; expiresOn: number } | { error: string; message: string };

/** The token in a dialog message, or the failure it reports. */
export function parseDialogMessage(raw: string): ExpiringToken {
  let message: Partial<{ token: unknown; expiresOn: unknown; error: unknown; message: unknown }>;
  try {
    message = JSON.parse(raw) as typeof message;
  } catch {
    throw EntraSignInError.failed(raw);
  }
  if (typeof message.token === "string" && message.token !== "") {
    const expiresAt = typeof message.expiresOn === "number" ? message.expiresOn : jwtExpiry(message.token);
    if (expiresAt === null) throw EntraSignInError.failed("no token expiry");
    return { accessToken: message.token, expiresAt };
  }
  if (message.error === "user_cancelled") throw EntraSignInError.cancelled();
  throw EntraSignInError.failed(describeFailure(message.error, message.message) ?? raw);
}

/** An MSAL error's message with its code (MSAL 5's messages are often just a link to the code's documentation). */
function describeFailure(code: unknown, message: unknown): string | null {
  const text = typeof message === "string" && message !== "" ? message : null;
  const name = typeof code === "string" && code !== "" ? code : null;
  if (text && name && !text.includes(name)) return `${text} (${name})`;
  return text ?? name;
}

/** Office dialog API error codes (develop/dialog-handle-errors-events). */
const DIALOG_CLOSED_BY_USER = 12006;
const DIALOG_ALREADY_OPEN = 12007;
const DIALOG_IGNORED = 12009;
const DIALOG_POPUP_BLOCKED = 12011;

export function dialogError(code: number, message = ""): EntraSignInError {
  switch (code) {
    case DIALOG_CLOSED_BY_USER:
      return EntraSignInError.cancelled();
    case DIALOG_ALREADY_OPEN:
      return new EntraSignInError("signin.entra.dialogOpen");
    case DIALOG_IGNORED:
    case DIALOG_POPUP_BLOCKED:
      return new EntraSignInError("signin.entra.blocked");
    default:
      return new EntraSignInError("signin.entra.dialogFailed", { code, message: message || String(code) });
  }
}

/** The token in an MSAL result, with its expiry (from the result, else from the token's `exp`). */
export function tokenFromResult(result: AuthenticationResult): ExpiringToken {
  if (!result.accessToken) throw EntraSignInError.failed("no access token");
  const expiresAt = result.expiresOn?.getTime() ?? jwtExpiry(result.accessToken);
  if (expiresAt === null) throw EntraSignInError.failed("no token expiry");
  return { accessToken: result.accessToken, expiresAt };
}

/** `exp` of a JWT in epoch milliseconds; the signature is the API's business, not the pane's. */
export function jwtExpiry(jwt: string): number | null {
  const payload = jwt.split(".")[1];
  if (!payload) return null;
  try {
    const json = atob(payload.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(payload.length / 4) * 4, "="));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === "number" ? exp * 1000 : null;
  } catch {
    return null;
  }
}

/**
 * The MSAL configuration of the dialog page; the pane uses the same one to renew silently from the cache the dialog
 * filled (localStorage is per origin, so where the pane and the dialog share storage the refresh token is shared).
 */
export function standardConfiguration(config: EntraConfig, redirectUri: string): Configuration {
  return {
    auth: { clientId: config.clientId, authority: config.authority, redirectUri },
    cache: { cacheLocation: "localStorage" },
  };
}

/** The dialog page, beside the pane's folder: <base>/addin/auth/dialog.html. */
export function dialogUrlFromPage(pageUrl: string): string {
  return new URL("../auth/dialog.html", pageUrl).href;
}

export function supportsNestedAppAuth(office: typeof Office | null): boolean {
  try {
    return office?.context?.requirements?.isSetSupported("NestedAppAuth", "1.1") === true;
  } catch {
    return false;
  }
}

interface AuthErrorLike {
  errorCode?: unknown;
  errorMessage?: unknown;
  message?: unknown;
}

function toSignInError(error: unknown): EntraSignInError {
  if (error instanceof EntraSignInError) return error;
  const e = (typeof error === "object" && error !== null ? error : {}) as AuthErrorLike;
  if (e.errorCode === "user_cancelled") return EntraSignInError.cancelled();
  const message = typeof e.errorMessage === "string" && e.errorMessage !== "" ? e.errorMessage : e.message;
  return EntraSignInError.failed(describeFailure(e.errorCode, message) ?? String(error));
}

export interface EntraEnvironment {
  /** The Office global when the pane runs in Office; null outside Office. */
  office: typeof Office | null;
  /** auth/dialog.html's absolute URL. */
  dialogUrl: string;
}

export class EntraSignIn {
  private client: Promise<IPublicClientApplication> | null = null;

  constructor(
    readonly config: EntraConfig,
    private readonly env: EntraEnvironment,
  ) {}

  /** Whether Office brokers the sign-in (nested app authentication); otherwise the Office dialog is used. */
  get nested(): boolean {
    return supportsNestedAppAuth(this.env.office);
  }

  /** Whether this pane can sign in with Microsoft at all: it needs Office (NAA or the dialog API). */
  get available(): boolean {
    return this.nested || typeof this.env.office?.context?.ui?.displayDialogAsync === "function";
  }

  /** Signs in, interactively when needed; rejects with an EntraSignInError. */
  async signIn(): Promise<ExpiringToken> {
    if (this.nested) return this.signInNested();
    if (!this.available) throw new EntraSignInError("signin.entra.unavailable");
    return this.signInWithDialog();
  }

  /** A fresh token without any window; null when only an interactive sign-in would give one. */
  async renew(): Promise<ExpiringToken | null> {
    try {
      const client = await this.msal();
      if (this.nested) return tokenFromResult(await client.acquireTokenSilent({ scopes: this.config.scopes }));
      const account = client.getActiveAccount() ?? client.getAllAccounts()[0];
      if (!account) return null;
      return tokenFromResult(await client.acquireTokenSilent({ scopes: this.config.scopes, account }));
    } catch {
      return null;
    }
  }

  /** Forgets the accounts and tokens MSAL keeps for this add-in (Office's own sign-in is not touched). */
  async signOut(): Promise<void> {
    try {
      await (await this.msal()).clearCache();
    } catch {
      // nothing cached, or MSAL cannot load: nothing to forget
    }
  }

  private async signInNested(): Promise<ExpiringToken> {
    const msal = await import("@azure/msal-browser");
    const request = { scopes: this.config.scopes };
    const client = await this.msal().catch((error: unknown) => Promise.reject(toSignInError(error)));
    try {
      return tokenFromResult(await client.acquireTokenSilent(request));
    } catch (error) {
      if (!(error instanceof msal.InteractionRequiredAuthError)) throw toSignInError(error);
    }
    // Consent, MFA or a first sign-in: Office shows its own window.
    try {
      return tokenFromResult(await client.acquireTokenPopup(request));
    } catch (error) {
      throw toSignInError(error);
    }
  }

  private signInWithDialog(): Promise<ExpiringToken> {
    const office = this.env.office as typeof Office;
    return new Promise<ExpiringToken>((resolve, reject) => {
      office.context.ui.displayDialogAsync(this.env.dialogUrl, { height: 60, width: 30 }, (result) => {
        if (result.status === office.AsyncResultStatus.Failed) {
          reject(dialogError(result.error.code, result.error.message));
          return;
        }
        const dialog = result.value;
        let settled = false;
        const settle = (outcome: () => void, close: boolean) => {
          if (settled) return;
          settled = true;
          if (close) {
            try {
              dialog.close();
            } catch {
              // already gone
            }
          }
          outcome();
        };
        const expectedOrigin = new URL(this.env.dialogUrl).origin;
        dialog.addEventHandler(office.EventType.DialogMessageReceived, (args) => {
          const raw = "message" in args ? String(args.message) : "";
          // Only our own page may hand over a token (Office reports the sender's origin where it can).
          const origin = "origin" in args ? args.origin : undefined;
          if (origin && origin !== expectedOrigin) {
            settle(() => reject(EntraSignInError.failed(`message from ${origin}`)), true);
            return;
          }
          try {
            const token = parseDialogMessage(raw);
            settle(() => resolve(token), true);
          } catch (error) {
            settle(() => reject(toSignInError(error)), true);
          }
        });
        // The dialog closed by the user (12006) or failed to load a page: it is gone, nothing to close.
        dialog.addEventHandler(office.EventType.DialogEventReceived, (args) => {
          const code = "error" in args ? args.error : 0;
          settle(() => reject(dialogError(code)), false);
        });
      });
    });
  }

  private msal(): Promise<IPublicClientApplication> {
    if (!this.client) {
      const created = this.createClient();
      this.client = created;
      // A failed creation is not kept: the next attempt tries again.
      created.catch(() => {
        if (this.client === created) this.client = null;
      });
    }
    return this.client;
  }

  private async createClient(): Promise<IPublicClientApplication> {
    const msal = await import("@azure/msal-browser");
    const { clientId, authority } = this.config;
    if (this.nested) return msal.createNestablePublicClientApplication({ auth: { clientId, authority } });
    const client = new msal.PublicClientApplication(standardConfiguration(this.config, this.env.dialogUrl));
    await client.initialize();
    return client;
  }
}
