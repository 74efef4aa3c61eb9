export type Locale = "zh-CN" | "en-US";

export const DEFAULT_LOCALE: Locale = "zh-CN";

const zhCN = {
  "app.title.excel": "OfficeEval 自评填报",
  "app.title.word": "OfficeEval 评估结果",
  "lang.switch": "English",
  "notice.notInOffice": "当前未在 Office 中运行：可以登录和查看结果，与文档相关的功能不可用。",
  "signin.heading": "登录",
  "signin.email": "邮箱",
  "signin.password": "密码",
  "signin.submit": "登录",
  "signin.busy": "正在登录…",
  signout: "退出登录",
  "password.heading": "修改初始密码",
  "password.intro": "为保障账号安全，首次登录或密码被重置后，须先设置新密码才能继续使用。",
  "password.policy": "新密码须满足：",
  "password.rule.length": "至少 8 位；",
  "password.rule.classes": "包含大写字母、小写字母、数字、符号中的至少三类；",
  "password.rule.account": "不能包含账号名。",
  "password.current": "当前密码",
  "password.new": "新密码",
  "password.confirm": "再次输入新密码",
  "password.submit": "修改密码",
  "password.busy": "正在修改密码…",
  "password.missing": "请输入当前密码和新密码。",
  "password.mismatch": "两次输入的新密码不一致。",
  "password.done": "密码已修改。",
  "user.signedInAs": "已登录：{name}",
  "session.expired": "登录已过期，请重新登录。",
  "campaign.label": "评估活动",
  "campaign.none": "暂无评估活动",
  "unit.label": "被评估单位",
  "unit.none": "无可选单位",
  "select.placeholder": "请选择…",
  "busy.loading": "正在加载…",
  "excel.insert": "插入自评模板",
  "excel.insert.busy": "正在插入模板…",
  "excel.insert.done": "已插入 {count} 个工作表。",
  "excel.insert.unsupported": "当前 Excel 不支持插入工作表（需要 ExcelApi 1.13），请下载模板后打开：",
  "excel.download": "下载自评模板",
  "excel.upload": "上传并计分",
  "excel.upload.busy": "正在上传并计分…",
  "excel.upload.needsOffice": "上传需要在 Excel 中打开本窗格。",
  "score.heading": "计分结果",
  "score.total": "总分",
  "score.totalRate": "（得分率 {rate}）",
  "score.dimension": "一级指标",
  "score.score": "得分",
  "score.rate": "得分率",
  "problems.heading": "问题（{count}）",
  "problems.none": "未发现问题。",
  "problems.goto": "定位到 {cell}",
  "results.heading": "评估结果",
  "results.show": "查看结果",
  "results.refresh": "刷新结果",
  "results.rank": "排名",
  "results.unitCode": "代码",
  "results.unit": "单位",
  "results.status": "状态",
  "status.NotStarted": "未开始",
  "status.Drafting": "填报中",
  "status.Submitted": "已提交",
  "status.Returned": "已退回",
  "status.Accepted": "初审通过",
  "status.FieldReviewed": "已实地评估",
  "status.Final": "已定档",
  "results.selfMark": "（自评）",
  "score.leaves": "各指标得分及计分说明",
  "workbook.none": "当前工作簿中还没有自评表：请点击“插入自评模板”。",
  "workbook.unknown": "当前工作簿中的自评表不是由 OfficeEval 为本单位生成的，可能无法正确计分。",
  "workbook.otherUnit": "当前工作簿是为其他评估活动或单位生成的，请确认所选单位。",
  "workbook.outdated": "本工作簿的模板（指标体系 {version}）已过时，当前为 {current}：请重新插入模板后填写。",
  "workbook.current": "本工作簿由 OfficeEval 生成，模板为最新（指标体系 {version}）。",
  "sync.saving": "正在自动保存…",
  "sync.saved": "已自动保存（{time}）。",
  "sync.offline": "无法连接服务器：修改已保存在本机，恢复连接后将自动同步。",
  "sync.invalid": "有无法读取的单元格，修正后才会保存。",
  "sync.error": "自动保存失败，请稍后重试。",
  "sync.locked": "自评当前为“{status}”，修改不会被保存。",
  "sync.conflict": "他人已修改并保存了本单位的自评（第 {revision} 次保存，{time}），与您的修改冲突。",
  "sync.conflict.hint": "请选择保留哪一份：保留您的修改将覆盖对方的内容；采用对方的版本将用其替换工作表中的答案。",
  "sync.keepMine": "保留我的修改",
  "sync.takeTheirs": "采用对方的版本",
  "returned.heading": "初审退回意见（第 {version} 版）",
  "submit.heading": "提交",
  "submit.check": "提交前检查",
  "submit.unsaved": "还有未保存的修改，请恢复连接或处理冲突后再提交。",
  "submit.ready": "检查通过，可以提交。",
  "submit.blocked": "还有 {count} 项未完成，暂不能提交：",
  "submit.evidence": "请勾选已提供的佐证材料：",
  "submit.confirm": "确认提交",
  "submit.done": "已提交（第 {version} 版）。",
  "results.total": "总分",
  "results.rate": "得分率",
  "results.empty": "暂无结果。",
  "excel.resultsSheet": "拉取汇总结果到工作表",
  "excel.resultsSheet.busy": "正在写入“评估结果”工作表…",
  "excel.resultsSheet.done": "已写入 {count} 个单位。",
  "excel.resultsSheet.unsupported": "当前 Excel 不支持写入结果工作表（需要 ExcelApi 1.7），请使用 Microsoft 365、Office 2019 及以上版本或 Excel 网页版。",
  "resultsSheet.title.final": "{campaign}（定档）",
  "resultsSheet.title.provisional": "{campaign}（暂定）",
  "resultsSheet.rank": "排名",
  "resultsSheet.unitCode": "单位代码",
  "resultsSheet.unitName": "单位名称",
  "resultsSheet.category": "类别",
  "resultsSheet.dimension": "{name}（{max}）",
  "resultsSheet.total": "总分",
  "resultsSheet.rate": "得分率",
  "resultsSheet.selfTotal": "自评总分",
  "resultsSheet.deviation": "偏差",
  "resultsSheet.grade": "等次",
  "resultsSheet.board": "红黄绿榜",
  "resultsSheet.board.Green": "绿榜",
  "resultsSheet.board.Yellow": "黄榜",
  "resultsSheet.board.Red": "红榜",
  "resultsSheet.chartTitle": "各单位总分",
  "error.network": "无法连接服务器，请检查网络。",
  "error.http": "请求失败（HTTP {status}）。",
  "error.unexpected": "发生错误：{message}",
} as const;

