// Where the pane runs. office.js may be missing (opened in a plain browser, or both the local copy and the CDN
// failed to load) or loaded outside Office (onReady reports no host); the pane still signs in and shows results.

export interface OfficeEnvironment {
  /** Office.HostType value ("Excel", "Word") or null outside Office. */
  host: string | null;
  partitionKey: string | null;
}

const NOT_IN_OFFICE: OfficeEnvironment = { host: null, partitionKey: null };

export async function detectOffice(timeoutMs = 5000): Promise<OfficeEnvironment> {
  if (typeof Office === "undefined" || typeof Office.onReady !== "function") return NOT_IN_OFFICE;
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs));
  const info = await Promise.race([Office.onReady(), timeout]);
  if (!info?.host) return NOT_IN_OFFICE;
  return { host: String(info.host), partitionKey: Office.context?.partitionKey ?? null };
}

export function sessionStorageOrNull(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null; // blocked in some sandboxed webviews
  }
}

export function localStorageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
