// Client for the OfficeEval HTTP API. Same origin as the pane, bearer token, RFC 9457 problem details on errors.

export interface TokenResponse {
  tokenType: string;
  accessToken: string;
  expiresIn: number;
  refreshToken?: string;
}

/** `GET /api/auth/config`: how the API lets users sign in besides local accounts. */
export interface AuthConfig {
  entra?: {
    enabled?: boolean;
    clientId?: string;
    authority?: string;
    scopes?: string[];
  } | null;
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
  /** A warning: shown, but it does not stop a save or a submission. */
  isWarning?: boolean;
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
  /** On 412: the resource as it is now, and its ETag to retry with. */
  current?: unknown;
  currentETag?: string;
}

/** Score rates are percentages (87.5 means 87.5%), as the engine computes them. */
export interface DimensionScore {
  code: string;
  name: string;
  score: number;
  maxPoints: number;
  scoreRate: number;
}

export interface LeafScore {
  code: string;
  points: number;
  score: number;
  selfScore: number | null;
  explanation: string;
}

export interface ScoreResult {
  unitId: string;
  revision?: number;
  total: number;
  maxTotal: number;
  scoreRate?: number;
  problems: ProblemItem[];
  dimensions: DimensionScore[];
  leaves?: LeafScore[];
  explanation?: string;
  /** Whether nothing but warnings stands in the way of submitting. */
  readyToSubmit?: boolean | null;
}

/** One leaf's answer as the API stores it; absent fields are empty. */
export interface AnswerValue {
  indicatorCode: string;
  option?: string | null;
  number?: number | null;
  finding?: boolean | null;
  counts?: Record<string, number> | null;
  selfScore?: number | null;
  explanation?: string | null;
  evidence?: string[] | null;
}

export interface IndicatorComment {
  indicatorCode: string;
  comment: string;
}

export interface VersionSummary {
  number: number;
  revision: number;
  submittedAt: string;
  total: number;
  outcome: string;
  decidedAt: string | null;
  comment: string | null;
}

/** The unit's draft: `status` is NotStarted, Drafting, Submitted, Returned, Accepted, FieldReviewed or Final. */
export interface Draft {
  campaignId: string;
  unitId: string;
  status: string;
  statusZh: string;
  revision: number;
  updatedAt: string | null;
  answers: AnswerValue[];
  versions: VersionSummary[];
  returned?: { version: number; comment: string | null; indicators: IndicatorComment[]; returnedAt: string | null } | null;
}

/** A draft with the ETag to send back in If-Match. */
export interface Tagged<T> {
  value: T;
  etag: string;
}

/** Where the pane reads answers, and the current template's structure hash. */
export interface SheetInfo {
  sheet: string;
  identityNamespace: string;
  frameworkCode: string;
  frameworkVersion: string;
  structureHash: string;
  /** The template's identity part, for a workbook the pane inserted the sheets into. */
  identityXml: string;
}

/** 自评表's used range as Office.js gives it (0-based top-left). */
export interface SheetCells {
  values: unknown[][];
  rowIndex: number;
  columnIndex: number;
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
  /** Red now and in the unit's previous finalised campaign (连续两次红榜). */
  consecutiveRed?: boolean;
  /** 结果运用建议: what follows from the grade and the board, in Chinese; null while they are not visible. */
  application?: string | null;
  /** The grade's place as a stable code: grade.best, grade.middle or grade.lowest. */
  applicationCode?: string | null;
}

/** A current dimension against the unit's previous campaign, through the indicator mapping. */
export interface DimensionChange {
  code: string;
  name: string;
  scoreRate: number;
  /** Null when no previous dimension maps to it. */
  previousScoreRate: number | null;
  scoreRateChange: number | null;
  status: "Mapped" | "Unmapped";
  needsReview?: boolean;
}

/** This campaign against the unit's previous one (GET …/units/{u}/history). */
export interface HistoryComparison {
  previousCampaignId: string;
  previousYear: number;
  previousName: string;
  /** Stored by the office, Suggested (same code carried over, unconfirmed) or SameFramework. */
  mappingSource: "Stored" | "Suggested" | "SameFramework";
  needsReview: boolean;
  previousScoreRate: number;
  scoreRate: number;
  scoreRateChange: number;
  dimensions: DimensionChange[];
  counts: { improved: number; declined: number; unchanged: number; unmapped: number; dropped: number };
}

/** The unit's results across campaigns; the comparison is null while there is none to show. */
export interface UnitHistory {
  campaignId: string;
  unitId: string;
  comparison: HistoryComparison | null;
  comparisonUnavailable?: string | null;
}

