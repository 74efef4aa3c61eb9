// What auth/dialog.html does in the Office dialog, where Office cannot broker the sign-in (no nested app
// authentication): sign in with MSAL's redirect flow, this page being its own redirect URI, then hand the access token
// to the pane with Office.context.ui.messageParent. Loaded fresh twice: first to start the redirect, then on the way
// back from Entra ID with the response, which handleRedirectPromise turns into tokens.
import type { AuthenticationResult } from "@azure/msal-browser";
import { ApiClient, apiBaseFromPage } from "../shared/api";
import { loadEntraConfig, standardConfiguration, tokenFromResult, type DialogMessage } from "../shared/entra";

export interface DialogPage {
  /** The page's URL as loaded (location.href). */
  url: string;
  /** Office.context.ui.messageParent, once Office is ready. */
  messageParent(message: string): void;
  fetch?: typeof fetch;
}

/** What happened: the token or an error went to the pane, or the page is leaving for Entra ID's sign-in. */
export type DialogOutcome = "sent" | "failed" | "redirecting";

/** The page itself without query or fragment: the SPA redirect URI registered in Entra ID. */
export function redirectUriOf(pageUrl: string): string {
  const url = new URL(pageUrl);
  return `${url.origin}${url.pathname}`;
}

export async function runSignInDialog(page: DialogPage): Promise<DialogOutcome> {
  const send = (message: DialogMessage) => page.messageParent(JSON.stringify(message));
  try {
    const api = new ApiClient({ baseUrl: apiBaseFromPage(page.url), getToken: () => null, fetch: page.fetch });
    const config = await loadEntraConfig(api);
    if (!config) {
      send({ error: "entra.disabled", message: "Microsoft 账户登录未启用 / Sign-in with Microsoft is not enabled" });
      return "failed";
    }
    const msal = await import("@azure/msal-browser");
    const redirectUri = redirectUriOf(page.url);
    const client = new msal.PublicClientApplication(standardConfiguration(config, redirectUri));
    await client.initialize();
    const result = await client.handleRedirectPromise();
    if (result) {
      if (result.account) client.setActiveAccount(result.account);
      send(tokenMessage(result));
      return "sent";
    }
    // Not back from Entra ID yet: go there. Any account choice happens on Entra ID's page, every time, so that a user
    // who signed out in the pane can sign in as someone else.
    await client.loginRedirect({ scopes: config.scopes, redirectUri });
    return "redirecting";
  } catch (error) {
    send(errorMessage(error));
    return "failed";
  }
}

function tokenMessage(result: AuthenticationResult): DialogMessage {
  const token = tokenFromResult(result);
  return { token: token.accessToken, expiresOn: token.expiresAt };
}

function errorMessage(error: unknown): DialogMessage {
  const e = (typeof error === "object" && error !== null ? error : {}) as Record<string, unknown>;
  const code = typeof e.errorCode === "string" && e.errorCode !== "" ? e.errorCode : "entra.failed";
  const text = [e.errorMessage, e.message].find((m): m is string => typeof m === "string" && m !== "");
  return { error: code, message: text ?? String(error) };
}
