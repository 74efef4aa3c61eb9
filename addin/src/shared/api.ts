// Client for the OfficeEval HTTP API. Same origin as the pane, bearer token, RFC 9457 problem details on errors.

export interface TokenResponse {
  tokenType: string;
  accessToken: string;
  expiresIn: number;
  refreshToken?: string;
}

export type Role = "Admin" | "Reviewer" | "UnitStaff" | "Viewer";

export interface Me {
  id?: string;
  email: string;
  displayName: string;
  roles: Role[];
  unitId: string | null;
  /** The initial password must be changed before anything but this and change-password answers. */
  mustChangePassword?: boolean;
}

export interface Campaign {
  id: string;
  year: number;
  name: string;
  frameworkName: string;
  frameworkVersion: string;
}

export interface Unit {
  id: string;
  code: string;
  name: string;
  kind: string;
}

/** One finding; `sheet` + `cell` locate it in the workbook when it comes from a cell. */
export interface ProblemItem {
  code: string;
  messageZh: string;
  messageEn: string;
  sheet?: string | null;
  cell?: string | null;
  field?: string | null;
  indicatorCode?: string | null;
}

export interface ProblemDetails {
  type?: string;
  title?: string;
  detail?: string;
  status?: number;
  code?: string;
  messageZh?: string;
  messageEn?: string;
  errors?: ProblemItem[];
}

/** Score rates are percentages (87.5 means 87.5%), as the engine computes them. */
export interface DimensionScore {
  code: string;
  name: string;
  score: number;
  maxPoints: number;
  scoreRate: number;
}

export interface ScoreResult {
  unitId: string;
  revision?: number;
  total: number;
  maxTotal: number;
  scoreRate?: number;
  problems: ProblemItem[];
  dimensions: DimensionScore[];
}

/** 红黄绿榜: a unit's board within its category. */
export type Board = "Green" | "Yellow" | "Red";

/**
 * A unit that has not started has no total, rate or rank. The official figures (total, rate, rank, dimensions,
 * deviation, grade, board) are null or empty for a unit's own staff until its field review is completed
 * (`verifiedVisible` false); the self figures are always there.
 */
export interface UnitResult {
  unitId: string;
  unitCode: string;
  unitName: string;
  status?: string;
  statusZh?: string;
  /** 经济 / 非经济: boards are per category. */
  category?: string | null;
  total: number | null;
  maxTotal: number;
  scoreRate: number | null;
  rank: number | null;
  /** 等次, after veto caps. */
  grade?: string | null;
  board?: Board | null;
  /** Official dimension subtotals; empty when there are no official figures. */
  dimensions?: DimensionScore[];
  verifiedVisible?: boolean;
  selfTotal?: number | null;
  selfScoreRate?: number | null;
  /** 自评偏差: self total minus official total. */
  deviation?: number | null;
}

export interface CampaignResults {
  campaignId: string;
  units: UnitResult[];
  /** When the office finalised the results (定档); null while they are provisional. */
  finalizedAt?: string | null;
}

export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The API's answer to every other request while the initial password is still to be changed. */
export const PASSWORD_CHANGE_REQUIRED = "auth.password_change_required";

/** A failed request. `status` is 0 when the server could not be reached. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: ProblemDetails;
  /** Whether the request carried a bearer token: a 401 then means the session ended, not wrong credentials. */
  readonly authenticated: boolean;

  constructor(status: number, problem: ProblemDetails, authenticated = false) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = "ApiError";
    this.status = status;
    this.problem = problem;
    this.authenticated = authenticated;
  }

  get isNetworkError(): boolean {
    return this.status === 0;
  }

  get isPasswordChangeRequired(): boolean {
    return this.status === 403 && this.problem.code === PASSWORD_CHANGE_REQUIRED;
  }
}