export interface CampaignResults {
  campaignId: string;
  units: UnitResult[];
  /** When the office finalised the results (定档); null while they are provisional. */
  finalizedAt?: string | null;
}

/** A problem found in the field review (发现问题) and what the unit must do about it (整改要求). */
export interface ReviewProblem {
  description: string;
  category?: string | null;
  requirement?: string | null;
}

/** One leaf of a field review: what the unit claimed, what the rule computes, what the reviewers verified. */
export interface ReviewItem {
  indicatorCode: string;
  name: string;
  dimensionCode: string;
  /** The leaf's points (a bonus leaf's cap; 0 for a veto item). */
  points: number;
  /** Regular, Bonus or Veto: a veto item takes a finding, not a score. */
  role: string;
  selfScore: number | null;
  computedScore: number | null;
  verifiedScore: number | null;
  verifiedFinding: boolean | null;
  comment: string | null;
  problems: ReviewProblem[];
  selfFinding?: boolean | null;
  updatedAt?: string | null;
}

/** A unit's field review (实地评估); `revision` is also its ETag. */
export interface Review {
  campaignId: string;
  unitId: string;
  /** NotStarted (nothing saved yet), InProgress or Completed. */
  status: string;
  revision: number;
  summary: string | null;
  items: ReviewItem[];
  /** The self-evaluation's status: Accepted while the review is open. */
  selfAssessmentStatus?: string;
  /** Whether reviewers may change the review now. */
  isOpen?: boolean;
  updatedAt?: string | null;
  completedAt?: string | null;
}

/** What `PUT …/review/items/{code}` stores for a leaf, replacing what was there (nulls clear). */
export interface ReviewItemChange {
  verifiedScore: number | null;
  verifiedFinding: boolean | null;
  comment: string | null;
  problems: ReviewProblem[];
}

/** 待整改 Open → 整改中 Rectifying → 待核验 Submitted → 已销号 Closed (docs/rectification.md). */
export type RectificationStatus = "Open" | "Rectifying" | "Submitted" | "Closed";

/** What the signed-in user may do to an item now, as the API lists it in `actions`. */
export type RectificationAction = "edit" | "delete" | "start" | "submit" | "close" | "return" | "reopen";

/** The transitions that take a note: optional to start, required to close, return and reopen. */
export type NoteTransition = "start" | "close" | "return" | "reopen";

/** An evidence file of a submission (佐证材料), stored under a name the API made safe. */
export interface EvidenceFile {
  id: string;
  name: string;
  size: number;
  contentType: string;
}

/** One submission of the unit (整改情况): what it did, with its files. */
export interface RectificationEvidence {
  description: string;
  files: EvidenceFile[];
  submittedAt: string;
  submittedBy: string;
}

/** A step of an item's history (single item only). */
export interface RectificationEvent {
  at: string;
  by: string;
  byName: string | null;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  note: string | null;
}

/** An item of the rectification ledger (整改台账); `revision` is its ETag (`"3"`). Overdue state is as of today (CST). */
export interface RectificationItem {
  id: string;
  campaignId: string;
  unitId: string;
  unitCode: string;
  unitName: string;
  indicatorCode: string | null;
  indicatorName: string | null;
  category: string;
  categoryZh: string;
  description: string;
  requirement: string;
  /** 整改时限, `yyyy-MM-dd`. */
  deadline: string;
  responsiblePerson: string | null;
  source: string;
  sourceZh: string;
  sourceRef: string | null;
  status: RectificationStatus;
  statusZh: string;
  revision: number;
  overdue: boolean;
  daysOverdue: number;
  /** Overdue while submitted: the unit has done its part, the reviewers have not. */
  awaitingVerification: boolean;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  evidence: RectificationEvidence[];
  actions: RectificationAction[];
  /** Only on the single-item view, oldest first. */
  history?: RectificationEvent[] | null;
}

export interface RectificationCounts {
  total: number;
  open: number;
  rectifying: number;
  submitted: number;
  closed: number;
  overdue: number;
}

/** A unit's list: what is due (not closed) by deadline, closed ones after when asked for; counts are of all its items. */
export interface RectificationList {
  campaignId: string;
  asOf: string;
  counts: RectificationCounts;
  items: RectificationItem[];
}

export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** The API's answer to every other request while the initial password is still to be changed. */
export const PASSWORD_CHANGE_REQUIRED = "auth.password_change_required";

