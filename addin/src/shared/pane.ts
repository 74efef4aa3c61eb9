// What both task panes share: language switch, sign-in/out (local accounts, and Microsoft 365 accounts when the API has
// Entra ID sign-in on), the forced change of the initial password, the campaign picker, status and error display.
// Host panes add their own sections and subscribe to campaign changes and re-renders.
import { ApiClient, ApiError, apiBaseFromPage, type Campaign, type Me } from "./api";
import { TokenStore } from "./auth";
import { applyTranslations, byId, h, replaceChildren, setVisible, whileBusy } from "./dom";
import { EntraSignIn, EntraSignInError, dialogUrlFromPage, loadEntraConfig } from "./entra";
import { createI18n, otherLocale, parseLocale, type I18n, type MessageKey, type MessageParams } from "./i18n";
import { localStorageOrNull, sessionStorageOrNull, type OfficeEnvironment } from "./office";
import { checkPasswordChange } from "./password-change";
import { describeError, PaneError } from "./problems";
import { problemList, type GoToCell } from "./views";

const LOCALE_KEY = "officeeval.locale";

interface Status {
  key: MessageKey;
  params?: MessageParams;
}

export class Pane {
  readonly i18n: I18n;
  readonly api: ApiClient;
  readonly tokens: TokenStore;
  me: Me | null = null;
  campaign: Campaign | null = null;
  /** Set once the API says Entra ID sign-in is on and this pane can use it (in Office). */
  entra: EntraSignIn | null = null;

  private campaigns: Campaign[] = [];
  private status: Status | null = null;
  private error: unknown = null;
  private goToCell: GoToCell | null = null;
  /** While the workspace opens right after a sign-in: a 401 then means the API refused the account, not an expiry. */
  private signingIn = false;
  private readonly renderers: Array<() => void> = [];
  private readonly campaignListeners: Array<(campaign: Campaign | null) => void> = [];

  constructor(readonly env: OfficeEnvironment) {
    this.i18n = createI18n(parseLocale(localStorageOrNull()?.getItem(LOCALE_KEY)));
    this.tokens = new TokenStore(sessionStorageOrNull(), env.partitionKey);
    this.api = new ApiClient({
      baseUrl: apiBaseFromPage(location.href),
      getToken: () => this.tokens.get(),
      getLocale: () => this.i18n.locale,
    });
  }

  get inOffice(): boolean {
    return this.env.host !== null;
  }

  get t() {
    return this.i18n.t;
  }

  /** Called again whenever the language changes, so dynamic content follows it. */
  onRender(render: () => void): void {
    this.renderers.push(render);
  }

  onCampaignChange(listener: (campaign: Campaign | null) => void): void {
    this.campaignListeners.push(listener);
  }

  /** Makes located problems in the error area clickable (Excel only). */
  setGoToCell(goToCell: GoToCell | null): void {
    this.goToCell = goToCell;
  }

  async start(): Promise<void> {
    byId("lang").addEventListener("click", () => this.switchLocale());
    byId("signout").addEventListener("click", () => this.signOut());
    byId("password-signout").addEventListener("click", () => this.signOut());
    byId<HTMLFormElement>("password-form").addEventListener("submit", (event) => {
      event.preventDefault();
      void this.changePassword();
    });
    byId<HTMLFormElement>("signin-form").addEventListener("submit", (event) => {
      event.preventDefault();
      void this.signIn();
    });
    byId("signin-entra").addEventListener("click", () => void this.signInWithEntra());
    byId<HTMLSelectElement>("campaign").addEventListener("change", (event) => {
      const id = (event.target as HTMLSelectElement).value;
      this.selectCampaign(this.campaigns.find((c) => c.id === id) ?? null);
    });
    this.onRender(() => this.renderMessages());
    this.onRender(() => this.renderSession());
    setVisible(byId("notice"), !this.inOffice);
    this.render();

    // Not awaited: the local form works while the API is asked whether Microsoft sign-in is on.
    const entraReady = this.setUpEntra();
    if (this.tokens.get()) await this.enterWorkspace();
    else this.showSignIn();
    await entraReady;
  }