export type MessageKey = keyof typeof zhCN;

const enUS: Record<MessageKey, string> = {
  "app.title.excel": "OfficeEval self-assessment",
  "app.title.word": "OfficeEval results",
  "lang.switch": "中文",
  "notice.notInOffice":
    "Not running inside Office: you can sign in and view results, but document features are unavailable.",
  "signin.heading": "Sign in",
  "signin.email": "Email",
  "signin.password": "Password",
  "signin.submit": "Sign in",
  "signin.busy": "Signing in…",
  signout: "Sign out",
  "password.heading": "Change your initial password",
  "password.intro":
    "To keep the account safe, set a new password before you continue (after the first sign-in or a password reset).",
  "password.policy": "The new password must:",
  "password.rule.length": "have at least 8 characters;",
  "password.rule.classes": "use at least three of: upper-case letters, lower-case letters, digits, symbols;",
  "password.rule.account": "not contain the account name.",
  "password.current": "Current password",
  "password.new": "New password",
  "password.confirm": "New password again",
  "password.submit": "Change password",
  "password.busy": "Changing the password…",
  "password.missing": "Enter the current and the new password.",
  "password.mismatch": "The two new passwords differ.",
  "password.done": "Your password has been changed.",
  "user.signedInAs": "Signed in as {name}",
  "session.expired": "Your session has expired. Please sign in again.",
  "campaign.label": "Campaign",
  "campaign.none": "No campaigns",
  "unit.label": "Unit",
  "unit.none": "No units available",
  "select.placeholder": "Select…",
  "busy.loading": "Loading…",
  "excel.insert": "Insert self-assessment template",
  "excel.insert.busy": "Inserting the template…",
  "excel.insert.done": "Inserted {count} worksheet(s).",
  "excel.insert.unsupported":
    "This Excel cannot insert worksheets (ExcelApi 1.13 is required). Download the template and open it instead:",
  "excel.download": "Download the template",
  "excel.upload": "Upload and score",
  "excel.upload.busy": "Uploading and scoring…",
  "excel.upload.needsOffice": "Uploading needs this pane to be open in Excel.",
  "score.heading": "Score",
  "score.total": "Total",
  "score.totalRate": " (score rate {rate})",
  "score.dimension": "Dimension",
  "score.score": "Score",
  "score.rate": "Score rate",
  "problems.heading": "Problems ({count})",
  "problems.none": "No problems found.",
  "problems.goto": "Go to {cell}",
  "results.heading": "Results",
  "results.show": "Show results",
  "results.refresh": "Refresh results",
  "results.rank": "Rank",
  "results.unitCode": "Code",
  "results.unit": "Unit",
  "results.status": "Status",
  "status.NotStarted": "Not started",
  "status.Drafting": "Drafting",
  "status.Submitted": "Submitted",
  "status.Returned": "Returned",
  "status.Accepted": "Accepted",
  "status.FieldReviewed": "Field-reviewed",
  "status.Final": "Final",
  "results.selfMark": " (self)",
  "score.leaves": "Each indicator's score and how it was scored",
  "workbook.none": "This workbook has no self-evaluation sheet yet: choose \"Insert the template\".",
  "workbook.unknown": "The self-evaluation sheet in this workbook was not made by OfficeEval for this unit; it may not score correctly.",
  "workbook.otherUnit": "This workbook was made for another campaign or unit; check the unit chosen.",
  "workbook.outdated": "This workbook's template (framework {version}) is outdated; the current one is {current}: insert the template again.",
  "workbook.current": "This workbook was made by OfficeEval and its template is current (framework {version}).",
  "sync.saving": "Saving…",
  "sync.saved": "Saved ({time}).",
  "sync.offline": "The server cannot be reached: your changes are kept on this computer and will be synced when the connection is back.",
  "sync.invalid": "Some cells cannot be read; nothing is saved until they are corrected.",
  "sync.error": "Saving failed; try again later.",
  "sync.locked": "The self-evaluation is \"{status}\": changes are not saved.",
  "sync.conflict": "Someone else saved this unit's self-evaluation (save {revision}, {time}); it conflicts with your changes.",
  "sync.conflict.hint": "Choose which to keep: keeping yours overwrites theirs; taking theirs replaces the answers in the sheet.",
  "sync.keepMine": "Keep my changes",
  "sync.takeTheirs": "Take their version",
  "returned.heading": "Returned by the initial review (version {version})",
  "submit.heading": "Submit",
  "submit.check": "Check before submitting",
  "submit.unsaved": "Some changes are not saved yet: reconnect or settle the conflict, then submit.",
  "submit.ready": "All checks passed: you can submit.",
  "submit.blocked": "{count} items still block the submission:",
  "submit.evidence": "Tick the evidence you have provided:",
  "submit.confirm": "Submit",
  "submit.done": "Submitted (version {version}).",
  "results.total": "Total",
  "results.rate": "Score rate",
  "results.empty": "No results yet.",
  "excel.resultsSheet": "Pull consolidated scores into a sheet",
  "excel.resultsSheet.busy": "Writing the 评估结果 (results) sheet…",
  "excel.resultsSheet.done": "Wrote {count} unit(s).",
  "excel.resultsSheet.unsupported":
    "This Excel cannot write the results sheet (ExcelApi 1.7 is required). Use Microsoft 365, Office 2019 or later, or Excel on the web.",
  "resultsSheet.title.final": "{campaign} (final)",
  "resultsSheet.title.provisional": "{campaign} (provisional)",
  "resultsSheet.rank": "Rank",
  "resultsSheet.unitCode": "Unit code",
  "resultsSheet.unitName": "Unit name",
  "resultsSheet.category": "Category",
  "resultsSheet.dimension": "{name} ({max})",
  "resultsSheet.total": "Total",
  "resultsSheet.rate": "Score rate",
  "resultsSheet.selfTotal": "Self-assessed total",
  "resultsSheet.deviation": "Deviation",
  "resultsSheet.grade": "Grade",
  "resultsSheet.board": "Board",
  "resultsSheet.board.Green": "Green",
  "resultsSheet.board.Yellow": "Yellow",
  "resultsSheet.board.Red": "Red",
  "resultsSheet.chartTitle": "Total score by unit",
  "error.network": "Cannot reach the server. Check the network connection.",
  "error.http": "The request failed (HTTP {status}).",
  "error.unexpected": "Something went wrong: {message}",
};

const catalogs: Record<Locale, Record<MessageKey, string>> = { "zh-CN": zhCN, "en-US": enUS };

export type MessageParams = Record<string, string | number>;

export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const template = catalogs[locale][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

/** zh-CN unless English was chosen explicitly; staffing offices work in Chinese. */
export function parseLocale(value: string | null | undefined): Locale {
  return value?.toLowerCase().startsWith("en") ? "en-US" : DEFAULT_LOCALE;
}

export function otherLocale(locale: Locale): Locale {
  return locale === "zh-CN" ? "en-US" : "zh-CN";
}

export type Translate = (key: MessageKey, params?: MessageParams) => string;

export interface I18n {
  readonly locale: Locale;
  t: Translate;
  setLocale(locale: Locale): void;
  onChange(listener: (locale: Locale) => void): void;
}

export function createI18n(initial: Locale = DEFAULT_LOCALE): I18n {
  let locale = initial;
  const listeners: Array<(locale: Locale) => void> = [];
  return {
    get locale() {
      return locale;
    },
    t: (key, params) => translate(locale, key, params),
    setLocale(next) {
      if (next === locale) return;
      locale = next;
      for (const listener of listeners) listener(next);
    },
    onChange(listener) {
      listeners.push(listener);
    },
  };
}
