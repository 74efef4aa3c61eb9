// A stand-in for @azure/msal-browser: the clients the add-in creates, with every call recorded. A test registers it with
//   vi.mock("@azure/msal-browser", async () => (await import("./msal-mock")).msalModule);
// Kept on globalThis, so that the test and the code under test share one instance even across vi.resetModules().
import { vi } from "vitest";

export interface AccountStub {
  homeAccountId: string;
  username: string;
}

function client() {
  return {
    initialize: vi.fn(async () => undefined),
    acquireTokenSilent: vi.fn(),
    acquireTokenPopup: vi.fn(),
    handleRedirectPromise: vi.fn(async (): Promise<unknown> => null),
    loginRedirect: vi.fn(async () => undefined),
    clearCache: vi.fn(async () => undefined),
    getAllAccounts: vi.fn((): AccountStub[] => []),
    getActiveAccount: vi.fn((): AccountStub | null => null),
    setActiveAccount: vi.fn(),
  };
}

export type ClientStub = ReturnType<typeof client>;

function create() {
  /** As MSAL's: errorCode / errorMessage. */
  class AuthError extends Error {
    constructor(
      readonly errorCode: string,
      readonly errorMessage = "",
    ) {
      super(errorMessage || errorCode);
      this.name = "AuthError";
    }
  }

  class InteractionRequiredAuthError extends AuthError {
    constructor(errorCode = "interaction_required", errorMessage = "AADSTS65001: consent required") {
      super(errorCode, errorMessage);
      this.name = "InteractionRequiredAuthError";
    }
  }

  /** The clients handed out and the configurations they were made with. */
  const msal = {
    nested: client(),
    standard: client(),
    nestedConfigs: [] as unknown[],
    standardConfigs: [] as unknown[],
    /** Fresh clients and no recorded configurations (call in beforeEach). */
    reset(): void {
      msal.nested = client();
      msal.standard = client();
      msal.nestedConfigs.length = 0;
      msal.standardConfigs.length = 0;
    },
  };

  class PublicClientApplication {
    constructor(configuration: unknown) {
      msal.standardConfigs.push(configuration);
      // A constructor may return another object: the test's recorded client.
      return msal.standard as unknown as PublicClientApplication;
    }
  }

  const msalModule = {
    AuthError,
    InteractionRequiredAuthError,
    PublicClientApplication,
    createNestablePublicClientApplication: async (configuration: unknown) => {
      msal.nestedConfigs.push(configuration);
      return msal.nested;
    },
  };
  return { AuthError, InteractionRequiredAuthError, msal, msalModule };
}

const shared = globalThis as { __officeevalMsalMock?: ReturnType<typeof create> };
export const { AuthError, InteractionRequiredAuthError, msal, msalModule } = (shared.__officeevalMsalMock ??= create());

/** An MSAL AuthenticationResult with what the add-in reads. */
export function authResult(accessToken: string, expiresOn: Date | null, account: AccountStub | null = null) {
  return { accessToken, expiresOn, account, scopes: [], idToken: "", idTokenClaims: {}, fromCache: false, tokenType: "Bearer" };
}