  setStatus(key: MessageKey, params?: MessageParams): void {
    this.status = { key, params };
    this.renderMessages();
  }

  showError(error: unknown): void {
    // An expired or revoked token: back to the sign-in form rather than an error on every click.
    if (error instanceof ApiError && error.status === 401 && error.authenticated) {
      // Right after signing in, the API refused the account itself (e.g. a Microsoft account with no role here):
      // its reason, not "session expired".
      const refused = this.signingIn;
      this.signOut();
      if (refused) {
        this.error = error;
        this.renderMessages();
      } else {
        this.setStatus("session.expired");
      }
      return;
    }
    // A token issued before the initial password was changed: the API answers nothing else until it is.
    if (error instanceof ApiError && error.isPasswordChangeRequired) {
      this.showPasswordChange();
      return;
    }
    // The action that was in progress has ended: its "working…" status must not stay beside the error.
    this.status = null;
    this.error = error;
    this.renderMessages();
  }

  clearMessages(): void {
    this.status = null;
    this.error = null;
    this.renderMessages();
  }

  /** Runs a user action: clears old messages, disables the button meanwhile, shows any failure. */
  async run(work: () => Promise<void>, button?: HTMLButtonElement): Promise<void> {
    this.clearMessages();
    const guarded = async () => {
      try {
        await work();
      } catch (error) {
        this.showError(error);
      }
    };
    await (button ? whileBusy(button, guarded) : guarded());
  }

  private render(): void {
    const { locale, t } = this.i18n;
    document.documentElement.lang = locale;
    applyTranslations(document, t);
    for (const render of this.renderers) render();
  }

  private switchLocale(): void {
    const next = otherLocale(this.i18n.locale);
    try {
      localStorageOrNull()?.setItem(LOCALE_KEY, next);
    } catch {
      // the choice then lasts for this page only
    }
    this.i18n.setLocale(next);
    this.render();
  }

  private showSignIn(): void {
    setVisible(byId("workspace"), false);
    setVisible(byId("password-change"), false);
    setVisible(byId("signin"), true);
    byId<HTMLInputElement>("email").focus();
  }

  /** The only thing a user with an initial password can do: choose a new one (or sign out). */
  private showPasswordChange(): void {
    setVisible(byId("signin"), false);
    setVisible(byId("workspace"), false);
    setVisible(byId("password-change"), true);
    byId<HTMLInputElement>("current-password").focus();
  }

  private async changePassword(): Promise<void> {
    const fields = ["current-password", "new-password", "confirm-password"].map((id) => byId<HTMLInputElement>(id));
    const [current, next, confirm] = fields.map((f) => f.value) as [string, string, string];
    const problem = checkPasswordChange({ current, next, confirm });
    if (problem) {
      this.showError(new PaneError(problem));
      return;
    }
    let changed = false;
    await this.run(async () => {
      this.setStatus("password.busy");
      // The answer is new tokens: the ones in hand still say the change is pending.
      this.tokens.set(await this.api.changePassword(current, next));
      for (const field of fields) field.value = "";
      changed = true;
    }, byId<HTMLButtonElement>("password-submit"));
    if (!changed) return;
    setVisible(byId("password-change"), false);
    await this.enterWorkspace();
    if (this.me && !this.error) this.setStatus("password.done");
  }

  private async signIn(): Promise<void> {
    const email = byId<HTMLInputElement>("email");
    const password = byId<HTMLInputElement>("password");
    await this.run(async () => {
      this.setStatus("signin.busy");
      const token = await this.api.login(email.value.trim(), password.value);
      this.tokens.set(token);
      password.value = "";
      this.status = null;
      await this.enterWorkspace(true);
    }, byId<HTMLButtonElement>("signin-submit"));
  }