function asString(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function parseItem(value: unknown): ProblemItem | null {
  if (typeof value !== "object" || value === null) return null;
  const v = value as Record<string, unknown>;
  return {
    code: asString(v.code) ?? "",
    messageZh: asString(v.messageZh) ?? "",
    messageEn: asString(v.messageEn) ?? "",
    sheet: asString(v.sheet) ?? null,
    cell: asString(v.cell) ?? null,
    field: asString(v.field) ?? null,
    indicatorCode: asString(v.indicatorCode) ?? null,
  };
}

/**
 * Reads a problem-details body defensively. `errors` is normally an array of items; the ASP.NET
 * validation shape (`{ field: [message] }`) is turned into items too so that nothing the server said is lost.
 */
export function parseProblem(body: unknown, status: number): ProblemDetails {
  if (typeof body !== "object" || body === null) return { status };
  const b = body as Record<string, unknown>;
  let errors: ProblemItem[] | undefined;
  if (Array.isArray(b.errors)) {
    errors = b.errors.map(parseItem).filter((i): i is ProblemItem => i !== null);
  } else if (typeof b.errors === "object" && b.errors !== null) {
    errors = Object.entries(b.errors as Record<string, unknown>).flatMap(([field, messages]) =>
      (Array.isArray(messages) ? messages : [messages])
        .filter((m): m is string => typeof m === "string")
        .map((m) => ({ code: "validation", messageZh: m, messageEn: m, field })),
    );
  }
  const problem: ProblemDetails = {
    type: asString(b.type),
    title: asString(b.title),
    detail: asString(b.detail),
    status: typeof b.status === "number" ? b.status : status,
    code: asString(b.code),
    messageZh: asString(b.messageZh),
    messageEn: asString(b.messageEn),
  };
  if (errors) problem.errors = errors;
  return problem;
}

export interface ApiClientOptions {
  /** Absolute URL of the API root, ending with `/api/`. */
  baseUrl: string;
  getToken: () => string | null;
  /** Sent as Accept-Language: the server writes problem titles and details in this language. */
  getLocale?: () => string;
  fetch?: typeof fetch;
}

/** The pane lives at `<base>/addin/<host>/taskpane.html`; the API at `<base>/api/`. */
export function apiBaseFromPage(pageUrl: string): string {
  return new URL("../../api/", pageUrl).href;
}

export class ApiClient {
  private readonly baseUrl: string;
  private readonly getToken: () => string | null;
  private readonly getLocale: (() => string) | undefined;
  private readonly fetchImpl: typeof fetch;

  constructor(options: ApiClientOptions) {
    this.baseUrl = options.baseUrl.endsWith("/") ? options.baseUrl : `${options.baseUrl}/`;
    this.getToken = options.getToken;
    this.getLocale = options.getLocale;
    // Bound so that a test double or the window's fetch is called with the right `this`.
    const f = options.fetch ?? globalThis.fetch;
    this.fetchImpl = (input, init) => f(input, init);
  }

  login(email: string, password: string): Promise<TokenResponse> {
    return this.json<TokenResponse>("auth/login", { method: "POST", body: { email, password }, auth: false });
  }

  /** Changes the signed-in user's password; the answer is new tokens, as sign-in gives (the old ones still say "must change"). */
  changePassword(currentPassword: string, newPassword: string): Promise<TokenResponse> {
    return this.json<TokenResponse>("auth/change-password", { method: "POST", body: { currentPassword, newPassword } });
  }

  me(): Promise<Me> {
    return this.json<Me>("me");
  }

  campaigns(): Promise<Campaign[]> {
    return this.json<Campaign[]>("campaigns");
  }

  units(campaignId: string): Promise<Unit[]> {
    return this.json<Unit[]>(`campaigns/${enc(campaignId)}/units`);
  }

  results(campaignId: string): Promise<CampaignResults> {
    return this.json<CampaignResults>(`campaigns/${enc(campaignId)}/results`);
  }

  async downloadWorkbook(campaignId: string, unitId: string): Promise<Uint8Array> {
    const response = await this.send(workbookPath(campaignId, unitId), { method: "GET", accept: XLSX_CONTENT_TYPE });
    return new Uint8Array(await response.arrayBuffer());
  }

  uploadWorkbook(
    campaignId: string,
    unitId: string,
    bytes: Uint8Array,
    fileName = "workbook.xlsx",
  ): Promise<ScoreResult> {
    const form = new FormData();
    // Copy into a fresh ArrayBuffer-backed view: Blob wants ArrayBuffer, not a possibly shared buffer.
    form.append("file", new Blob([new Uint8Array(bytes)], { type: XLSX_CONTENT_TYPE }), fileName);
    return this.json<ScoreResult>(workbookPath(campaignId, unitId), { method: "POST", form });
  }

  private async json<T>(path: string, options: RequestOptions = { method: "GET" }): Promise<T> {
    const response = await this.send(path, { accept: "application/json", ...options });
    return (await response.json()) as T;
  }

  private async send(path: string, options: RequestOptions & { accept: string }): Promise<Response> {
    const headers: Record<string, string> = { Accept: options.accept };
    const locale = this.getLocale?.();
    if (locale) headers["Accept-Language"] = locale;
    const token = options.auth === false ? null : this.getToken();
    if (token) headers.Authorization = `Bearer ${token}`;
    let body: BodyInit | undefined;
    if (options.form) {
      body = options.form; // the browser sets the multipart boundary
    } else if (options.body !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(options.body);
    }

    let response: Response;
    try {
      response = await this.fetchImpl(this.baseUrl + path, { method: options.method, headers, body });
    } catch (e) {
      const detail = e instanceof Error ? e.message : String(e);
      throw new ApiError(0, { title: "Network error", detail }, token !== null);
    }
    if (!response.ok) throw new ApiError(response.status, await readProblem(response), token !== null);
    return response;
  }
}

interface RequestOptions {
  method: "GET" | "POST";
  body?: unknown;
  form?: FormData;
  auth?: boolean;
}

function enc(segment: string): string {
  return encodeURIComponent(segment);
}

function workbookPath(campaignId: string, unitId: string): string {
  return `campaigns/${enc(campaignId)}/units/${enc(unitId)}/self-assessment/workbook`;
}

async function readProblem(response: Response): Promise<ProblemDetails> {
  const text = await response.text().catch(() => "");
  if (!text) return { status: response.status, title: response.statusText || undefined };
  try {
    return parseProblem(JSON.parse(text), response.status);
  } catch {
    return { status: response.status, title: response.statusText || undefined };
  }
}