/** A failed request. `status` is 0 when the server could not be reached. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: ProblemDetails;
  /** Whether the request carried a bearer token: a 401 then means the session ended, not wrong credentials. */
  readonly authenticated: boolean;
  /** How long the server asked the client to wait before trying again (Retry-After, e.g. on 503); null when it did not say. */
  readonly retryAfterMs: number | null;

  constructor(status: number, problem: ProblemDetails, authenticated = false, retryAfterMs: number | null = null) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = "ApiError";
    this.status = status;
    this.problem = problem;
    this.authenticated = authenticated;
    this.retryAfterMs = retryAfterMs;
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
    isWarning: v.isWarning === true,
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
  if (b.current !== undefined) problem.current = b.current;
  if (typeof b.currentETag === "string") problem.currentETag = b.currentETag;
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

  /** Sign-in options; anonymous. An API without the endpoint answers 404 (ApiError). */
  authConfig(): Promise<AuthConfig> {
    return this.json<AuthConfig>("auth/config", { method: "GET", auth: false });
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

  /** The unit's results across campaigns, with this one compared to its previous one. */
  history(campaignId: string, unitId: string): Promise<UnitHistory> {
    return this.json<UnitHistory>(`campaigns/${enc(campaignId)}/units/${enc(unitId)}/history`);
  }

  /**
   * {@link history}, or null when it cannot be had: the comparison with the previous campaign is context beside the
   * results, and a failure to fetch it must not keep the results themselves from showing.
   */
  async historyOrNull(campaignId: string, unitId: string): Promise<UnitHistory | null> {
    try {
      return await this.history(campaignId, unitId);
    } catch {
      return null;
    }
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

  sheetInfo(campaignId: string, unitId: string): Promise<SheetInfo> {
    return this.json<SheetInfo>(`${draftPath(campaignId, unitId)}/sheet`);
  }

  draft(campaignId: string, unitId: string): Promise<Tagged<Draft>> {
    return this.tagged<Draft>(draftPath(campaignId, unitId), { method: "GET" });
  }

  /** Scores 自评表's cells (read on the server as an uploaded workbook is) with the submission checklist; saves nothing. */
  validateSheet(campaignId: string, unitId: string, cells: SheetCells): Promise<ScoreResult> {
    return this.json<ScoreResult>(`${draftPath(campaignId, unitId)}/sheet/validate`, { method: "POST", body: cells });
  }

  /** Saves 自评表's cells as the draft; `etag` is the revision the cells were based on (412 when someone saved since). */
  saveSheet(campaignId: string, unitId: string, cells: SheetCells, etag: string): Promise<Tagged<Draft>> {
    return this.tagged<Draft>(`${draftPath(campaignId, unitId)}/sheet`, { method: "PUT", body: cells, ifMatch: etag });
  }

  /** Saves the given answers (e.g. evidence marks) into the draft. */
  saveAnswers(campaignId: string, unitId: string, answers: AnswerValue[], etag: string): Promise<Tagged<Draft>> {
    return this.tagged<Draft>(`${draftPath(campaignId, unitId)}/answers`, { method: "PATCH", body: { answers }, ifMatch: etag });
  }

  /** Checks the stored draft: scores, problems and the submission checklist. */
  validateDraft(campaignId: string, unitId: string): Promise<ScoreResult> {
    return this.json<ScoreResult>(`${draftPath(campaignId, unitId)}/validate`, { method: "POST", body: {} });
  }

  submit(campaignId: string, unitId: string, etag: string): Promise<Tagged<Draft>> {
    return this.tagged<Draft>(`${draftPath(campaignId, unitId)}/submit`, { method: "POST", ifMatch: etag });
  }

  /** The unit's 自评报告 (.docx): each indicator in a block content control tagged `officeeval:indicator:{code}`. */
  async downloadSelfAssessmentReport(campaignId: string, unitId: string): Promise<Uint8Array> {
    const path = `campaigns/${enc(campaignId)}/units/${enc(unitId)}/reports/self-assessment`;
    const response = await this.send(path, { method: "GET", accept: DOCX_CONTENT_TYPE });
    return new Uint8Array(await response.arrayBuffer());
  }

  review(campaignId: string, unitId: string): Promise<Tagged<Review>> {
    return this.tagged<Review>(reviewPath(campaignId, unitId), { method: "GET" });
  }

  /** Replaces one leaf's verification; `etag` is the review's revision it was made on (412 when someone saved since). */
  saveReviewItem(campaignId: string, unitId: string, code: string, change: ReviewItemChange, etag: string): Promise<Tagged<Review>> {
    return this.tagged<Review>(`${reviewPath(campaignId, unitId)}/items/${enc(code)}`, { method: "PUT", body: change, ifMatch: etag });
  }

  saveReviewSummary(campaignId: string, unitId: string, summary: string | null, etag: string): Promise<Tagged<Review>> {
    return this.tagged<Review>(`${reviewPath(campaignId, unitId)}/summary`, { method: "PUT", body: { summary }, ifMatch: etag });
  }

  completeReview(campaignId: string, unitId: string, etag: string): Promise<Tagged<Review>> {
    return this.tagged<Review>(`${reviewPath(campaignId, unitId)}/complete`, { method: "POST", ifMatch: etag });
  }

  /** What the unit has to rectify: items not closed, earliest deadline first; `closed` adds the closed ones, latest first. */
  rectificationItems(campaignId: string, unitId: string, options: { closed?: boolean } = {}): Promise<RectificationList> {
    const query = options.closed ? "?closed=true" : "";
    return this.json<RectificationList>(`${rectificationPath(campaignId, unitId)}${query}`);
  }

  /** One item with its evidence and history; the ETag is its revision. */
  rectificationItem(campaignId: string, unitId: string, itemId: string): Promise<Tagged<RectificationItem>> {
    return this.tagged<RectificationItem>(`${rectificationPath(campaignId, unitId)}/${enc(itemId)}`, { method: "GET" });
  }

  /**
   * start, close, return or reopen (`POST …/{item}/{transition}` with `{ note }`); `etag` is the revision the user saw
   * (412 with the current item when it changed since). A note is required to close, return and reopen.
   */
  moveRectification(
    campaignId: string,
    unitId: string,
    itemId: string,
    transition: NoteTransition,
    etag: string,
    note: string | null,
  ): Promise<Tagged<RectificationItem>> {
    return this.tagged<RectificationItem>(`${rectificationPath(campaignId, unitId)}/${enc(itemId)}/${transition}`, {
      method: "POST",
      body: { note },
      ifMatch: etag,
    });
  }

  /**
   * 提交核验: the unit's report with its evidence files, as multipart (field `description`, each file in `files`);
   * without files as JSON `{ description }`.
   */
  submitRectification(
    campaignId: string,
    unitId: string,
    itemId: string,
    etag: string,
    description: string,
    files: readonly File[] = [],
  ): Promise<Tagged<RectificationItem>> {
    const path = `${rectificationPath(campaignId, unitId)}/${enc(itemId)}/submit`;
    if (files.length === 0) return this.tagged<RectificationItem>(path, { method: "POST", body: { description }, ifMatch: etag });
    const form = new FormData();
    form.append("description", description);
    for (const file of files) form.append("files", file, file.name);
    return this.tagged<RectificationItem>(path, { method: "POST", form, ifMatch: etag });
  }

  /** An evidence file, as the API serves it (its detected content type). */
  async downloadRectificationFile(campaignId: string, unitId: string, itemId: string, fileId: string): Promise<Blob> {
    const path = `${rectificationPath(campaignId, unitId)}/${enc(itemId)}/files/${enc(fileId)}`;
    const response = await this.send(path, { method: "GET", accept: "*/*" });
    return response.blob();
  }

  private async tagged<T>(path: string, options: RequestOptions): Promise<Tagged<T>> {
    const response = await this.send(path, { accept: "application/json", ...options });
    return { value: (await response.json()) as T, etag: response.headers.get("ETag") ?? "" };
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
    if (options.ifMatch) headers["If-Match"] = options.ifMatch;
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
    if (!response.ok) {
      const retryAfterMs = parseRetryAfter(response.headers.get("Retry-After"), new Date());
      throw new ApiError(response.status, await readProblem(response), token !== null, retryAfterMs);
    }
    return response;
  }
}

interface RequestOptions {
  method: "GET" | "POST" | "PUT" | "PATCH";
  ifMatch?: string;
  body?: unknown;
  form?: FormData;
  auth?: boolean;
}

function enc(segment: string): string {
  return encodeURIComponent(segment);
}

function draftPath(campaignId: string, unitId: string): string {
  return `campaigns/${enc(campaignId)}/units/${enc(unitId)}/self-assessment`;
}

function reviewPath(campaignId: string, unitId: string): string {
  return `campaigns/${enc(campaignId)}/units/${enc(unitId)}/review`;
}

function rectificationPath(campaignId: string, unitId: string): string {
  return `campaigns/${enc(campaignId)}/units/${enc(unitId)}/rectification`;
}

function workbookPath(campaignId: string, unitId: string): string {
  return `${draftPath(campaignId, unitId)}/workbook`;
}

/**
 * A Retry-After header (RFC 9110: delay-seconds, or an HTTP date) as milliseconds from `now`; null when absent or not
 * readable. A date in the past is 0.
 */
export function parseRetryAfter(value: string | null, now: Date): number | null {
  const text = value?.trim();
  if (!text) return null;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP date names its day and month ("Sat, 21 Nov 2026 08:00:30 GMT"); Date.parse would also take "-5" as a year.
  if (!/[a-z]/i.test(text)) return null;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
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