  /** Shows the Microsoft button when the API has Entra ID sign-in on and the pane runs where it can be used. */
  private async setUpEntra(): Promise<void> {
    const config = await loadEntraConfig(this.api);
    if (!config) return;
    const entra = new EntraSignIn(config, {
      office: this.inOffice && typeof Office !== "undefined" ? Office : null,
      dialogUrl: dialogUrlFromPage(location.href),
    });
    if (!entra.available) return;
    this.entra = entra;
    // Also renews a token kept from before a reload.
    this.tokens.useRenewer(() => entra.renew());
    setVisible(byId("signin-entra-area"), true);
  }

  private async signInWithEntra(): Promise<void> {
    const entra = this.entra;
    if (!entra) return;
    await this.run(async () => {
      this.setStatus("signin.entra.busy");
      let token;
      try {
        token = await entra.signIn();
      } catch (error) {
        if (error instanceof EntraSignInError && error.cancelled) {
          this.setStatus("signin.entra.cancelled");
          return;
        }
        throw error;
      }
      this.tokens.setEntra(token);
      this.status = null;
      await this.enterWorkspace(true);
    }, byId<HTMLButtonElement>("signin-entra"));
  }

  private signOut(): void {
    // MSAL's cached accounts and tokens for this add-in go too (Office's own sign-in is not touched).
    if (this.tokens.source === "entra") void this.entra?.signOut();
    this.tokens.clear();
    this.me = null;
    for (const id of ["password", "current-password", "new-password", "confirm-password"]) byId<HTMLInputElement>(id).value = "";
    this.campaigns = [];
    this.selectCampaign(null);
    this.clearMessages();
    this.showSignIn();
  }

  private async enterWorkspace(afterSignIn = false): Promise<void> {
    let pendingChange = false;
    this.signingIn = afterSignIn;
    await this.run(async () => {
      this.setStatus("busy.loading");
      const me = await this.api.me();
      if (me.mustChangePassword) {
        pendingChange = true;
        this.clearMessages();
        return;
      }
      this.me = me;
      this.campaigns = await this.api.campaigns();
      this.clearMessages();
      setVisible(byId("signin"), false);
      setVisible(byId("workspace"), true);
      this.renderSession();
      // With one campaign there is nothing to choose.
      const only = this.campaigns.length === 1 ? this.campaigns[0] : undefined;
      this.selectCampaign(only ?? null);
    });
    this.signingIn = false;
    if (pendingChange) {
      this.showPasswordChange();
    } else if (!this.me) {
      // A token the API would not open the workspace with (e.g. 403 for a Microsoft account without an account here)
      // is not kept for the next pane load.
      if (afterSignIn) this.tokens.clear();
      this.showSignIn();
    }
  }

  private selectCampaign(campaign: Campaign | null): void {
    this.campaign = campaign;
    byId<HTMLSelectElement>("campaign").value = campaign?.id ?? "";
    for (const listener of this.campaignListeners) listener(campaign);
  }

  private renderSession(): void {
    const { t } = this.i18n;
    byId("user").textContent = this.me ? t("user.signedInAs", { name: this.me.displayName || this.me.email }) : "";
    const select = byId<HTMLSelectElement>("campaign");
    const placeholder = this.campaigns.length === 0 ? t("campaign.none") : t("select.placeholder");
    replaceChildren(
      select,
      h("option", { value: "" }, placeholder),
      ...this.campaigns.map((c) => h("option", { value: c.id }, c.name.startsWith(String(c.year)) ? c.name : `${c.year} ${c.name}`)),
    );
    select.value = this.campaign?.id ?? "";
    select.disabled = this.campaigns.length === 0;
  }

  private renderMessages(): void {
    const { locale, t } = this.i18n;
    const status = byId("status");
    status.textContent = this.status ? t(this.status.key, this.status.params) : "";
    setVisible(status, this.status !== null);

    const alert = byId("error");
    if (this.error === null) {
      replaceChildren(alert);
      setVisible(alert, false);
      return;
    }
    const { message, items } = describeError(this.error, locale, t);
    replaceChildren(alert, h("p", {}, message), items.length > 0 ? problemList(items, t, this.goToCell) : null);
    setVisible(alert, true);
  }
}
