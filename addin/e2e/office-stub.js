// A stand-in for office.js, served by the e2e tests (Playwright route) instead of the bundled copy and the CDN.
// The Common API the panes use, and for Excel an in-memory workbook behind proxy objects that behave like Office.js
// ones: calls are queued, load()ed properties are filled at context.sync(), errors surface at sync with Excel's codes.
// What the pane asked of the host is recorded in window.__officeStub.calls; the same object holds the test hooks.
// The harness prepends `window.__officeStubConfig = {...}`. e2e/README.md lists what is modelled and what is not.
// Plain ES2017 browser script on purpose: it is served as is, not bundled.
(function () {
  "use strict";
  const config = window.__officeStubConfig || {};
  const host = config.host || "Excel";
  const platform = config.platform || "OfficeOnline";
  // Highest supported version per requirement set, e.g. { ExcelApi: "1.17" }.
  const sets = config.requirementSets || {};
  const calls = [];
  /**
   * What getFileAsync serves. By default the bytes of the file last inserted (or config.documentBase64), refused once
   * cell values changed after that; with config.fileFromModel, the in-memory workbook written as .xlsx, as Excel
   * would give the user's workbook (its own sheets and custom XML parts: not the inserted file's identity part).
   */
  let documentBase64 = config.documentBase64 || null;
  let editedSinceFile = false;
  /** Set by the Excel part below: the workbook model as .xlsx bytes. */
  let workbookBytes = null;
  const hooks = { calls: calls };
  window.__officeStub = hooks;

  function record(api, details) {
    const entry = { api: api };
    for (const key in details || {}) entry[key] = details[key];
    calls.push(entry);
    return entry;
  }

  function versionAtMost(wanted, supported) {
    const a = String(wanted || "1.1").split(".").map(Number);
    const b = String(supported).split(".").map(Number);
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const x = a[i] || 0;
      const y = b[i] || 0;
      if (x !== y) return x < y;
    }
    return true;
  }
  function supports(name, version) {
    return Object.prototype.hasOwnProperty.call(sets, name) && versionAtMost(version, sets[name]);
  }

  function succeeded(value) {
    return { status: "succeeded", value: value, error: null };
  }
  function failed(message) {
    return { status: "failed", value: null, error: { name: "StubError", message: message, code: 5001 } };
  }
  function later(callback, result) {
    if (typeof callback === "function") setTimeout(function () { callback(result); }, 0);
  }

  function base64ToBytes(base64) {
    const binary = atob(base64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }

  /** A JSON copy: what crosses the host boundary (settings, loaded values) never aliases the pane's objects. */
  function copy(value) {
    return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Common API: document (getFileAsync, settings)
  // ---------------------------------------------------------------------------------------------------------------

  /** Office.context.document.settings: an in-memory copy the pane edits, and what saveAsync last stored. */
  let savedSettings = copy(config.settings || {});
  let settings = copy(savedSettings);
  const settingsApi = {
    get: function (name) {
      record("settings.get", { name: name });
      return Object.prototype.hasOwnProperty.call(settings, name) ? copy(settings[name]) : null;
    },
    set: function (name, value) {
      record("settings.set", { name: name, value: copy(value) });
      settings[name] = copy(value);
    },
    remove: function (name) {
      record("settings.remove", { name: name });
      delete settings[name];
    },
    saveAsync: function (options, callback) {
      if (typeof options === "function") callback = options;
      record("settings.saveAsync");
      savedSettings = copy(settings);
      later(callback, succeeded(undefined));
    },
    refreshAsync: function (callback) {
      record("settings.refreshAsync");
      settings = copy(savedSettings);
      later(callback, succeeded(settingsApi));
    },
  };

  const document_ = {
    url: "https://stub.invalid/Book1.xlsx",
    settings: settingsApi,
    // Office.context.document.getFileAsync(fileType, [options], callback): the open document in slices.
    getFileAsync: function (fileType, options, callback) {
      if (typeof options === "function") { callback = options; options = {}; }
      const sliceSize = (options && options.sliceSize) || 4 * 1024 * 1024;
      record("getFileAsync", { fileType: fileType, sliceSize: sliceSize });
      if (fileType !== "compressed") return later(callback, failed("stub: only Office.FileType.Compressed"));
      let bytes;
      if (config.fileFromModel && workbookBytes) {
        bytes = workbookBytes();
      } else {
        if (!documentBase64) return later(callback, failed("stub: no document is open"));
        if (editedSinceFile) {
          return later(callback, failed("stub: cell values changed after the file was inserted; set fileFromModel " +
            "in __officeStubConfig for the workbook as .xlsx, else getFileAsync would return stale bytes"));
        }
        bytes = base64ToBytes(documentBase64);
      }
      const sliceCount = Math.max(1, Math.ceil(bytes.length / sliceSize));
      let closed = false;
      const file = {
        size: bytes.length,
        sliceCount: sliceCount,
        getSliceAsync: function (index, cb) {
          record("getSliceAsync", { index: index });
          if (closed || index < 0 || index >= sliceCount) return later(cb, failed("stub: bad slice " + index));
          const data = Array.prototype.slice.call(bytes.subarray(index * sliceSize, (index + 1) * sliceSize));
          later(cb, succeeded({ index: index, size: data.length, data: data }));
        },
        closeAsync: function (cb) {
          record("closeAsync");
          closed = true;
          later(cb, succeeded(undefined));
        },
      };
      later(callback, succeeded(file));
    },
  };

  /**
   * Office.context.ui.displayDialogAsync: records the call, then plays config.dialog as the dialog would: a page's
   * messageParent ({ message }), a DialogEventReceived ({ event: 12006 } when the user closes it) or a failure to open
   * ({ openError: 12011 }). No page is loaded.
   */
  const ui = {
    displayDialogAsync: function (url, options, callback) {
      if (typeof options === "function") {
        callback = options;
        options = undefined;
      }
      record("displayDialogAsync", { url: url, options: copy(options) });
      const script = config.dialog || {};
      if (script.openError) {
        later(callback, { status: "failed", value: null, error: { name: "DialogError", message: "stub: dialog not opened", code: script.openError } });
        return;
      }
      const handlers = {};
      const dialog = {
        addEventHandler: function (type, handler) {
          handlers[type] = handler;
        },
        close: function () {
          record("dialog.close");
        },
      };
      later(callback, succeeded(dialog));
      setTimeout(function () {
        if (script.message !== undefined && handlers.dialogMessageReceived) {
          handlers.dialogMessageReceived({ message: script.message, origin: window.location.origin });
        } else if (script.event !== undefined && handlers.dialogEventReceived) {
          handlers.dialogEventReceived({ error: script.event });
        }
      }, 10);
    },
  };

  window.Office = {
    HostType: { Word: "Word", Excel: "Excel", PowerPoint: "PowerPoint", Outlook: "Outlook", OneNote: "OneNote", Project: "Project", Access: "Access" },
    PlatformType: { PC: "PC", OfficeOnline: "OfficeOnline", Mac: "Mac", iOS: "iOS", Android: "Android", Universal: "Universal" },
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    FileType: { Compressed: "compressed", Pdf: "pdf", Text: "text" },
    EventType: { DialogMessageReceived: "dialogMessageReceived", DialogEventReceived: "dialogEventReceived" },
    onReady: function (callback) {
      const info = { host: host, platform: platform };
      record("onReady");
      if (typeof callback === "function") setTimeout(function () { callback(info); }, 0);
      return Promise.resolve(info);
    },
    context: {
      host: host,
      platform: platform,
      partitionKey: config.partitionKey,
      contentLanguage: "zh-CN",
      displayLanguage: "zh-CN",
      diagnostics: { host: host, platform: platform, version: "16.0.0.0-stub" },
      requirements: {
        isSetSupported: function (name, version) {
          const supported = supports(name, version);
          record("isSetSupported", { name: name, version: version, result: supported });
          return supported;
        },
      },
      document: document_,
      ui: ui,
    },
  };

  hooks.settings = function () {
    return { current: copy(settings), saved: copy(savedSettings) };
  };

  if (host !== "Excel" && host !== "Word") return;

  // ---------------------------------------------------------------------------------------------------------------
  // Errors, as OfficeExtension.Error: sync() rejects with { name: "RichApi.Error", code, message, debugInfo }.
  // ---------------------------------------------------------------------------------------------------------------

  const MESSAGES = {
    AccessDenied: "You cannot perform the requested operation.",
    InvalidArgument: "The argument is invalid or missing or has an incorrect format.",
    ItemNotFound: "The requested resource doesn't exist.",
    ItemAlreadyExists: "The resource being created already exists.",
    InvalidOperation: "The operation attempted is invalid on the object.",
    InvalidObjectPath: "The object path isn't working for what you're trying to do.",
    InvalidRequestContext: "Cannot use the object across different request contexts.",
    RunMustReturnPromise: "The batch function passed to the \".run\" method didn't return a promise.",
    GeneralException: "There was an internal error while processing the request.",
    NotAllowed: "The action isn't allowed in the current context.",
  };

  class RichApiError extends Error {
    constructor(code, message, location) {
      super(message || MESSAGES[code] || code);
      this.name = "RichApi.Error";
      this.code = code;
      this.traceMessages = [];
      this.innerError = null;
      this.debugInfo = { code: code, message: this.message, errorLocation: location || "" };
    }
  }
  function fail(code, location, message) {
    throw new RichApiError(code, message, location);
  }
  function notLoaded(type, name) {
    return new RichApiError("PropertyNotLoaded",
      "The property '" + name + "' is not available. Before reading the property's value, call the load method on the " +
      "containing object and call \"context.sync()\" on the associated request context.", type + "." + name);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // A1 addresses. Areas are 0-based and inclusive: { r1, c1, r2, c2 }.
  // ---------------------------------------------------------------------------------------------------------------

  const MAX_ROWS = 1048576;
  const MAX_COLUMNS = 16384;

  function columnName(index) {
    let name = "";
    for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
    return name;
  }
  function columnIndex(letters) {
    let n = 0;
    for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
    return n - 1;
  }
  function cellName(row, column) {
    return columnName(column) + (row + 1);
  }
  function areaName(area) {
    const first = cellName(area.r1, area.c1);
    return area.r1 === area.r2 && area.c1 === area.c2 ? first : first + ":" + cellName(area.r2, area.c2);
  }
  function sheetPrefix(name) {
    // Excel quotes names that are not plain words (spaces, punctuation) or that read like a cell reference.
    const plain = /^[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name);
    return (plain ? name : "'" + name.replace(/'/g, "''") + "'") + "!";
  }
  function unquoteSheet(text) {
    return /^'.*'$/.test(text) ? text.slice(1, -1).replace(/''/g, "'") : text;
  }
  /** "A1", "$B$2:C5", "Sheet!A1", "'My sheet'!A1:B2" → { sheet?, area }; undefined when malformed. */
  function parseAddress(address) {
    if (typeof address !== "string") return undefined;
    let text = address.trim();
    let sheet;
    const bang = text.lastIndexOf("!");
    if (bang >= 0) {
      sheet = unquoteSheet(text.slice(0, bang));
      text = text.slice(bang + 1);
    }
    const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})(?::\$?([A-Za-z]{1,3})\$?(\d{1,7}))?$/.exec(text);
    if (!m) return undefined;
    const c1 = columnIndex(m[1].toUpperCase());
    const r1 = Number(m[2]) - 1;
    const c2 = m[3] ? columnIndex(m[3].toUpperCase()) : c1;
    const r2 = m[4] ? Number(m[4]) - 1 : r1;
    const area = { r1: Math.min(r1, r2), c1: Math.min(c1, c2), r2: Math.max(r1, r2), c2: Math.max(c1, c2) };
    if (area.r1 < 0 || area.r2 >= MAX_ROWS || area.c2 >= MAX_COLUMNS) return undefined;
    return { sheet: sheet, area: area };
  }
  function areaRows(area) { return area.r2 - area.r1 + 1; }
  function areaColumns(area) { return area.c2 - area.c1 + 1; }
  function cellKey(row, column) { return row * MAX_COLUMNS + column; }

  // ---------------------------------------------------------------------------------------------------------------
  // Reading an .xlsx: the zip central directory, entries inflated with DecompressionStream('deflate-raw'), parts
  // parsed with DOMParser. Namespaces are matched by local name (transitional and strict OOXML alike).
  // ---------------------------------------------------------------------------------------------------------------

  /** Entry name → { method, offset, size } from the central directory; throws when the bytes are not a zip. */
  function zipDirectory(bytes) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let end = -1;
    for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
      if (view.getUint32(i, true) === 0x06054b50) { end = i; break; }
    }
    if (end < 0) throw new Error("not a zip archive");
    const count = view.getUint16(end + 10, true);
    let offset = view.getUint32(end + 16, true);
    const entries = new Map();
    const decoder = new TextDecoder("utf-8");
    for (let n = 0; n < count; n++) {
      if (view.getUint32(offset, true) !== 0x02014b50) throw new Error("bad central directory entry " + n);
      const method = view.getUint16(offset + 10, true);
      const size = view.getUint32(offset + 20, true);
      const nameLength = view.getUint16(offset + 28, true);
      const extraLength = view.getUint16(offset + 30, true);
      const commentLength = view.getUint16(offset + 32, true);
      const local = view.getUint32(offset + 42, true);
      const name = decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
      if (view.getUint32(local, true) !== 0x04034b50) throw new Error("bad local header for " + name);
      const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
      entries.set(name, { method: method, offset: start, size: size });
      offset += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
  }

  async function zipText(bytes, entries, name) {
    const entry = entries.get(name);
    if (!entry) return null;
    const raw = bytes.subarray(entry.offset, entry.offset + entry.size);
    let data;
    if (entry.method === 0) data = raw;
    else if (entry.method === 8) {
      const stream = new Blob([raw]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
      data = new Uint8Array(await new Response(stream).arrayBuffer());
    } else throw new Error(name + ": unsupported compression method " + entry.method);
    return new TextDecoder("utf-8").decode(data);
  }

  function parseXml(text, name) {
    const doc = new DOMParser().parseFromString(text, "application/xml");
    if (doc.getElementsByTagName("parsererror").length > 0) throw new Error(name + " is not well-formed XML");
    return doc;
  }
  function elements(parent, localName) {
    return Array.prototype.slice.call(parent.getElementsByTagNameNS("*", localName));
  }
  function childElements(parent, localName) {
    return Array.prototype.filter.call(parent.children, function (e) { return e.localName === localName; });
  }
  function firstChild(parent, localName) {
    return childElements(parent, localName)[0] || null;
  }
  function attribute(element, localName) {
    for (let i = 0; i < element.attributes.length; i++) {
      if (element.attributes[i].localName === localName) return element.attributes[i].value;
    }
    return null;
  }
  function flag(element, localName, fallback) {
    const value = attribute(element, localName);
    return value === null ? fallback : value === "1" || value === "true";
  }
  /** Text of <t> descendants, leaving out phonetic runs (<rPh>). */
  function richText(element) {
    return elements(element, "t")
      .filter(function (t) { return !t.parentElement || t.parentElement.localName !== "rPh"; })
      .map(function (t) { return t.textContent; })
      .join("");
  }

  function partFolder(path) {
    return path.slice(0, path.lastIndexOf("/") + 1);
  }
  function resolveTarget(fromPart, target) {
    const parts = (target.charAt(0) === "/" ? target.slice(1) : partFolder(fromPart) + target).split("/");
    const out = [];
    parts.forEach(function (p) { if (p === "..") out.pop(); else if (p !== "." && p !== "") out.push(p); });
    return out.join("/");
  }
  async function relationships(bytes, entries, part) {
    const relsPath = partFolder(part) + "_rels/" + part.slice(part.lastIndexOf("/") + 1) + ".rels";
    const text = await zipText(bytes, entries, relsPath);
    const byId = new Map();
    if (!text) return byId;
    elements(parseXml(text, relsPath), "Relationship").forEach(function (rel) {
      if (attribute(rel, "TargetMode") === "External") return;
      byId.set(attribute(rel, "Id"), { type: attribute(rel, "Type") || "", target: resolveTarget(part, attribute(rel, "Target") || "") });
    });
    return byId;
  }

  const BUILTIN_FORMATS = {
    0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 11: "0.00E+00",
    12: "# ?/?", 13: "# ??/??", 14: "m/d/yyyy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM", 20: "h:mm", 21: "h:mm:ss", 22: "m/d/yyyy h:mm", 45: "mm:ss", 46: "[h]:mm:ss",
    47: "mm:ss.0", 48: "##0.0E+0", 49: "@",
  };

  /** The cell formats (cellXfs) as { numberFormat, fill, bold, locked }; fills only from solid RGB patterns. */
  function parseStyles(doc) {
    const formats = new Map();
    elements(doc, "numFmt").forEach(function (f) { formats.set(Number(attribute(f, "numFmtId")), attribute(f, "formatCode")); });
    const fontsElement = elements(doc, "fonts")[0];
    const bolds = fontsElement ? childElements(fontsElement, "font").map(function (font) {
      const b = firstChild(font, "b");
      return !!b && flag(b, "val", true);
    }) : [];
    const fillsElement = elements(doc, "fills")[0];
    const fills = fillsElement ? childElements(fillsElement, "fill").map(function (fill) {
      const pattern = firstChild(fill, "patternFill");
      if (!pattern || attribute(pattern, "patternType") !== "solid") return null;
      const fg = firstChild(pattern, "fgColor");
      const rgb = fg && attribute(fg, "rgb");
      return rgb && /^[0-9A-Fa-f]{8}$/.test(rgb) ? "#" + rgb.slice(2).toUpperCase() : null;
    }) : [];
    const xfsElement = elements(doc, "cellXfs")[0];
    const xfs = xfsElement ? childElements(xfsElement, "xf").map(function (xf) {
      const id = Number(attribute(xf, "numFmtId") || 0);
      const protection = firstChild(xf, "protection");
      return {
        numberFormat: formats.get(id) || BUILTIN_FORMATS[id] || "General",
        fill: fills[Number(attribute(xf, "fillId") || 0)] || null,
        bold: bolds[Number(attribute(xf, "fontId") || 0)] || false,
        locked: protection ? flag(protection, "locked", true) : true,
      };
    }) : [];
    return xfs;
  }

  const DEFAULT_STYLE = { numberFormat: "General", fill: null, bold: false, locked: true };

  /** OOXML sheetProtection attributes say what is protected; Office.js options say what is allowed. */
  const PROTECTION_ATTRIBUTES = [
    ["allowEditObjects", "objects", false], ["allowEditScenarios", "scenarios", false],
    ["allowFormatCells", "formatCells", true], ["allowFormatColumns", "formatColumns", true],
    ["allowFormatRows", "formatRows", true], ["allowInsertColumns", "insertColumns", true],
    ["allowInsertRows", "insertRows", true], ["allowInsertHyperlinks", "insertHyperlinks", true],
    ["allowDeleteColumns", "deleteColumns", true], ["allowDeleteRows", "deleteRows", true],
    ["allowSort", "sort", true], ["allowAutoFilter", "autoFilter", true], ["allowPivotTables", "pivotTables", true],
  ];
  function defaultProtectionOptions() {
    const options = {};
    PROTECTION_ATTRIBUTES.forEach(function (a) { options[a[0]] = false; });
    options.selectionMode = "Normal";
    return options;
  }

  function parseWorksheet(doc, sharedStrings, xfs) {
    const styleOf = function (s) { return s === null ? DEFAULT_STYLE : xfs[Number(s)] || DEFAULT_STYLE; };
    const cells = new Map();
    const columnStyles = new Map();
    const rowStyles = new Map();
    elements(doc, "col").forEach(function (col) {
      const style = attribute(col, "style");
      if (style === null) return;
      for (let c = Number(attribute(col, "min")) - 1; c <= Number(attribute(col, "max")) - 1 && c < MAX_COLUMNS; c++) {
        columnStyles.set(c, styleOf(style));
      }
    });
    let rowIndex = -1;
    elements(doc, "row").forEach(function (row) {
      rowIndex = attribute(row, "r") ? Number(attribute(row, "r")) - 1 : rowIndex + 1;
      if (flag(row, "customFormat", false)) rowStyles.set(rowIndex, styleOf(attribute(row, "s")));
      let column = -1;
      childElements(row, "c").forEach(function (c) {
        const ref = attribute(c, "r");
        const parsed = ref ? parseAddress(ref) : undefined;
        if (parsed) { rowIndex = parsed.area.r1; column = parsed.area.c1; } else column += 1;
        const type = attribute(c, "t") || "n";
        const v = firstChild(c, "v");
        const f = firstChild(c, "f");
        const raw = v ? v.textContent : null;
        let value = "";
        if (type === "s") value = raw === null ? "" : sharedStrings[Number(raw)] || "";
        else if (type === "inlineStr") value = firstChild(c, "is") ? richText(firstChild(c, "is")) : "";
        else if (type === "b") value = raw === "1" || raw === "true";
        else if (type === "str" || type === "e" || type === "d") value = raw === null ? "" : raw;
        else if (raw !== null && raw !== "") value = Number(raw);
        const style = Object.assign({}, styleOf(attribute(c, "s")));
        // Followers of a shared formula carry no text; the stub does not translate the master's.
        const formula = f && f.textContent ? "=" + f.textContent : null;
        cells.set(cellKey(rowIndex, column), { value: value, formula: formula, style: style, formatted: attribute(c, "s") !== null });
      });
    });
    let frozenRows = 0;
    let frozenColumns = 0;
    const pane = elements(doc, "pane")[0];
    if (pane && /^frozen/.test(attribute(pane, "state") || "")) {
      frozenRows = Number(attribute(pane, "ySplit") || 0);
      frozenColumns = Number(attribute(pane, "xSplit") || 0);
    }
    const protection = { protected: false, options: defaultProtectionOptions(), password: null };
    const sp = elements(doc, "sheetProtection")[0];
    if (sp && flag(sp, "sheet", false)) {
      protection.protected = true;
      PROTECTION_ATTRIBUTES.forEach(function (a) { protection.options[a[0]] = !flag(sp, a[1], a[2]); });
      const lockedSelectable = !flag(sp, "selectLockedCells", false);
      const unlockedSelectable = !flag(sp, "selectUnlockedCells", false);
      protection.options.selectionMode = lockedSelectable ? "Normal" : unlockedSelectable ? "Unlocked" : "None";
      // A password in the file (legacy hash or hashValue) is not checked: unprotect() succeeds without it.
      protection.fileHasPassword = attribute(sp, "password") !== null || attribute(sp, "hashValue") !== null;
    }
    return {
      cells: cells,
      columnStyles: columnStyles,
      rowStyles: rowStyles,
      defaultStyle: xfs[0] || DEFAULT_STYLE,
      frozenRows: frozenRows,
      frozenColumns: frozenColumns,
      protection: protection,
    };
  }

  /** The worksheets of an .xlsx, in workbook order: [{ name, visibility, ...parseWorksheet }]. */
  async function readWorkbook(bytes) {
    const entries = zipDirectory(bytes);
    const rootRels = await relationships(bytes, entries, "");
    let workbookPart = "xl/workbook.xml";
    rootRels.forEach(function (rel) { if (/\/officeDocument$/.test(rel.type)) workbookPart = rel.target; });
    const workbookText = await zipText(bytes, entries, workbookPart);
    if (!workbookText) throw new Error("not an xlsx: " + workbookPart + " is missing");
    const workbook = parseXml(workbookText, workbookPart);
    const rels = await relationships(bytes, entries, workbookPart);
    let sharedStrings = [];
    let xfs = [];
    for (const rel of rels.values()) {
      if (/\/sharedStrings$/.test(rel.type)) {
        const text = await zipText(bytes, entries, rel.target);
        if (text) sharedStrings = elements(parseXml(text, rel.target), "si").map(richText);
      } else if (/\/styles$/.test(rel.type)) {
        const text = await zipText(bytes, entries, rel.target);
        if (text) xfs = parseStyles(parseXml(text, rel.target));
      }
    }
    const sheets = [];
    for (const sheet of elements(workbook, "sheet")) {
      const rel = rels.get(attribute(sheet, "id"));
      if (!rel || !/\/worksheet$/.test(rel.type)) continue; // chart sheets, dialog sheets: not inserted
      const text = await zipText(bytes, entries, rel.target);
      if (!text) throw new Error(rel.target + " is missing");
      const state = attribute(sheet, "state");
      const parsed = parseWorksheet(parseXml(text, rel.target), sharedStrings, xfs);
      parsed.name = attribute(sheet, "name");
      parsed.visibility = state === "hidden" ? "Hidden" : state === "veryHidden" ? "VeryHidden" : "Visible";
      sheets.push(parsed);
    }
    return sheets;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // The workbook model
  // ---------------------------------------------------------------------------------------------------------------

  let nextSheetNumber = 1;
  let nextChartNumber = 1;
  let nextPartNumber = 1;
  let nextHandlerNumber = 1;
  function guid(kind, n) {
    const hex = n.toString(16).toUpperCase();
    return "{" + kind + "-" + "0000".slice(hex.length) + hex + "-0000-0000-000000000000}";
  }

  const book = {
    sheets: [],
    activeSheetId: null,
    selection: null, // { sheetId, area }
    enableEvents: true,
    customXmlParts: [],
    collectionHandlers: [],
  };

  function newSheet(name, parsed) {
    parsed = parsed || {};
    const id = guid("00000000", nextSheetNumber++);
    return {
      id: id,
      name: name,
      visibility: parsed.visibility || "Visible",
      cells: parsed.cells || new Map(),
      columnStyles: parsed.columnStyles || new Map(),
      rowStyles: parsed.rowStyles || new Map(),
      defaultStyle: parsed.defaultStyle || DEFAULT_STYLE,
      frozenRows: parsed.frozenRows || 0,
      frozenColumns: parsed.frozenColumns || 0,
      protection: parsed.protection || { protected: false, options: defaultProtectionOptions(), password: null },
      charts: [],
      handlers: [],
    };
  }

  function findSheet(key) {
    if (typeof key !== "string") return undefined;
    const lower = key.toLowerCase();
    return book.sheets.find(function (s) { return s.id === key || s.name.toLowerCase() === lower; });
  }
  function liveSheet(sheet, location) {
    if (!sheet || book.sheets.indexOf(sheet) < 0) fail("ItemNotFound", location);
    return sheet;
  }
  /** Excel's answer to a name clash when inserting: "Name (2)", "Name (3)", … */
  function freeName(name) {
    if (!findSheet(name)) return name;
    for (let n = 2; ; n++) {
      const candidate = name + " (" + n + ")";
      if (!findSheet(candidate)) return candidate;
    }
  }
  function validSheetName(name) {
    return typeof name === "string" && name.length > 0 && name.length <= 31 && !/[:\\/?*[\]]/.test(name) &&
      name.charAt(0) !== "'" && name.charAt(name.length - 1) !== "'";
  }

  function styleAt(sheet, row, column) {
    const cell = sheet.cells.get(cellKey(row, column));
    if (cell) return cell.style;
    return sheet.rowStyles.get(row) || sheet.columnStyles.get(column) || sheet.defaultStyle;
  }
  function valueAt(sheet, row, column) {
    const cell = sheet.cells.get(cellKey(row, column));
    return cell ? cell.value : "";
  }
  /** The cell record, created (with the row, column or sheet default format) when missing. */
  function cellFor(sheet, row, column) {
    const key = cellKey(row, column);
    let cell = sheet.cells.get(key);
    if (!cell) {
      cell = { value: "", formula: null, style: Object.assign({}, styleAt(sheet, row, column)), formatted: false };
      sheet.cells.set(key, cell);
    }
    return cell;
  }
  /** Excel refuses to read or write more than 5 million cells in one request; so does the stub (it would hang). */
  const MAX_CELLS = 5000000;
  function withinLimit(area) {
    if (areaRows(area) * areaColumns(area) > MAX_CELLS) {
      fail("InvalidOperation", "Range", "stub: " + areaName(area) + " has more than " + MAX_CELLS + " cells");
    }
  }
  function forEachCell(area, fn) {
    withinLimit(area);
    for (let r = area.r1; r <= area.r2; r++) for (let c = area.c1; c <= area.c2; c++) fn(r, c, r - area.r1, c - area.c1);
  }
  function grid(area, fn) {
    withinLimit(area);
    const rows = [];
    for (let r = area.r1; r <= area.r2; r++) {
      const row = [];
      for (let c = area.c1; c <= area.c2; c++) row.push(fn(r, c));
      rows.push(row);
    }
    return rows;
  }
  /** One value for the whole area when every cell agrees, else null (as Excel reports mixed formats). */
  function uniform(area, fn) {
    let first;
    let seen = false;
    let same = true;
    forEachCell(area, function (r, c) {
      const v = fn(r, c);
      if (!seen) { first = v; seen = true; } else if (v !== first) same = false;
    });
    return same ? first : null;
  }

  /** The bounding box of cells with a value or formula (valuesOnly) or also with a format; null when none. */
  function usedArea(sheet, valuesOnly) {
    let area = null;
    sheet.cells.forEach(function (cell, key) {
      const hasValue = cell.value !== "" || cell.formula !== null;
      if (!hasValue && (valuesOnly || !cell.formatted)) return;
      const r = Math.floor(key / MAX_COLUMNS);
      const c = key % MAX_COLUMNS;
      if (!area) area = { r1: r, c1: c, r2: r, c2: c };
      else {
        area.r1 = Math.min(area.r1, r); area.c1 = Math.min(area.c1, c);
        area.r2 = Math.max(area.r2, r); area.c2 = Math.max(area.c2, c);
      }
    });
    return area;
  }

  const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
  const PERCENT = /^[+-]?(\d+\.?\d*|\.\d+)%$/;
  /**
   * What Excel stores for an input, as if typed: numeric text becomes a number (unless the cell is formatted as
   * text, "@"), TRUE/FALSE booleans, a leading apostrophe forces text, "=…" is a formula (not calculated here).
   */
  function typed(input, numberFormat, location) {
    if (typeof input === "number") {
      if (!isFinite(input)) fail("InvalidArgument", location);
      return { value: input, formula: null };
    }
    if (typeof input === "boolean") return { value: input, formula: null };
    if (typeof input !== "string") fail("InvalidArgument", location);
    if (numberFormat === "@") return { value: input, formula: null };
    if (input.charAt(0) === "'") return { value: input.slice(1), formula: null };
    if (input.charAt(0) === "=" && input.length > 1) return { value: "", formula: input };
    const text = input.trim();
    if (NUMBER.test(text)) return { value: Number(text), formula: null };
    if (PERCENT.test(text)) return { value: Number(text.slice(0, -1)) / 100, formula: null };
    if (/^(true|false)$/i.test(text)) return { value: text.toUpperCase() === "TRUE", formula: null };
    return { value: input, formula: null };
  }

  /** A 2-D input of the area's size, or a single value for every cell; throws InvalidArgument otherwise. */
  function shaped(input, area, location) {
    if (!Array.isArray(input)) return grid(area, function () { return input; });
    const ok = input.length === areaRows(area) && input.every(function (row) {
      return Array.isArray(row) && row.length === areaColumns(area);
    });
    if (!ok) {
      fail("InvalidArgument", location, "The number of rows or columns in the input array doesn't match the size or " +
        "dimensions of the range.");
    }
    return input;
  }

  function isLockedCellOnProtectedSheet(sheet, area) {
    if (!sheet.protection.protected) return false;
    let locked = false;
    forEachCell(area, function (r, c) { if (styleAt(sheet, r, c).locked) locked = true; });
    return locked;
  }

  /**
   * Writes values (or formulas) into the area. by = "addin" for the pane's writes, "user" for the edit() hook.
   * Locked cells of a protected sheet refuse the whole write; null entries leave a cell as it is.
   */
  function writeCells(sheet, area, input, by, source, location, asFormulas) {
    const rows = shaped(input, area, location);
    if (isLockedCellOnProtectedSheet(sheet, area)) fail("AccessDenied", location);
    const typedRows = rows.map(function (row, i) {
      return row.map(function (v, j) {
        if (v === null || v === undefined) return null;
        const format = styleAt(sheet, area.r1 + i, area.c1 + j).numberFormat;
        if (asFormulas && typeof v === "string" && v.charAt(0) === "=" && v.length > 1) return { value: "", formula: v };
        return typed(v, format, location);
      });
    });
    const single = areaRows(area) === 1 && areaColumns(area) === 1;
    const before = single ? valueAt(sheet, area.r1, area.c1) : undefined;
    forEachCell(area, function (r, c, i, j) {
      const t = typedRows[i][j];
      if (t === null) return;
      const cell = cellFor(sheet, r, c);
      cell.value = t.value;
      cell.formula = t.formula;
    });
    editedSinceFile = true;
    const details = single
      ? { valueBefore: before, valueAfter: valueAt(sheet, area.r1, area.c1),
          valueTypeBefore: valueType(before), valueTypeAfter: valueType(valueAt(sheet, area.r1, area.c1)) }
      : undefined;
    raiseChanged(sheet, area, source || "Local", by === "addin" ? "ThisLocalAddin" : "Unknown", details);
  }

  function valueType(value) {
    if (value === "") return "Empty";
    if (typeof value === "number") return "Double";
    if (typeof value === "boolean") return "Boolean";
    if (typeof value === "string" && /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!)$/.test(value)) return "Error";
    return "String";
  }

  /** Format changes on a protected sheet need the matching allow* option; cell locking can never change there. */
  function assertFormattable(sheet, what, location) {
    const p = sheet.protection;
    if (!p.protected) return;
    const allowed = what === "cells" ? p.options.allowFormatCells
      : what === "columns" ? p.options.allowFormatColumns
      : what === "rows" ? p.options.allowFormatRows
      : what === "objects" ? p.options.allowEditObjects
      : false;
    if (!allowed) fail("AccessDenied", location);
  }
  function formatCells(sheet, area, fn) {
    forEachCell(area, function (r, c) {
      const cell = cellFor(sheet, r, c);
      cell.formatted = true;
      fn(cell.style);
    });
  }

  const colourProbe = document.createElement("canvas").getContext("2d");
  /** "#RRGGBB" for any CSS colour Excel would take ("#ff0000", "red", "FF0000"); undefined when not a colour. */
  function normalColour(colour) {
    if (typeof colour !== "string") return undefined;
    const text = /^[0-9A-Fa-f]{6}$/.test(colour) ? "#" + colour : colour;
    colourProbe.fillStyle = "#010203";
    colourProbe.fillStyle = text;
    const a = colourProbe.fillStyle;
    colourProbe.fillStyle = "#040506";
    colourProbe.fillStyle = text;
    if (a !== colourProbe.fillStyle || !/^#[0-9a-f]{6}$/.test(a)) return undefined;
    return a.toUpperCase();
  }

  // Events -----------------------------------------------------------------------------------------------------

  hooks.events = [];
  /** Delivers WorksheetChanged to the sheet's and the collection's handlers, each in its own task, as Excel does. */
  function raiseChanged(sheet, area, source, triggerSource, details) {
    const delivered = book.enableEvents;
    const args = {
      type: "WorksheetChanged",
      address: areaName(area),
      changeType: "RangeEdited",
      source: source,
      worksheetId: sheet.id,
      details: details,
    };
    // triggerSource arrived in ExcelApi 1.14; hosts below it do not send it.
    if (supports("ExcelApi", "1.14")) args.triggerSource = triggerSource;
    hooks.events.push({ sheet: sheet.name, address: args.address, source: source, triggerSource: args.triggerSource,
      delivered: delivered });
    if (!delivered) return;
    const sheetId = sheet.id;
    args.getRange = function (ctx) { return ctx.workbook.worksheets.getItem(sheetId).getRange(args.address); };
    args.getRangeOrNullObject = function (ctx) {
      return ctx.workbook.worksheets.getItemOrNullObject(sheetId).getRange(args.address);
    };
    sheet.handlers.concat(book.collectionHandlers).forEach(function (h) {
      setTimeout(function () { h.handler(Object.assign({}, args)); }, 0);
    });
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Writing the model as .xlsx (config.fileFromModel): values, formulas with their (uncalculated) values, number
  // formats, fills, bold, locking, frozen panes, sheet protection, custom XML parts. Entries are stored, not deflated.
  // ---------------------------------------------------------------------------------------------------------------

  const CRC_TABLE = (function () {
    const table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
    return table;
  })();
  function crc32(bytes) {
    let crc = 0xffffffff;
    for (let i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
    return (crc ^ 0xffffffff) >>> 0;
  }
  /** A zip of stored entries: [{ name, text }]. */
  function zipStored(files) {
    const encoder = new TextEncoder();
    const chunks = [];
    const central = [];
    let offset = 0;
    files.forEach(function (file) {
      const name = encoder.encode(file.name);
      const data = encoder.encode(file.text);
      const crc = crc32(data);
      const local = new DataView(new ArrayBuffer(30));
      local.setUint32(0, 0x04034b50, true);
      local.setUint16(4, 20, true);
      local.setUint16(6, 0x0800, true); // UTF-8 names
      local.setUint32(14, crc, true);
      local.setUint32(18, data.length, true);
      local.setUint32(22, data.length, true);
      local.setUint16(26, name.length, true);
      const entry = new DataView(new ArrayBuffer(46));
      entry.setUint32(0, 0x02014b50, true);
      entry.setUint16(4, 20, true);
      entry.setUint16(6, 20, true);
      entry.setUint16(8, 0x0800, true);
      entry.setUint32(16, crc, true);
      entry.setUint32(20, data.length, true);
      entry.setUint32(24, data.length, true);
      entry.setUint16(28, name.length, true);
      entry.setUint32(42, offset, true);
      chunks.push(new Uint8Array(local.buffer), name, data);
      central.push(new Uint8Array(entry.buffer), name);
      offset += 30 + name.length + data.length;
    });
    const centralSize = central.reduce(function (n, c) { return n + c.length; }, 0);
    const end = new DataView(new ArrayBuffer(22));
    end.setUint32(0, 0x06054b50, true);
    end.setUint16(8, files.length, true);
    end.setUint16(10, files.length, true);
    end.setUint32(12, centralSize, true);
    end.setUint32(16, offset, true);
    const all = chunks.concat(central, [new Uint8Array(end.buffer)]);
    const out = new Uint8Array(offset + centralSize + 22);
    let at = 0;
    all.forEach(function (c) { out.set(c, at); at += c.length; });
    return out;
  }

  function escapeXml(text) {
    return String(text).replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; })
      // characters XML 1.0 cannot hold
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, "");
  }

  const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  const NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  const NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
  const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

  function stylesheet() {
    const keyOf = function (s) { return [s.numberFormat, s.fill || "", s.bold ? 1 : 0, s.locked ? 1 : 0].join("\u0001"); };
    const xfs = [DEFAULT_STYLE];
    const index = new Map([[keyOf(DEFAULT_STYLE), 0]]);
    const formats = new Map(); // custom format code → id
    const fills = ["none", "gray125"];
    function formatId(code) {
      for (const id in BUILTIN_FORMATS) if (BUILTIN_FORMATS[id] === code) return Number(id);
      if (!formats.has(code)) formats.set(code, 164 + formats.size);
      return formats.get(code);
    }
    function styleIndex(style) {
      const key = keyOf(style);
      if (!index.has(key)) { index.set(key, xfs.length); xfs.push(style); }
      return index.get(key);
    }
    return {
      index: styleIndex,
      xml: function () {
        const xfXml = xfs.map(function (s) {
          let fillId = 0;
          if (s.fill) {
            fillId = fills.indexOf(s.fill);
            if (fillId < 0) { fills.push(s.fill); fillId = fills.length - 1; }
          }
          return '<xf numFmtId="' + formatId(s.numberFormat) + '" fontId="' + (s.bold ? 1 : 0) + '" fillId="' + fillId +
            '" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1" applyProtection="1">' +
            '<protection locked="' + (s.locked ? 1 : 0) + '"/></xf>';
        });
        const fillXml = fills.map(function (f) {
          return f === "none" || f === "gray125" ? '<fill><patternFill patternType="' + f + '"/></fill>'
            : '<fill><patternFill patternType="solid"><fgColor rgb="FF' + f.slice(1) + '"/><bgColor indexed="64"/></patternFill></fill>';
        });
        const numFmts = Array.from(formats.entries()).map(function (e) {
          return '<numFmt numFmtId="' + e[1] + '" formatCode="' + escapeXml(e[0]) + '"/>';
        });
        return XML_HEAD + '<styleSheet xmlns="' + NS_MAIN + '">' +
          (numFmts.length ? '<numFmts count="' + numFmts.length + '">' + numFmts.join("") + "</numFmts>" : "") +
          '<fonts count="2"><font><sz val="11"/><name val="等线"/></font><font><b/><sz val="11"/><name val="等线"/></font></fonts>' +
          '<fills count="' + fillXml.length + '">' + fillXml.join("") + "</fills>" +
          '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
          '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
          '<cellXfs count="' + xfXml.length + '">' + xfXml.join("") + "</cellXfs>" +
          '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';
      },
    };
  }

  function worksheetXml(sheet, styles) {
    const rows = new Map();
    Array.from(sheet.cells.keys()).sort(function (a, b) { return a - b; }).forEach(function (key) {
      const cell = sheet.cells.get(key);
      const r = Math.floor(key / MAX_COLUMNS);
      const c = key % MAX_COLUMNS;
      const ref = cellName(r, c);
      const s = styles.index(cell.style);
      const style = s === 0 ? "" : ' s="' + s + '"';
      const f = cell.formula ? "<f>" + escapeXml(cell.formula.slice(1)) + "</f>" : "";
      let xml;
      if (typeof cell.value === "number") xml = '<c r="' + ref + '"' + style + ">" + f + "<v>" + cell.value + "</v></c>";
      else if (typeof cell.value === "boolean") xml = '<c r="' + ref + '"' + style + ' t="b">' + f + "<v>" + (cell.value ? 1 : 0) + "</v></c>";
      else if (f) xml = '<c r="' + ref + '"' + style + ' t="str">' + f + "<v>" + escapeXml(cell.value) + "</v></c>";
      else if (cell.value !== "") {
        xml = '<c r="' + ref + '"' + style + ' t="inlineStr"><is><t xml:space="preserve">' + escapeXml(cell.value) + "</t></is></c>";
      } else if (s !== 0) xml = '<c r="' + ref + '"' + style + "/>";
      else return;
      if (!rows.has(r)) rows.set(r, []);
      rows.get(r).push(xml);
    });
    let views = '<sheetViews><sheetView workbookViewId="0"/></sheetViews>';
    if (sheet.frozenRows || sheet.frozenColumns) {
      views = '<sheetViews><sheetView workbookViewId="0"><pane' +
        (sheet.frozenColumns ? ' xSplit="' + sheet.frozenColumns + '"' : "") +
        (sheet.frozenRows ? ' ySplit="' + sheet.frozenRows + '"' : "") +
        ' topLeftCell="' + cellName(sheet.frozenRows, sheet.frozenColumns) + '" activePane="' +
        (sheet.frozenRows && sheet.frozenColumns ? "bottomRight" : sheet.frozenRows ? "bottomLeft" : "topRight") +
        '" state="frozen"/></sheetView></sheetViews>';
    }
    let protection = "";
    if (sheet.protection.protected) {
      const o = sheet.protection.options;
      protection = '<sheetProtection sheet="1"' + PROTECTION_ATTRIBUTES.map(function (a) {
        const protectedAttr = !o[a[0]];
        return protectedAttr === a[2] ? "" : " " + a[1] + '="' + (protectedAttr ? 1 : 0) + '"';
      }).join("") + (o.selectionMode === "Unlocked" ? ' selectLockedCells="1"' : o.selectionMode === "None" ? ' selectLockedCells="1" selectUnlockedCells="1"' : "") + "/>";
    }
    const data = Array.from(rows.keys()).sort(function (a, b) { return a - b; }).map(function (r) {
      return '<row r="' + (r + 1) + '">' + rows.get(r).join("") + "</row>";
    });
    return XML_HEAD + '<worksheet xmlns="' + NS_MAIN + '" xmlns:r="' + NS_REL + '">' + views +
      '<sheetFormatPr defaultRowHeight="15"/><sheetData>' + data.join("") + "</sheetData>" + protection + "</worksheet>";
  }

  workbookBytes = function () {
    const styles = stylesheet();
    const files = [];
    const overrides = [];
    const workbookRels = [];
    const sheetsXml = book.sheets.map(function (sheet, i) {
      const n = i + 1;
      files.push({ name: "xl/worksheets/sheet" + n + ".xml", text: worksheetXml(sheet, styles) });
      overrides.push(["/xl/worksheets/sheet" + n + ".xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"]);
      workbookRels.push(["rIdSheet" + n, NS_REL + "/worksheet", "worksheets/sheet" + n + ".xml"]);
      const state = sheet.visibility === "Hidden" ? ' state="hidden"' : sheet.visibility === "VeryHidden" ? ' state="veryHidden"' : "";
      return '<sheet name="' + escapeXml(sheet.name) + '" sheetId="' + n + '"' + state + ' r:id="rIdSheet' + n + '"/>';
    });
    const active = Math.max(0, book.sheets.findIndex(function (s) { return s.id === book.activeSheetId; }));
    files.push({ name: "xl/workbook.xml", text: XML_HEAD + '<workbook xmlns="' + NS_MAIN + '" xmlns:r="' + NS_REL + '">' +
      '<bookViews><workbookView activeTab="' + active + '"/></bookViews><sheets>' + sheetsXml.join("") + "</sheets></workbook>" });
    files.push({ name: "xl/styles.xml", text: styles.xml() });
    workbookRels.push(["rIdStyles", NS_REL + "/styles", "styles.xml"]);
    book.customXmlParts.forEach(function (part, i) {
      const n = i + 1;
      files.push({ name: "customXml/item" + n + ".xml", text: part.xml });
      files.push({ name: "customXml/itemProps" + n + ".xml", text: XML_HEAD +
        '<ds:datastoreItem ds:itemID="' + part.id + '" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml">' +
        "<ds:schemaRefs/></ds:datastoreItem>" });
      files.push({ name: "customXml/_rels/item" + n + ".xml.rels", text: XML_HEAD + '<Relationships xmlns="' + NS_PKG_REL + '">' +
        '<Relationship Id="rId1" Type="' + NS_REL + '/customXmlProps" Target="itemProps' + n + '.xml"/></Relationships>' });
      overrides.push(["/customXml/itemProps" + n + ".xml", "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"]);
      workbookRels.push(["rIdCustomXml" + n, NS_REL + "/customXml", "../customXml/item" + n + ".xml"]);
    });
    files.push({ name: "xl/_rels/workbook.xml.rels", text: XML_HEAD + '<Relationships xmlns="' + NS_PKG_REL + '">' +
      workbookRels.map(function (r) { return '<Relationship Id="' + r[0] + '" Type="' + r[1] + '" Target="' + r[2] + '"/>'; }).join("") +
      "</Relationships>" });
    files.push({ name: "_rels/.rels", text: XML_HEAD + '<Relationships xmlns="' + NS_PKG_REL + '">' +
      '<Relationship Id="rId1" Type="' + NS_REL + '/officeDocument" Target="xl/workbook.xml"/></Relationships>' });
    overrides.push(["/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"]);
    overrides.push(["/xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"]);
    files.unshift({ name: "[Content_Types].xml", text: XML_HEAD +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      overrides.map(function (o) { return '<Override PartName="' + o[0] + '" ContentType="' + o[1] + '"/>'; }).join("") + "</Types>" });
    return zipStored(files);
  };

  // ---------------------------------------------------------------------------------------------------------------
  // Proxy objects. Each method or property set queues an operation; context.sync() runs the queue in order, stops
  // at the first error and rejects with it. Objects are resolved (getItem, getRange, …) when their creating
  // operation runs, and stay bound to that sheet afterwards (a renamed sheet keeps its proxies).
  // ---------------------------------------------------------------------------------------------------------------

  let runCount = 0;
  hooks.runs = [];

  class RequestContext {
    constructor() {
      this._queue = [];
      this._chain = Promise.resolve();
      this._run = null;
      if (host === "Word") {
        this.document = new WordDocument(this);
      } else {
        this.workbook = new Workbook(this);
        this.runtime = new Runtime(this);
        this.application = new Application(this);
      }
      this.trackedObjects = { add: function () {}, remove: function () {} };
    }
    _enqueue(op) {
      this._queue.push(op);
    }
    /** Runs what is queued. explicit: the pane's own sync (counted); else Excel.run's closing flush. */
    _flush(explicit) {
      const self = this;
      if (explicit) {
        const run = self._run;
        if (run) run.syncs += 1;
        record("sync", { run: run ? run.index : null });
      }
      const next = self._chain.then(async function () {
        const ops = self._queue;
        self._queue = [];
        for (let i = 0; i < ops.length; i++) {
          try {
            await ops[i]();
          } catch (error) {
            const e = error instanceof RichApiError ? error : new RichApiError("GeneralException", String(error && error.message || error));
            if (self._run) self._run.errors.push(e.code);
            throw e;
          }
        }
      });
      self._chain = next.catch(function () {});
      return next;
    }
    sync(passThroughValue) {
      return this._flush(true).then(function () { return passThroughValue; });
    }
    load(object, spec) {
      object.load(spec);
      return object;
    }
  }

  /** A queued method's result: value readable after the sync that ran it. */
  class ClientResult {
    constructor() {
      this._set = false;
      this._value = undefined;
    }
    get value() {
      if (!this._set) {
        throw new RichApiError("ValueNotLoaded", "The value of the result object has not been loaded yet. Before " +
          "reading the value property, call \"context.sync()\" on the associated request context.", "ClientResult.value");
      }
      return this._value;
    }
    _resolve(value) {
      this._value = value;
      this._set = true;
    }
  }

  function loadPaths(spec) {
    if (spec === undefined || spec === null) return [];
    if (typeof spec === "string") return spec.split(",").map(function (s) { return s.trim(); }).filter(Boolean);
    if (Array.isArray(spec)) return spec.reduce(function (all, s) { return all.concat(loadPaths(s)); }, []);
    if (typeof spec === "object") return loadPaths(spec.select).concat(loadPaths(spec.expand));
    return [];
  }

  class ClientObject {
    constructor(ctx, type, parent) {
      this._ctx = ctx;
      this._type = type;
      this._parent = parent || null;
      this._loaded = Object.create(null);
      this._bound = undefined; // what the object stands for, once its creating operation ran
      this._null = false;
      this._nullKnown = !parent;
    }
    get context() { return this._ctx; }
    get isNullObject() {
      if (this._parent) return this._parent.isNullObject;
      if (!this._nullKnown) throw notLoaded(this._type, "isNullObject");
      return this._null;
    }
    _isNull() {
      return this._parent ? this._parent._isNull() : this._null;
    }
    /** The model object; throws when the creating operation has not run (an earlier error, another context). */
    _target() {
      if (this._parent) return this._parent._target();
      if (this._bound === undefined) fail("InvalidObjectPath", this._type);
      return this._bound;
    }
    _get(name) {
      if (this._isNull()) return null;
      if (!(name in this._loaded)) throw notLoaded(this._type, name);
      return this._loaded[name];
    }
    /** Queues an operation on this object; a null object ignores it. */
    _op(fn) {
      const self = this;
      self._ctx._enqueue(function () { return self._isNull() ? undefined : fn(self._target()); });
    }
    _set(name, value, apply, details) {
      this._loaded[name] = value;
      const entry = record(this._api(name), Object.assign(this._describe(), details || { value: copy(value) }));
      const self = this;
      this._op(function (target) { self._track(entry, target, function () { apply(target, value); }); });
    }
    /** Runs fn; fills the call record with where it acted and with the error code when it failed. */
    _track(entry, target, fn) {
      try {
        const result = fn();
        Object.assign(entry, this._where(target));
        return result;
      } catch (error) {
        entry.error = error.code || "GeneralException";
        throw error;
      }
    }
    _api(member) { return this._type.charAt(0).toLowerCase() + this._type.slice(1) + "." + member; }
    _describe() { return {}; }
    _where() { return {}; }
    _call(member, details, fn) {
      const entry = record(this._api(member), Object.assign(this._describe(), details || {}));
      const self = this;
      this._op(function (target) { return self._track(entry, target, function () { return fn(target); }); });
    }
    load(spec) {
      const paths = loadPaths(spec);
      record(this._api("load"), Object.assign(this._describe(), { properties: paths.join(",") }));
      const self = this;
      this._ctx._enqueue(function () {
        if (self._isNull()) return;
        self._loadNow(paths);
      });
      return this;
    }
    /** Fills _loaded from the model now (inside a sync): scalar names, or "nav/…" passed on to a child. */
    _loadNow(paths) {
      const target = this._target();
      const all = paths.length === 0 ? this._scalars() : paths;
      const children = new Map();
      all.forEach(function (path) {
        const slash = path.indexOf("/");
        const head = slash < 0 ? path : path.slice(0, slash);
        if (slash >= 0 || this._navigation().indexOf(head) >= 0) {
          if (this._navigation().indexOf(head) < 0) fail("InvalidArgument", this._type + "." + head, "Unknown property '" + head + "'.");
          if (!children.has(head)) children.set(head, []);
          if (slash >= 0) children.get(head).push(path.slice(slash + 1));
          return;
        }
        if (this._scalars().indexOf(head) < 0) fail("InvalidArgument", this._type + "." + head, "Unknown property '" + head + "'.");
        this._loaded[head] = copy(this._read(head, target));
      }, this);
      children.forEach(function (rest, head) { this[head]._loadNow(rest); }, this);
    }
    _scalars() { return []; }
    _navigation() { return []; }
    toJSON() {
      const out = {};
      for (const k in this._loaded) out[k] = this._loaded[k];
      return out;
    }
  }
  /** Defines loadable properties: get throws PropertyNotLoaded until loaded; set (when given) is queued. */
  function properties(cls, names, setters) {
    cls.prototype._scalars = function () { return names; };
    names.forEach(function (name) {
      const setter = setters && setters[name];
      Object.defineProperty(cls.prototype, name, {
        configurable: true,
        get: function () { return this._get(name); },
        set: setter ? function (value) { setter.call(this, value); } : function () {
          throw new RichApiError("InvalidArgument", "The property '" + name + "' is read-only.", this._type + "." + name);
        },
      });
    });
  }
  /** Navigation properties: a child proxy created once per object. */
  function navigation(cls, map) {
    const names = Object.keys(map);
    cls.prototype._navigation = function () { return names; };
    names.forEach(function (name) {
      Object.defineProperty(cls.prototype, name, {
        configurable: true,
        get: function () {
          const key = "_nav_" + name;
          if (!this[key]) this[key] = map[name].call(this);
          return this[key];
        },
      });
    });
  }

  /** Creates a root proxy bound when `resolve` runs in the queue; orNull: a missing target makes a null object. */
  function created(proxy, resolve, orNull) {
    proxy._nullKnown = false;
    proxy._ctx._enqueue(function () {
      if (proxy._creator && proxy._creator._isNull()) {
        proxy._null = true;
        proxy._nullKnown = true;
        proxy._bound = null;
        return;
      }
      let target;
      try {
        target = resolve();
      } catch (error) {
        if (!orNull || error.code !== "ItemNotFound") throw error;
        target = null;
      }
      proxy._bound = target;
      proxy._null = target === null;
      proxy._nullKnown = true;
    });
    return proxy;
  }

  // Workbook, runtime, application -------------------------------------------------------------------------------

  class Workbook extends ClientObject {
    constructor(ctx) {
      super(ctx, "Workbook");
      this._bound = book;
      this._nullKnown = true;
    }
    _read() { return undefined; }
    insertWorksheetsFromBase64(base64, options) {
      const result = new ClientResult();
      let sheetParts = 0;
      try {
        zipDirectory(base64ToBytes(base64)).forEach(function (_e, name) { if (/^xl\/worksheets\/[^/]+\.xml$/.test(name)) sheetParts++; });
      } catch (_error) { /* counted as 0; the sync fails below */ }
      const relativeTo = options && options.relativeTo;
      const recorded = options ? Object.assign({}, options) : options;
      if (recorded && relativeTo && typeof relativeTo === "object") recorded.relativeTo = "[Worksheet]";
      const entry = record("insertWorksheetsFromBase64", { base64: base64, options: recorded, sheetParts: sheetParts });
      this._ctx._enqueue(async function () {
        let parsed;
        try {
          parsed = await readWorkbook(base64ToBytes(base64));
        } catch (error) {
          entry.error = "InvalidArgument";
          fail("InvalidArgument", "Workbook.insertWorksheetsFromBase64", "stub: not a workbook: " + error.message);
        }
        const wanted = options && options.sheetNamesToInsert;
        if (wanted) {
          wanted.forEach(function (name) {
            if (!parsed.some(function (s) { return s.name === name; })) {
              entry.error = "InvalidArgument";
              fail("InvalidArgument", "Workbook.insertWorksheetsFromBase64", "stub: no sheet '" + name + "' in the file");
            }
          });
          parsed = parsed.filter(function (s) { return wanted.indexOf(s.name) >= 0; });
        }
        const position = (options && options.positionType) || "End";
        let at = book.sheets.length;
        if (position === "Beginning") at = 0;
        else if (position === "Before" || position === "After") {
          const anchor = relativeTo && typeof relativeTo === "object" ? relativeTo._target() : findSheet(relativeTo);
          if (!anchor || book.sheets.indexOf(anchor) < 0) {
            entry.error = "InvalidArgument";
            fail("InvalidArgument", "Workbook.insertWorksheetsFromBase64");
          }
          at = book.sheets.indexOf(anchor) + (position === "After" ? 1 : 0);
        }
        const ids = parsed.map(function (p) {
          const sheet = newSheet(freeName(p.name), p);
          book.sheets.splice(at++, 0, sheet);
          return sheet.id;
        });
        entry.inserted = ids.map(function (id) { return findSheet(id).name; });
        documentBase64 = base64; // getFileAsync now serves the inserted file (see README: what is not modelled)
        editedSinceFile = false;
        result._resolve(ids);
      });
      return result;
    }
    getSelectedRange() {
      const range = new Range(this._ctx, null, "selection");
      return created(range, function () {
        const sel = book.selection && findSheet(book.selection.sheetId) ? book.selection
          : { sheetId: book.activeSheetId || book.sheets[0].id, area: { r1: 0, c1: 0, r2: 0, c2: 0 } };
        return { sheet: findSheet(sel.sheetId), area: sel.area };
      });
    }
  }
  navigation(Workbook, {
    worksheets: function () { return new WorksheetCollection(this._ctx); },
    customXmlParts: function () { return new CustomXmlPartCollection(this._ctx, null); },
  });

  class Runtime extends ClientObject {
    constructor(ctx) { super(ctx, "Runtime"); this._bound = book; }
    _read(name) { return name === "enableEvents" ? book.enableEvents : undefined; }
  }
  properties(Runtime, ["enableEvents"], {
    enableEvents: function (value) {
      this._set("enableEvents", !!value, function (b, v) { b.enableEvents = v; });
    },
  });

  class Application extends ClientObject {
    constructor(ctx) { super(ctx, "Application"); this._bound = book; }
    _read(name) { return name === "calculationMode" ? "Automatic" : undefined; }
    calculate(type) { this._call("calculate", { calculationType: type }, function () {}); }
    suspendApiCalculationUntilNextSync() { this._call("suspendApiCalculationUntilNextSync", {}, function () {}); }
    suspendScreenUpdatingUntilNextSync() { this._call("suspendScreenUpdatingUntilNextSync", {}, function () {}); }
  }
  properties(Application, ["calculationMode"]);

  // Worksheets -----------------------------------------------------------------------------------------------------

  class WorksheetCollection extends ClientObject {
    constructor(ctx) {
      super(ctx, "WorksheetCollection");
      this._bound = book;
      this._items = undefined;
    }
    _api(member) { return "worksheets." + member; }
    get items() {
      if (this._items === undefined) throw notLoaded(this._type, "items");
      return this._items;
    }
    _loadNow(paths) {
      const itemPaths = paths.map(function (p) { return p === "items" ? "" : p.replace(/^items\//, ""); }).filter(Boolean);
      const ctx = this._ctx;
      this._items = book.sheets.map(function (sheet) {
        const ws = new Worksheet(ctx, sheet.name);
        ws._bound = sheet;
        ws._nullKnown = true;
        ws._loadNow(itemPaths);
        return ws;
      });
    }
    toJSON() { return { items: (this._items || []).map(function (w) { return w.toJSON(); }) }; }
    getItem(key) {
      return created(new Worksheet(this._ctx, key), function () {
        return findSheet(key) || fail("ItemNotFound", "WorksheetCollection.getItem");
      });
    }
    getItemOrNullObject(key) {
      return created(new Worksheet(this._ctx, key), function () {
        return findSheet(key) || fail("ItemNotFound", "WorksheetCollection.getItemOrNullObject");
      }, true);
    }
    getActiveWorksheet() {
      return created(new Worksheet(this._ctx, null), function () {
        return findSheet(book.activeSheetId) || book.sheets[0];
      });
    }
    getCount() {
      const result = new ClientResult();
      this._ctx._enqueue(function () { result._resolve(book.sheets.length); });
      return result;
    }
    add(name) {
      const entry = record("worksheets.add", { name: name === undefined ? null : name });
      return created(new Worksheet(this._ctx, name), function () {
        let sheetName = name;
        if (sheetName === undefined || sheetName === null) {
          let n = book.sheets.length + 1;
          while (findSheet("Sheet" + n)) n++;
          sheetName = "Sheet" + n;
        }
        if (!validSheetName(sheetName)) { entry.error = "InvalidArgument"; fail("InvalidArgument", "WorksheetCollection.add"); }
        if (findSheet(sheetName)) { entry.error = "ItemAlreadyExists"; fail("ItemAlreadyExists", "WorksheetCollection.add"); }
        const sheet = newSheet(sheetName);
        book.sheets.push(sheet);
        entry.id = sheet.id;
        return sheet;
      });
    }
  }
  navigation(WorksheetCollection, {
    onChanged: function () { return new EventSource(this._ctx, this, "worksheets.onChanged", null); },
  });

  class Worksheet extends ClientObject {
    constructor(ctx, key) {
      super(ctx, "Worksheet");
      this._key = key;
    }
    _describe() {
      return { sheet: this._bound ? this._bound.name : this._key };
    }
    _where(sheet) { return { sheet: sheet.name }; }
    _target() { return liveSheet(super._target(), "Worksheet"); }
    _read(name, sheet) {
      if (name === "name") return sheet.name;
      if (name === "id") return sheet.id;
      if (name === "position") return book.sheets.indexOf(sheet);
      if (name === "visibility") return sheet.visibility;
      return undefined;
    }
    activate() {
      this._call("activate", {}, function (sheet) {
        book.activeSheetId = sheet.id;
      });
    }
    delete() {
      this._call("delete", {}, function (sheet) {
        const visible = book.sheets.filter(function (s) { return s.visibility === "Visible"; });
        if (visible.length === 1 && visible[0] === sheet) fail("InvalidOperation", "Worksheet.delete");
        book.sheets.splice(book.sheets.indexOf(sheet), 1);
        if (book.activeSheetId === sheet.id) book.activeSheetId = null;
        if (book.selection && book.selection.sheetId === sheet.id) book.selection = null;
      });
    }
    getRange(address) {
      const range = new Range(this._ctx, this, address === undefined ? "(entire sheet)" : address);
      range._creator = this;
      const worksheet = this;
      return created(range, function () {
        const sheet = worksheet._target();
        if (address === undefined || address === "") return { sheet: sheet, area: { r1: 0, c1: 0, r2: MAX_ROWS - 1, c2: MAX_COLUMNS - 1 } };
        const parsed = parseAddress(address);
        if (!parsed || (parsed.sheet !== undefined && findSheet(parsed.sheet) !== sheet)) fail("InvalidArgument", "Worksheet.getRange");
        return { sheet: sheet, area: parsed.area };
      });
    }
    getRangeByIndexes(startRow, startColumn, rowCount, columnCount) {
      const range = new Range(this._ctx, this, null);
      range._creator = this;
      const worksheet = this;
      return created(range, function () {
        const area = { r1: startRow, c1: startColumn, r2: startRow + rowCount - 1, c2: startColumn + columnCount - 1 };
        if (!(rowCount > 0 && columnCount > 0 && startRow >= 0 && startColumn >= 0 && area.r2 < MAX_ROWS && area.c2 < MAX_COLUMNS)) {
          fail("InvalidArgument", "Worksheet.getRangeByIndexes");
        }
        return { sheet: worksheet._target(), area: area };
      });
    }
    getUsedRange(valuesOnly) {
      return this._used(valuesOnly, false);
    }
    getUsedRangeOrNullObject(valuesOnly) {
      return this._used(valuesOnly, true);
    }
    _used(valuesOnly, orNull) {
      const range = new Range(this._ctx, this, null);
      range._creator = this;
      const worksheet = this;
      // Excel answers A1 for an empty sheet (or a null object from the …OrNullObject variant).
      return created(range, function () {
        const sheet = worksheet._target();
        const area = usedArea(sheet, !!valuesOnly);
        if (!area && orNull) fail("ItemNotFound", "Worksheet.getUsedRangeOrNullObject");
        return { sheet: sheet, area: area || { r1: 0, c1: 0, r2: 0, c2: 0 } };
      }, orNull);
    }
  }
  properties(Worksheet, ["name", "id", "position", "visibility"], {
    name: function (value) {
      this._set("name", value, function (sheet, v) {
        const other = findSheet(v);
        if (!validSheetName(v)) fail("InvalidArgument", "Worksheet.name");
        if (other && other !== sheet) fail("ItemAlreadyExists", "Worksheet.name");
        sheet.name = v;
      });
    },
    visibility: function (value) {
      this._set("visibility", value, function (sheet, v) {
        if (["Visible", "Hidden", "VeryHidden"].indexOf(v) < 0) fail("InvalidArgument", "Worksheet.visibility");
        if (v !== "Visible" && book.sheets.filter(function (s) { return s.visibility === "Visible" && s !== sheet; }).length === 0) {
          fail("InvalidOperation", "Worksheet.visibility");
        }
        sheet.visibility = v;
      });
    },
  });
  navigation(Worksheet, {
    protection: function () { return new WorksheetProtection(this._ctx, this); },
    freezePanes: function () { return new WorksheetFreezePanes(this._ctx, this); },
    charts: function () { return new ChartCollection(this._ctx, this); },
    onChanged: function () { return new EventSource(this._ctx, this, "worksheet.onChanged", this); },
  });

  class WorksheetProtection extends ClientObject {
    constructor(ctx, worksheet) { super(ctx, "WorksheetProtection", worksheet); }
    _api(member) { return "worksheet.protection." + member; }
    _describe() { return this._parent._describe(); }
    _where(sheet) { return { sheet: sheet.name }; }
    _read(name, sheet) {
      if (name === "protected") return sheet.protection.protected;
      if (name === "options") return sheet.protection.options;
      if (name === "passwordProtected") return sheet.protection.protected && (!!sheet.protection.password || !!sheet.protection.fileHasPassword);
      return undefined;
    }
    // Excel throws AccessDenied for protect() on a protected sheet and unprotect() on an unprotected one
    // (office-js #6784): check protection.protected first.
    protect(options, password) {
      this._call("protect", { options: copy(options || null), password: password ? "***" : null }, function (sheet) {
        if (sheet.protection.protected) fail("AccessDenied", "WorksheetProtection.protect");
        const merged = defaultProtectionOptions();
        for (const k in options || {}) merged[k] = options[k];
        sheet.protection = { protected: true, options: merged, password: password || null };
      });
    }
    unprotect(password) {
      this._call("unprotect", { password: password ? "***" : null }, function (sheet) {
        const p = sheet.protection;
        if (!p.protected) fail("AccessDenied", "WorksheetProtection.unprotect");
        if (p.password && p.password !== password) fail("InvalidArgument", "WorksheetProtection.unprotect", "The password is incorrect.");
        sheet.protection = { protected: false, options: p.options, password: null };
      });
    }
  }
  properties(WorksheetProtection, ["protected", "options", "passwordProtected"]);

  class WorksheetFreezePanes extends ClientObject {
    constructor(ctx, worksheet) { super(ctx, "WorksheetFreezePanes", worksheet); }
    _api(member) { return "worksheet.freezePanes." + member; }
    _describe() { return this._parent._describe(); }
    _where(sheet) { return { sheet: sheet.name }; }
    freezeRows(count) {
      this._call("freezeRows", { count: count === undefined ? 1 : count }, function (sheet) {
        sheet.frozenRows = count === undefined ? 1 : count;
        sheet.frozenColumns = 0;
      });
    }
    freezeColumns(count) {
      this._call("freezeColumns", { count: count === undefined ? 1 : count }, function (sheet) {
        sheet.frozenColumns = count === undefined ? 1 : count;
        sheet.frozenRows = 0;
      });
    }
    unfreeze() {
      this._call("unfreeze", {}, function (sheet) { sheet.frozenRows = 0; sheet.frozenColumns = 0; });
    }
  }

  // Ranges ---------------------------------------------------------------------------------------------------------

  /** _bound is { sheet, area }. */
  class Range extends ClientObject {
    constructor(ctx, worksheet, address) {
      super(ctx, "Range");
      this._worksheet = worksheet;
      this._address = address;
    }
    _target() {
      const t = super._target();
      liveSheet(t.sheet, "Range");
      return t;
    }
    _describe() {
      if (this._bound) return { sheet: this._bound.sheet.name, address: areaName(this._bound.area) };
      return { sheet: this._worksheet ? this._worksheet._describe().sheet : null, address: this._address };
    }
    _where(t) { return { sheet: t.sheet.name, address: areaName(t.area) }; }
    _read(name, t) {
      const sheet = t.sheet;
      const area = t.area;
      switch (name) {
        case "address":
        case "addressLocal": return sheetPrefix(sheet.name) + areaName(area);
        case "values": return grid(area, function (r, c) { return valueAt(sheet, r, c); });
        case "formulas": return grid(area, function (r, c) {
          const cell = sheet.cells.get(cellKey(r, c));
          return cell && cell.formula !== null ? cell.formula : cell ? cell.value : "";
        });
        case "text": return grid(area, function (r, c) {
          const v = valueAt(sheet, r, c);
          return typeof v === "boolean" ? (v ? "TRUE" : "FALSE") : String(v);
        });
        case "valueTypes": return grid(area, function (r, c) { return valueType(valueAt(sheet, r, c)); });
        case "numberFormat": return grid(area, function (r, c) { return styleAt(sheet, r, c).numberFormat; });
        case "rowIndex": return area.r1;
        case "columnIndex": return area.c1;
        case "rowCount": return areaRows(area);
        case "columnCount": return areaColumns(area);
        case "cellCount": return areaRows(area) * areaColumns(area);
        default: return undefined;
      }
    }
    _child(fn) {
      const range = new Range(this._ctx, this._worksheet, null);
      range._creator = this;
      const parent = this;
      return created(range, function () {
        const t = parent._target();
        const area = fn(t.area);
        if (area.r1 < 0 || area.c1 < 0 || area.r2 >= MAX_ROWS || area.c2 >= MAX_COLUMNS || area.r1 > area.r2 || area.c1 > area.c2) {
          fail("InvalidArgument", "Range");
        }
        return { sheet: t.sheet, area: area };
      });
    }
    getCell(row, column) {
      return this._child(function (a) { return { r1: a.r1 + row, c1: a.c1 + column, r2: a.r1 + row, c2: a.c1 + column }; });
    }
    getRow(row) {
      return this._child(function (a) { return { r1: a.r1 + row, c1: a.c1, r2: a.r1 + row, c2: a.c2 }; });
    }
    getColumn(column) {
      return this._child(function (a) { return { r1: a.r1, c1: a.c1 + column, r2: a.r2, c2: a.c1 + column }; });
    }
    getOffsetRange(rows, columns) {
      return this._child(function (a) { return { r1: a.r1 + rows, c1: a.c1 + columns, r2: a.r2 + rows, c2: a.c2 + columns }; });
    }
    getResizedRange(rows, columns) {
      return this._child(function (a) { return { r1: a.r1, c1: a.c1, r2: a.r2 + rows, c2: a.c2 + columns }; });
    }
    select() {
      this._call("select", {}, function (t) {
        book.activeSheetId = t.sheet.id;
        book.selection = { sheetId: t.sheet.id, area: t.area };
      });
    }
    clear(applyTo) {
      const what = applyTo || "All";
      this._call("clear", { applyTo: what }, function (t) {
        if (what === "All" || what === "Formats") assertFormattable(t.sheet, "cells", "Range.clear");
        if ((what === "All" || what === "Contents") && isLockedCellOnProtectedSheet(t.sheet, t.area)) fail("AccessDenied", "Range.clear");
        let changed = false;
        forEachCell(t.area, function (r, c) {
          const key = cellKey(r, c);
          const cell = t.sheet.cells.get(key);
          if (!cell) return;
          if (what === "All" || what === "Contents") {
            changed = changed || cell.value !== "" || cell.formula !== null;
            cell.value = "";
            cell.formula = null;
          }
          if (what === "All" || what === "Formats") {
            cell.style = Object.assign({}, t.sheet.defaultStyle);
            cell.formatted = false;
          }
        });
        if (changed) {
          editedSinceFile = true;
          raiseChanged(t.sheet, t.area, "Local", "ThisLocalAddin", undefined);
        }
      });
    }
    // Range.worksheet: the sheet the range is on.
    get worksheet() {
      if (!this._worksheetProxy) {
        const range = this;
        const ws = new Worksheet(this._ctx, null);
        ws._creator = range;
        this._worksheetProxy = created(ws, function () { return range._target().sheet; });
      }
      return this._worksheetProxy;
    }
  }
  properties(Range, ["address", "addressLocal", "values", "formulas", "text", "valueTypes", "numberFormat", "rowIndex",
    "columnIndex", "rowCount", "columnCount", "cellCount"], {
    values: function (value) {
      this._set("values", value, function (t, v) { writeCells(t.sheet, t.area, v, "addin", "Local", "Range.values", false); });
    },
    formulas: function (value) {
      this._set("formulas", value, function (t, v) { writeCells(t.sheet, t.area, v, "addin", "Local", "Range.formulas", true); });
    },
    numberFormat: function (value) {
      this._set("numberFormat", value, function (t, v) {
        const rows = shaped(v, t.area, "Range.numberFormat");
        assertFormattable(t.sheet, "cells", "Range.numberFormat");
        formatCells(t.sheet, t.area, function () {});
        forEachCell(t.area, function (r, c, i, j) {
          if (rows[i][j] !== null && rows[i][j] !== undefined) cellFor(t.sheet, r, c).style.numberFormat = String(rows[i][j]);
        });
      });
    },
  });
  navigation(Range, {
    format: function () { return new RangeFormat(this._ctx, this); },
  });

  /** Format objects act on their range: _parent is the Range (or the RangeFormat), whose target they share. */
  class RangeFormat extends ClientObject {
    constructor(ctx, range) { super(ctx, "RangeFormat", range); }
    _range() { return this._parent; }
    _api(member) { return "range.format." + member; }
    _describe() { return this._range()._describe(); }
    _where(t) { return this._range()._where(t); }
    _read() { return undefined; }
    autofitColumns() {
      this._call("autofitColumns", {}, function (t) { assertFormattable(t.sheet, "columns", "RangeFormat.autofitColumns"); });
    }
    autofitRows() {
      this._call("autofitRows", {}, function (t) { assertFormattable(t.sheet, "rows", "RangeFormat.autofitRows"); });
    }
  }
  navigation(RangeFormat, {
    fill: function () { return new RangeFill(this._ctx, this); },
    font: function () { return new RangeFont(this._ctx, this); },
    protection: function () { return new FormatProtection(this._ctx, this); },
  });

  class RangeFill extends ClientObject {
    constructor(ctx, format) { super(ctx, "RangeFill", format); }
    _api(member) { return "range.format.fill." + member; }
    _describe() { return this._parent._describe(); }
    _where(t) { return this._parent._where(t); }
    _read(name, t) {
      if (name === "color") return uniform(t.area, function (r, c) { return styleAt(t.sheet, r, c).fill || "#FFFFFF"; });
      return undefined;
    }
    clear() {
      this._call("clear", {}, function (t) {
        assertFormattable(t.sheet, "cells", "RangeFill.clear");
        formatCells(t.sheet, t.area, function (style) { style.fill = null; });
      });
    }
  }
  properties(RangeFill, ["color"], {
    color: function (value) {
      this._set("color", value, function (t, v) {
        const colour = normalColour(v);
        if (!colour) fail("InvalidArgument", "RangeFill.color");
        assertFormattable(t.sheet, "cells", "RangeFill.color");
        formatCells(t.sheet, t.area, function (style) { style.fill = colour; });
      });
    },
  });

  class RangeFont extends ClientObject {
    constructor(ctx, format) { super(ctx, "RangeFont", format); }
    _api(member) { return "range.format.font." + member; }
    _describe() { return this._parent._describe(); }
    _where(t) { return this._parent._where(t); }
    _read(name, t) {
      if (name === "bold") return uniform(t.area, function (r, c) { return !!styleAt(t.sheet, r, c).bold; });
      return undefined;
    }
  }
  properties(RangeFont, ["bold"], {
    bold: function (value) {
      this._set("bold", value, function (t, v) {
        assertFormattable(t.sheet, "cells", "RangeFont.bold");
        formatCells(t.sheet, t.area, function (style) { style.bold = !!v; });
      });
    },
  });

  class FormatProtection extends ClientObject {
    constructor(ctx, format) { super(ctx, "FormatProtection", format); }
    _api(member) { return "range.format.protection." + member; }
    _describe() { return this._parent._describe(); }
    _where(t) { return this._parent._where(t); }
    _read(name, t) {
      if (name === "locked") return uniform(t.area, function (r, c) { return styleAt(t.sheet, r, c).locked; });
      return undefined;
    }
  }
  properties(FormatProtection, ["locked"], {
    locked: function (value) {
      this._set("locked", value, function (t, v) {
        // Locking is fixed while the sheet is protected, whatever the options.
        if (t.sheet.protection.protected) fail("AccessDenied", "FormatProtection.locked");
        formatCells(t.sheet, t.area, function (style) { style.locked = !!v; });
      });
    },
  });

  // Charts ---------------------------------------------------------------------------------------------------------

  class ChartCollection extends ClientObject {
    constructor(ctx, worksheet) {
      super(ctx, "ChartCollection", worksheet);
      this._items = undefined;
    }
    _api(member) { return "worksheet.charts." + member; }
    _describe() { return this._parent._describe(); }
    _where(sheet) { return { sheet: sheet.name }; }
    get items() {
      if (this._items === undefined) throw notLoaded(this._type, "items");
      return this._items;
    }
    _loadNow(paths) {
      const sheet = this._target();
      const itemPaths = paths.map(function (p) { return p === "items" ? "" : p.replace(/^items\//, ""); }).filter(Boolean);
      const ctx = this._ctx;
      this._items = sheet.charts.map(function (chart) {
        const proxy = new Chart(ctx);
        proxy._bound = { sheet: sheet, chart: chart };
        proxy._nullKnown = true;
        proxy._loadNow(itemPaths);
        return proxy;
      });
    }
    add(type, sourceData, seriesBy) {
      const entry = record(this._api("add"), Object.assign(this._describe(), { type: type, seriesBy: seriesBy || "Auto" }));
      const worksheet = this._parent;
      const chart = new Chart(this._ctx);
      chart._creator = worksheet;
      return created(chart, function () {
        const sheet = worksheet._target();
        try {
          assertFormattable(sheet, "objects", "ChartCollection.add");
          if (!sourceData || !(sourceData instanceof Range)) fail("InvalidArgument", "ChartCollection.add");
          const source = sourceData._target();
          const n = nextChartNumber++;
          const model = {
            id: guid("C0000000", n),
            name: "Chart " + n,
            type: type,
            source: sheetPrefix(source.sheet.name) + areaName(source.area),
            seriesBy: seriesBy || "Auto",
            title: "",
            position: null,
          };
          sheet.charts.push(model);
          Object.assign(entry, { sheet: sheet.name, source: model.source, id: model.id });
          return { sheet: sheet, chart: model };
        } catch (error) {
          entry.error = error.code;
          throw error;
        }
      });
    }
  }
  navigation(ChartCollection, {});
  properties(ChartCollection, []);

  class Chart extends ClientObject {
    constructor(ctx) { super(ctx, "Chart"); }
    _describe() { return this._bound ? { sheet: this._bound.sheet.name, chart: this._bound.chart.name } : {}; }
    _where(t) { return { sheet: t.sheet.name, chart: t.chart.name }; }
    _target() {
      const t = super._target();
      liveSheet(t.sheet, "Chart");
      if (t.sheet.charts.indexOf(t.chart) < 0) fail("ItemNotFound", "Chart");
      return t;
    }
    _read(name, t) {
      if (name === "name") return t.chart.name;
      if (name === "id") return t.chart.id;
      if (name === "chartType") return t.chart.type;
      return undefined;
    }
    setPosition(startCell, endCell) {
      this._call("setPosition", { start: typeof startCell === "string" ? startCell : "[Range]", end: typeof endCell === "string" ? endCell : endCell ? "[Range]" : null }, function (t) {
        assertFormattable(t.sheet, "objects", "Chart.setPosition");
        const start = typeof startCell === "string" ? startCell : areaName(startCell._target().area);
        const end = endCell === undefined || endCell === null ? null : typeof endCell === "string" ? endCell : areaName(endCell._target().area);
        t.chart.position = { start: start, end: end };
      });
    }
    delete() {
      this._call("delete", {}, function (t) {
        assertFormattable(t.sheet, "objects", "Chart.delete");
        t.sheet.charts.splice(t.sheet.charts.indexOf(t.chart), 1);
      });
    }
  }
  properties(Chart, ["name", "id", "chartType"], {
    name: function (value) { this._set("name", value, function (t, v) { t.chart.name = String(v); }); },
    chartType: function (value) { this._set("chartType", value, function (t, v) { t.chart.type = v; }); },
  });
  navigation(Chart, {
    title: function () { return new ChartTitle(this._ctx, this); },
  });

  class ChartTitle extends ClientObject {
    constructor(ctx, chart) { super(ctx, "ChartTitle", chart); }
    _api(member) { return "chart.title." + member; }
    _describe() { return this._parent._describe(); }
    _where(t) { return this._parent._where(t); }
    _read(name, t) { return name === "text" ? t.chart.title : undefined; }
  }
  properties(ChartTitle, ["text"], {
    text: function (value) {
      this._set("text", value, function (t, v) {
        assertFormattable(t.sheet, "objects", "ChartTitle.text");
        t.chart.title = String(v);
      });
    },
  });

  // Events: worksheet.onChanged.add(handler) → EventHandlerResult with remove() ---------------------------------

  class EventSource {
    constructor(ctx, owner, api, worksheet) {
      this._ctx = ctx;
      this._owner = owner;
      this._apiName = api;
      this._worksheet = worksheet;
    }
    add(handler) {
      if (typeof handler !== "function") throw new RichApiError("InvalidArgument", undefined, this._apiName + ".add");
      const worksheet = this._worksheet;
      const entry = record(this._apiName + ".add", worksheet ? worksheet._describe() : {});
      const registration = { id: nextHandlerNumber++, handler: handler };
      const result = new EventHandlerResult(this._ctx, registration, this._apiName);
      this._ctx._enqueue(function () {
        if (worksheet) {
          if (worksheet._isNull()) return;
          const sheet = worksheet._target();
          entry.sheet = sheet.name;
          registration.list = sheet.handlers;
        } else {
          registration.list = book.collectionHandlers;
        }
        registration.list.push(registration);
      });
      return result;
    }
  }
  class EventHandlerResult {
    constructor(ctx, registration, api) {
      this.context = ctx;
      this._registration = registration;
      this._apiName = api;
    }
    remove() {
      const registration = this._registration;
      record(this._apiName + ".remove");
      this.context._enqueue(function () {
        const list = registration.list || [];
        const i = list.indexOf(registration);
        if (i >= 0) list.splice(i, 1);
      });
    }
  }

  // Custom XML parts: only those given in __officeStubConfig.customXmlParts, or added by the pane (Excel's
  // insertWorksheetsFromBase64 does not bring a file's parts along) ----------------------------------------------

  function namespaceOf(xml) {
    const doc = parseXml(xml, "custom XML part");
    return doc.documentElement.namespaceURI || "";
  }
  function newPart(xml, id) {
    return { id: id || guid("D0000000", nextPartNumber++), namespaceUri: namespaceOf(xml), xml: xml };
  }

  class CustomXmlPartCollection extends ClientObject {
    constructor(ctx, namespace) {
      super(ctx, namespace === null ? "CustomXmlPartCollection" : "CustomXmlPartScopedCollection");
      this._namespace = namespace;
      this._bound = book;
      this._items = undefined;
    }
    _api(member) { return "customXmlParts." + member; }
    _parts() {
      const ns = this._namespace;
      return book.customXmlParts.filter(function (p) { return ns === null || p.namespaceUri === ns; });
    }
    get items() {
      if (this._items === undefined) throw notLoaded(this._type, "items");
      return this._items;
    }
    _loadNow(paths) {
      const itemPaths = paths.map(function (p) { return p === "items" ? "" : p.replace(/^items\//, ""); }).filter(Boolean);
      const ctx = this._ctx;
      this._items = this._parts().map(function (part) {
        const proxy = new CustomXmlPart(ctx);
        proxy._bound = part;
        proxy._nullKnown = true;
        proxy._loadNow(itemPaths);
        return proxy;
      });
    }
    add(xml) {
      const entry = record("customXmlParts.add", { xml: xml });
      return created(new CustomXmlPart(this._ctx), function () {
        let part;
        try { part = newPart(xml); } catch (_e) { entry.error = "InvalidArgument"; fail("InvalidArgument", "CustomXmlPartCollection.add"); }
        book.customXmlParts.push(part);
        entry.id = part.id;
        return part;
      });
    }
    getByNamespace(namespaceUri) {
      return new CustomXmlPartCollection(this._ctx, namespaceUri);
    }
    getCount() {
      const result = new ClientResult();
      const self = this;
      this._ctx._enqueue(function () { result._resolve(self._parts().length); });
      return result;
    }
    getItem(id) {
      const self = this;
      return created(new CustomXmlPart(this._ctx), function () {
        return self._parts().find(function (p) { return p.id === id; }) || fail("ItemNotFound", "CustomXmlPartCollection.getItem");
      });
    }
    getItemOrNullObject(id) {
      const self = this;
      return created(new CustomXmlPart(this._ctx), function () {
        return self._parts().find(function (p) { return p.id === id; }) || fail("ItemNotFound", "CustomXmlPartCollection.getItemOrNullObject");
      }, true);
    }
    getOnlyItem() {
      const self = this;
      return created(new CustomXmlPart(this._ctx), function () {
        const parts = self._parts();
        if (parts.length !== 1) fail(parts.length === 0 ? "ItemNotFound" : "InvalidOperation", "CustomXmlPartScopedCollection.getOnlyItem");
        return parts[0];
      });
    }
    getOnlyItemOrNullObject() {
      const self = this;
      return created(new CustomXmlPart(this._ctx), function () {
        const parts = self._parts();
        return parts.length === 1 ? parts[0] : fail("ItemNotFound", "CustomXmlPartScopedCollection.getOnlyItemOrNullObject");
      }, true);
    }
  }
  properties(CustomXmlPartCollection, []);

  class CustomXmlPart extends ClientObject {
    constructor(ctx) { super(ctx, "CustomXmlPart"); }
    _api(member) { return "customXmlPart." + member; }
    _target() {
      const part = super._target();
      if (book.customXmlParts.indexOf(part) < 0) fail("ItemNotFound", "CustomXmlPart");
      return part;
    }
    _read(name, part) {
      if (name === "id") return part.id;
      if (name === "namespaceUri") return part.namespaceUri;
      return undefined;
    }
    getXml() {
      const result = new ClientResult();
      const self = this;
      record("customXmlPart.getXml");
      this._ctx._enqueue(function () { result._resolve(self._isNull() ? null : self._target().xml); });
      return result;
    }
    setXml(xml) {
      this._call("setXml", { xml: xml }, function (part) {
        try { part.namespaceUri = namespaceOf(xml); } catch (_e) { fail("InvalidArgument", "CustomXmlPart.setXml"); }
        part.xml = xml;
      });
    }
    delete() {
      this._call("delete", {}, function (part) { book.customXmlParts.splice(book.customXmlParts.indexOf(part), 1); });
    }
  }
  properties(CustomXmlPart, ["id", "namespaceUri"]);

  // ---------------------------------------------------------------------------------------------------------------
  // OfficeExtension, and Excel.run / Word.run: a request context (the object's own when given one), the batch's
  // promise, then a closing flush of whatever is still queued, as Office.js does.
  // ---------------------------------------------------------------------------------------------------------------

  window.OfficeExtension = {
    Error: RichApiError,
    ClientResult: ClientResult,
    ClientObject: ClientObject,
    ErrorCodes: {
      accessDenied: "AccessDenied", generalException: "GeneralException", invalidArgument: "InvalidArgument",
      invalidObjectPath: "InvalidObjectPath", invalidRequestContext: "InvalidRequestContext",
      itemNotFound: "ItemNotFound", propertyNotLoaded: "PropertyNotLoaded", runMustReturnPromise: "RunMustReturnPromise",
      valueNotLoaded: "ValueNotLoaded",
    },
  };

  /** Host.run(batch) / (options, batch) / (object, batch), recorded as `api` ("Excel.run", "Word.run"). */
  function runBatch(api, args) {
    const batch = args[args.length - 1];
    const first = args.length > 1 ? args[0] : undefined;
    const reused = first instanceof RequestContext ? first
      : first && first.context instanceof RequestContext ? first.context
      : first && first._ctx instanceof RequestContext ? first._ctx : null;
    const ctx = reused || new RequestContext();
    const run = { index: runCount++, syncs: 0, errors: [], done: false };
    ctx._run = run;
    hooks.runs.push(run);
    record(api);
    let result;
    try {
      result = batch(ctx);
    } catch (error) {
      run.done = true;
      return Promise.reject(error);
    }
    if (!result || typeof result.then !== "function") {
      run.done = true;
      return Promise.reject(new RichApiError("RunMustReturnPromise", undefined, api));
    }
    return Promise.resolve(result).then(
      function (value) {
        return ctx._flush(false).then(function () { run.done = true; return value; }, function (error) { run.done = true; throw error; });
      },
      function (error) { run.done = true; throw error; });
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Word: an in-memory document. The body is a list of blocks: paragraphs { kind: "p", id, text } and block content
  // controls { kind: "cc", id, tag, title, appearance, cannotDelete, cannotEdit, unlisted, children: blocks }.
  // Comments are anchored on a paragraph or on a control's content: { kind: "paragraph" | "content", id }.
  // body.insertFileFromBase64 reads a .docx's word/document.xml (w:p, block w:sdt with w:tag and w:alias, w:tbl rows
  // as paragraphs) inside the sync. __officeStubConfig.word configures it (see README).
  // ---------------------------------------------------------------------------------------------------------------

  const wordConfig = config.word || {};
  const wordDoc = { blocks: [], comments: [], selection: null };
  let nextWordId = 1;
  let nextCommentNumber = 1;

  function wordParagraph(text) {
    return { kind: "p", id: nextWordId++, text: text || "" };
  }
  function wordControl(tag, title, children) {
    return { kind: "cc", id: nextWordId++, tag: tag || "", title: title || "", appearance: "BoundingBox",
      cannotDelete: false, cannotEdit: false, unlisted: false, children: children.length > 0 ? children : [wordParagraph("")] };
  }
  function wordBlocksFromConfig(specs) {
    return (specs || []).map(function (spec) {
      return typeof spec === "string" ? wordParagraph(spec)
        : wordControl(spec.tag, spec.title, wordBlocksFromConfig(spec.blocks || spec.paragraphs || []));
    });
  }
  /** Every block in document order with its enclosing controls, outermost first. */
  function wordWalk() {
    const out = [];
    (function walk(blocks, parents) {
      blocks.forEach(function (block) {
        out.push({ block: block, parents: parents });
        if (block.kind === "cc") walk(block.children, parents.concat([block]));
      });
    })(wordDoc.blocks, []);
    return out;
  }
  function wordFind(id) {
    return wordWalk().find(function (e) { return e.block.id === id; }) || null;
  }
  function wordControls() {
    return wordWalk().filter(function (e) { return e.block.kind === "cc"; }).map(function (e) { return e.block; });
  }
  /** Word separates paragraphs with \r. */
  function wordText(blocks) {
    return blocks.map(function (b) { return b.kind === "p" ? b.text : wordText(b.children); }).join("\r");
  }
  function wordPosition(anchor) {
    const all = wordWalk();
    for (let i = 0; i < all.length; i++) if (all[i].block.id === anchor.id) return i;
    return -1;
  }
  /** Whether a comment's anchor lies in a range (body, a control whole or its content, a paragraph). */
  function wordWithin(anchor, range) {
    if (range.kind === "body") return true;
    if (anchor.id === range.id) return true;
    if (range.kind === "paragraph") return false;
    const found = wordFind(anchor.id);
    return !!found && found.parents.some(function (p) { return p.id === range.id; });
  }
  function wordCommentsIn(range) {
    return wordDoc.comments
      .filter(function (c) { return wordFind(c.anchor.id) && wordWithin(c.anchor, range); })
      .sort(function (a, b) { return wordPosition(a.anchor) - wordPosition(b.anchor) || a.number - b.number; });
  }
  function newCommentId() {
    return window.crypto && typeof window.crypto.randomUUID === "function"
      ? "{" + window.crypto.randomUUID().toUpperCase() + "}" : guid("C0000000", nextCommentNumber);
  }

  /** word/document.xml's body as blocks; the main part found through _rels/.rels. */
  async function readDocx(bytes) {
    const entries = zipDirectory(bytes);
    const rels = await relationships(bytes, entries, "");
    let main = "word/document.xml";
    rels.forEach(function (rel) { if (/\/officeDocument$/.test(rel.type)) main = rel.target; });
    const xml = await zipText(bytes, entries, main);
    if (xml === null) throw new Error("no " + main + " in the file");
    const body = elements(parseXml(xml, main), "body")[0];
    if (!body) throw new Error(main + " has no w:body");
    return docxBlocks(body);
  }
  /** A paragraph's text in reading order: w:t, w:tab as \t, w:br and w:cr as \n; deleted text and field codes left out. */
  function docxText(node) {
    let text = "";
    Array.prototype.forEach.call(node.childNodes, function (child) {
      if (child.nodeType !== 1) return;
      const name = child.localName;
      if (name === "t") text += child.textContent;
      else if (name === "tab") text += "\t";
      else if (name === "br" || name === "cr") text += "\n";
      else if (name !== "delText" && name !== "instrText" && name !== "sdtPr" && name !== "rPr" && name !== "pPr") text += docxText(child);
    });
    return text;
  }
  function docxBlocks(parent) {
    const out = [];
    Array.prototype.forEach.call(parent.children, function (child) {
      const name = child.localName;
      if (name === "p") out.push(wordParagraph(docxText(child)));
      else if (name === "sdt") {
        const pr = firstChild(child, "sdtPr");
        const tag = pr && firstChild(pr, "tag");
        const alias = pr && firstChild(pr, "alias");
        const content = firstChild(child, "sdtContent");
        out.push(wordControl(tag ? attribute(tag, "val") : "", alias ? attribute(alias, "val") : "", content ? docxBlocks(content) : []));
      } else if (name === "tbl") {
        elements(child, "tr").forEach(function (tr) {
          out.push(wordParagraph(childElements(tr, "tc").map(function (tc) {
            return elements(tc, "p").map(docxText).join(" ");
          }).join("\t")));
        });
      } else if (name === "customXml" || name === "smartTag") {
        docxBlocks(child).forEach(function (b) { out.push(b); });
      }
    });
    return out;
  }

  function wordDescribeControl(control) {
    return { id: control.id, tag: control.tag, title: control.title };
  }
  /** A range's anchor as the call records show it. */
  function wordDescribeRange(range) {
    if (range.kind === "body") return { range: "body" };
    const found = wordFind(range.id);
    const control = found && (found.block.kind === "cc" ? found.block : found.parents[found.parents.length - 1]);
    return { range: range.kind, control: control ? wordDescribeControl(control) : null };
  }

  class WordDocument extends ClientObject {
    constructor(ctx) {
      super(ctx, "Document");
      this._bound = wordDoc;
      this._nullKnown = true;
    }
    _read() { return undefined; }
  }
  navigation(WordDocument, {
    body: function () { return new WordBody(this._ctx); },
    contentControls: function () { return new WordControlCollection(this._ctx, { kind: "body" }); },
  });

  class WordBody extends ClientObject {
    constructor(ctx) {
      super(ctx, "Body");
      this._bound = wordDoc;
      this._nullKnown = true;
    }
    _read(name) {
      if (name === "text") return wordText(wordDoc.blocks);
      if (name === "type") return "MainDoc";
      return undefined;
    }
    insertFileFromBase64(base64, location) {
      const entry = record("body.insertFileFromBase64", { location: location, size: String(base64).length });
      const range = new WordRange(this._ctx);
      this._ctx._enqueue(async function () {
        if (["Replace", "Start", "End"].indexOf(location) < 0) {
          entry.error = "InvalidArgument";
          fail("InvalidArgument", "Body.insertFileFromBase64", "stub: location must be Replace, Start or End");
        }
        let blocks;
        try {
          blocks = await readDocx(base64ToBytes(base64));
        } catch (error) {
          entry.error = "InvalidArgument";
          fail("InvalidArgument", "Body.insertFileFromBase64", "stub: not a document: " + error.message);
        }
        // What Word does to the file's content controls on some platforms (office-js #1467, #1382), on request.
        (function mark(list) {
          list.forEach(function (b) {
            if (b.kind !== "cc") return;
            if (wordConfig.insertResetsTags) b.tag = "";
            if (wordConfig.insertedControlsUnlisted) b.unlisted = true;
            mark(b.children);
          });
        })(blocks);
        if (location === "Replace") {
          wordDoc.blocks = blocks.length > 0 ? blocks : [wordParagraph("")];
          wordDoc.comments = [];
          wordDoc.selection = null;
        } else if (location === "Start") wordDoc.blocks = blocks.concat(wordDoc.blocks);
        else wordDoc.blocks = wordDoc.blocks.concat(blocks);
        entry.controls = [];
        (function list(bs) { bs.forEach(function (b) { if (b.kind === "cc") { entry.controls.push({ tag: b.tag, title: b.title }); list(b.children); } }); })(blocks);
        range._bound = { kind: "body" };
        range._nullKnown = true;
      });
      return range;
    }
    getComments() {
      return new WordCommentCollection(this._ctx, { kind: "body" });
    }
    getRange() {
      const range = new WordRange(this._ctx);
      range._bound = { kind: "body" };
      range._nullKnown = true;
      return range;
    }
    clear() {
      this._call("clear", {}, function () {
        wordDoc.blocks = [wordParagraph("")];
        wordDoc.comments = [];
        wordDoc.selection = null;
      });
    }
  }
  properties(WordBody, ["text", "type"]);
  navigation(WordBody, {
    contentControls: function () { return new WordControlCollection(this._ctx, { kind: "body" }); },
  });

  /** Content controls within a scope ({ kind: "body" } or { kind: "control", id }), optionally with one tag. */
  class WordControlCollection extends ClientObject {
    constructor(ctx, scope, tag) {
      super(ctx, "ContentControlCollection");
      this._scope = scope;
      this._tag = tag;
      this._bound = wordDoc;
      this._nullKnown = true;
      this._items = undefined;
    }
    _api(member) { return "contentControls." + member; }
    _list() {
      const scope = this._scope;
      const tag = this._tag;
      return wordWalk().filter(function (e) {
        return e.block.kind === "cc" && !e.block.unlisted && (tag === undefined || e.block.tag === tag)
          && (scope.kind === "body" || e.parents.some(function (p) { return p.id === scope.id; }));
      }).map(function (e) { return e.block; });
    }
    get items() {
      if (this._items === undefined) throw notLoaded(this._type, "items");
      return this._items;
    }
    _loadNow(paths) {
      // collection.load("tag") loads the items' tag, as does "items/tag".
      const itemPaths = paths.map(function (p) { return p === "items" ? "" : p.replace(/^items\//, ""); }).filter(Boolean);
      const ctx = this._ctx;
      this._items = this._list().map(function (control) {
        const proxy = new WordContentControl(ctx);
        proxy._bound = control;
        proxy._nullKnown = true;
        proxy._loadNow(itemPaths);
        return proxy;
      });
    }
    _pick(api, orNull, choose) {
      const self = this;
      const entry = record(this._api(api));
      return created(new WordContentControl(this._ctx), function () {
        const found = choose(self._list());
        if (!found) {
          if (!orNull) entry.error = "ItemNotFound";
          fail("ItemNotFound", "ContentControlCollection." + api);
        }
        return found;
      }, orNull);
    }
    getById(id) { return this._pick("getById", false, function (list) { return list.find(function (c) { return c.id === id; }); }); }
    getByIdOrNullObject(id) { return this._pick("getByIdOrNullObject", true, function (list) { return list.find(function (c) { return c.id === id; }); }); }
    getFirst() { return this._pick("getFirst", false, function (list) { return list[0]; }); }
    getFirstOrNullObject() { return this._pick("getFirstOrNullObject", true, function (list) { return list[0]; }); }
    getByTag(tag) { return new WordControlCollection(this._ctx, this._scope, String(tag)); }
  }
  properties(WordControlCollection, []);

  class WordContentControl extends ClientObject {
    constructor(ctx) { super(ctx, "ContentControl"); }
    _target() {
      const control = super._target();
      if (!wordFind(control.id)) fail("ItemNotFound", "ContentControl");
      return control;
    }
    _describe() { return this._bound ? wordDescribeControl(this._bound) : {}; }
    _where(control) { return wordDescribeControl(control); }
    _read(name, control) {
      if (name === "text") return wordText(control.children);
      if (name === "type") return "RichText";
      return control[name];
    }
    select(mode) {
      this._call("select", { mode: mode || "Select" }, function (control) {
        wordDoc.selection = { kind: "control", id: control.id };
      });
    }
    getRange(location) {
      const where = location || "Whole";
      if (["Whole", "Start", "End", "Before", "After", "Content"].indexOf(where) < 0) fail("InvalidArgument", "ContentControl.getRange");
      const self = this;
      const range = new WordRange(this._ctx);
      range._creator = this;
      return created(range, function () { return { kind: where === "Content" ? "content" : "whole", id: self._target().id }; });
    }
    getComments() {
      const self = this;
      const collection = new WordCommentCollection(this._ctx, null);
      this._ctx._enqueue(function () { collection._range = { kind: "whole", id: self._target().id }; });
      return collection;
    }
  }
  function controlSetter(name) {
    return function (value) {
      this._set(name, value, function (control, v) {
        if (control.cannotEdit && (name === "tag" || name === "title")) fail("AccessDenied", "ContentControl." + name);
        control[name] = name === "cannotDelete" || name === "cannotEdit" ? !!v : String(v);
      });
    };
  }
  properties(WordContentControl, ["id", "tag", "title", "text", "appearance", "cannotDelete", "cannotEdit", "type"], {
    tag: controlSetter("tag"), title: controlSetter("title"), appearance: controlSetter("appearance"),
    cannotDelete: controlSetter("cannotDelete"), cannotEdit: controlSetter("cannotEdit"),
  });
  navigation(WordContentControl, {
    contentControls: function () {
      const self = this;
      const collection = new WordControlCollection(this._ctx, { kind: "control", id: -1 });
      this._ctx._enqueue(function () { collection._scope = { kind: "control", id: self._target().id }; });
      return collection;
    },
    parentContentControlOrNullObject: function () {
      const self = this;
      const parent = new WordContentControl(this._ctx);
      parent._creator = this;
      return created(parent, function () {
        const found = wordFind(self._target().id);
        return found.parents[found.parents.length - 1] || fail("ItemNotFound", "ContentControl.parentContentControlOrNullObject");
      }, true);
    },
  });

  /** A range: { kind: "body" }, a control { kind: "whole" | "content", id }, or { kind: "paragraph", id }. */
  class WordRange extends ClientObject {
    constructor(ctx) { super(ctx, "Range"); }
    _target() {
      const range = super._target();
      if (range.kind !== "body" && !wordFind(range.id)) fail("ItemNotFound", "Range");
      return range;
    }
    _where(range) { return wordDescribeRange(range); }
    _read(name, range) {
      const found = range.kind === "body" ? null : wordFind(range.id);
      const text = range.kind === "body" ? wordText(wordDoc.blocks) : found.block.kind === "p" ? found.block.text : wordText(found.block.children);
      if (name === "text") return text;
      if (name === "isEmpty") return text === "";
      return undefined;
    }
    /** Where a comment on this range is anchored: a control's content, a paragraph, the body's first paragraph. */
    _anchor(range) {
      if (range.kind === "whole" || range.kind === "content") return { kind: "content", id: range.id };
      if (range.kind === "paragraph") return { kind: "paragraph", id: range.id };
      const first = wordWalk().find(function (e) { return e.block.kind === "p"; });
      return { kind: "paragraph", id: first.block.id };
    }
    insertComment(text) {
      const self = this;
      const entry = record("range.insertComment", { text: text });
      const comment = new WordComment(this._ctx);
      comment._creator = this;
      return created(comment, function () {
        const range = self._target();
        Object.assign(entry, wordDescribeRange(range));
        if (wordConfig.commentsNotAllowed) {
          entry.error = "NotAllowed";
          fail("NotAllowed", "Range.insertComment");
        }
        const added = { id: newCommentId(), number: nextCommentNumber++, content: String(text), authorName: wordConfig.author || "Stub User",
          authorEmail: wordConfig.authorEmail || "", resolved: false, creationDate: new Date().toISOString(), anchor: self._anchor(range), by: "addin" };
        wordDoc.comments.push(added);
        entry.id = added.id;
        return added;
      });
    }
    select(mode) {
      this._call("select", { mode: mode || "Select" }, function (range) {
        wordDoc.selection = range.kind === "body" ? { kind: "body" } : { kind: range.kind === "paragraph" ? "paragraph" : "control", id: range.id };
      });
    }
    getComments() {
      const self = this;
      const collection = new WordCommentCollection(this._ctx, null);
      this._ctx._enqueue(function () { collection._range = self._isNull() ? { kind: "paragraph", id: -1 } : self._target(); });
      return collection;
    }
  }
  properties(WordRange, ["text", "isEmpty"]);
  navigation(WordRange, {
    /** The innermost control around the range; for a control's whole range, the control around that one. */
    parentContentControlOrNullObject: function () {
      const self = this;
      const parent = new WordContentControl(this._ctx);
      parent._creator = this;
      return created(parent, function () {
        const range = self._target();
        if (range.kind === "body") fail("ItemNotFound", "Range.parentContentControlOrNullObject");
        const found = wordFind(range.id);
        if (range.kind === "content") return found.block;
        return found.parents[found.parents.length - 1] || fail("ItemNotFound", "Range.parentContentControlOrNullObject");
      }, true);
    },
  });

  class WordCommentCollection extends ClientObject {
    constructor(ctx, range) {
      super(ctx, "CommentCollection");
      this._range = range;
      this._bound = wordDoc;
      this._nullKnown = true;
      this._items = undefined;
    }
    _api(member) { return "comments." + member; }
    get items() {
      if (this._items === undefined) throw notLoaded(this._type, "items");
      return this._items;
    }
    _loadNow(paths) {
      const itemPaths = paths.map(function (p) { return p === "items" ? "" : p.replace(/^items\//, ""); }).filter(Boolean);
      const ctx = this._ctx;
      this._items = wordCommentsIn(this._range).map(function (c) {
        const proxy = new WordComment(ctx);
        proxy._bound = c;
        proxy._nullKnown = true;
        proxy._loadNow(itemPaths);
        return proxy;
      });
    }
    getFirst() {
      const self = this;
      return created(new WordComment(this._ctx), function () {
        return wordCommentsIn(self._range)[0] || fail("ItemNotFound", "CommentCollection.getFirst");
      });
    }
    getFirstOrNullObject() {
      const self = this;
      return created(new WordComment(this._ctx), function () {
        return wordCommentsIn(self._range)[0] || fail("ItemNotFound", "CommentCollection.getFirstOrNullObject");
      }, true);
    }
  }
  properties(WordCommentCollection, []);

  class WordComment extends ClientObject {
    constructor(ctx) { super(ctx, "Comment"); }
    _target() {
      const comment = super._target();
      if (wordDoc.comments.indexOf(comment) < 0) fail("ItemNotFound", "Comment");
      return comment;
    }
    _describe() { return this._bound ? { id: this._bound.id } : {}; }
    _where(comment) { return { id: comment.id }; }
    _read(name, comment) { return comment[name]; }
    getRange() {
      const self = this;
      const range = new WordRange(this._ctx);
      range._creator = this;
      return created(range, function () {
        const anchor = self._target().anchor;
        return { kind: anchor.kind, id: anchor.id };
      });
    }
    delete() {
      this._call("delete", {}, function (comment) { wordDoc.comments.splice(wordDoc.comments.indexOf(comment), 1); });
    }
  }
  properties(WordComment, ["id", "content", "authorName", "authorEmail", "resolved", "creationDate"], {
    content: function (value) { this._set("content", value, function (c, v) { c.content = String(v); }); },
    resolved: function (value) { this._set("resolved", value, function (c, v) { c.resolved = !!v; }); },
  });

  if (host === "Word") {
    wordDoc.blocks = wordBlocksFromConfig(wordConfig.body);
    if (wordDoc.blocks.length === 0) wordDoc.blocks = [wordParagraph("")];

    window.Word = {
      RequestContext: RequestContext,
      InsertLocation: { replace: "Replace", start: "Start", end: "End", before: "Before", after: "After" },
      SelectionMode: { select: "Select", start: "Start", end: "End" },
      RangeLocation: { whole: "Whole", start: "Start", end: "End", before: "Before", after: "After", content: "Content" },
      ContentControlAppearance: { boundingBox: "BoundingBox", tags: "Tags", hidden: "Hidden" },
      ErrorCodes: {
        accessDenied: "AccessDenied", generalException: "GeneralException", invalidArgument: "InvalidArgument",
        itemNotFound: "ItemNotFound", notAllowed: "NotAllowed", notImplemented: "NotImplemented",
      },
      run: function () { return runBatch("Word.run", arguments); },
    };

    function controlFor(key) {
      const control = wordControls().find(function (c) { return c.tag === key || c.title === key; });
      if (!control) throw new Error("office-stub: no content control with the tag or title '" + key + "'");
      return control;
    }
    hooks.word = {
      /** The body as blocks: paragraphs { text } and controls { id, tag, title, unlisted, blocks }. */
      body: function () {
        return (function view(blocks) {
          return blocks.map(function (b) {
            return b.kind === "p" ? { text: b.text } : { id: b.id, tag: b.tag, title: b.title, unlisted: b.unlisted, blocks: view(b.children) };
          });
        })(wordDoc.blocks);
      },
      /** Every content control in document order, with its text and the id of the control around it. */
      controls: function () {
        return wordWalk().filter(function (e) { return e.block.kind === "cc"; }).map(function (e) {
          const parent = e.parents[e.parents.length - 1];
          return { id: e.block.id, tag: e.block.tag, title: e.block.title, text: wordText(e.block.children), parentId: parent ? parent.id : null, unlisted: e.block.unlisted };
        });
      },
      /** Every comment in document order with the control it sits in (innermost), or null outside any. */
      comments: function () {
        return wordCommentsIn({ kind: "body" }).map(function (c) {
          const found = wordFind(c.anchor.id);
          const control = found.block.kind === "cc" ? found.block : found.parents[found.parents.length - 1];
          return { id: c.id, content: c.content, authorName: c.authorName, resolved: c.resolved, by: c.by,
            control: control ? wordDescribeControl(control) : null, text: found.block.kind === "p" ? found.block.text : wordText(found.block.children) };
        });
      },
      /**
       * A user writes a comment: on the first paragraph inside the control with this tag (or title), or with null on
       * the first paragraph outside any control. Returns the comment's id.
       */
      addComment: function (key, content, options) {
        let paragraph;
        if (key === null || key === undefined) {
          const outside = wordWalk().find(function (e) { return e.block.kind === "p" && e.parents.length === 0; });
          if (!outside) throw new Error("office-stub: no paragraph outside the content controls");
          paragraph = outside.block;
        } else {
          const control = controlFor(key);
          paragraph = wordWalk().find(function (e) { return e.block.kind === "p" && e.parents.indexOf(control) >= 0; }).block;
        }
        const comment = { id: newCommentId(), number: nextCommentNumber++, content: String(content),
          authorName: (options && options.author) || "审阅人", authorEmail: (options && options.email) || "",
          resolved: !!(options && options.resolved), creationDate: new Date().toISOString(), anchor: { kind: "paragraph", id: paragraph.id }, by: "user" };
        wordDoc.comments.push(comment);
        record("user.addComment", { id: comment.id, key: key === undefined ? null : key, content: comment.content });
        return comment.id;
      },
      /** What is selected: { kind: "control", id, tag, title }, a paragraph, the body, or null. */
      selection: function () {
        const sel = wordDoc.selection;
        if (!sel) return null;
        if (sel.kind === "body") return { kind: "body" };
        const found = wordFind(sel.id);
        if (!found) return null;
        return found.block.kind === "cc" ? Object.assign({ kind: "control" }, wordDescribeControl(found.block)) : { kind: "paragraph", text: found.block.text };
      },
    };
    return;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // The Excel namespace
  // ---------------------------------------------------------------------------------------------------------------

  window.Excel = {
    RequestContext: RequestContext,
    WorksheetPositionType: { none: "None", before: "Before", after: "After", beginning: "Beginning", end: "End" },
    ChartType: {
      columnClustered: "ColumnClustered", columnStacked: "ColumnStacked", barClustered: "BarClustered",
      barStacked: "BarStacked", line: "Line", lineMarkers: "LineMarkers", pie: "Pie", doughnut: "Doughnut",
      area: "Area", radar: "Radar", xyscatter: "XYScatter",
    },
    ChartSeriesBy: { auto: "Auto", columns: "Columns", rows: "Rows" },
    ClearApplyTo: { all: "All", formats: "Formats", contents: "Contents" },
    EventSource: { local: "Local", remote: "Remote" },
    EventTriggerSource: { unknown: "Unknown", thisLocalAddin: "ThisLocalAddin" },
    DataChangeType: { unknown: "Unknown", rangeEdited: "RangeEdited" },
    ProtectionSelectionMode: { normal: "Normal", unlocked: "Unlocked", none: "None" },
    SheetVisibility: { visible: "Visible", hidden: "Hidden", veryHidden: "VeryHidden" },
    ErrorCodes: {
      accessDenied: "AccessDenied", generalException: "GeneralException", invalidArgument: "InvalidArgument",
      invalidOperation: "InvalidOperation", itemAlreadyExists: "ItemAlreadyExists", itemNotFound: "ItemNotFound",
    },
    /** Excel.run(batch) / Excel.run(options, batch) / Excel.run(object, batch): see runBatch. */
    run: function () { return runBatch("Excel.run", arguments); },
  };

  // ---------------------------------------------------------------------------------------------------------------
  // The starting workbook: __officeStubConfig.sheets, else one empty Sheet1 (a new workbook).
  // ---------------------------------------------------------------------------------------------------------------

  /** cells: { A1: value | { value, formula, locked, fill, bold, numberFormat } }. */
  function preloadSheet(spec) {
    const sheet = newSheet(spec.name);
    const cells = spec.cells || {};
    Object.keys(cells).forEach(function (address) {
      const parsed = parseAddress(address);
      if (!parsed || parsed.area.r1 !== parsed.area.r2 || parsed.area.c1 !== parsed.area.c2) {
        throw new Error("office-stub: bad cell address in __officeStubConfig.sheets: " + address);
      }
      const given = cells[address];
      const cell = cellFor(sheet, parsed.area.r1, parsed.area.c1);
      const spec_ = given !== null && typeof given === "object" ? given : { value: given };
      if (spec_.formula) cell.formula = spec_.formula;
      if (spec_.value !== undefined) cell.value = spec_.value;
      ["locked", "fill", "bold", "numberFormat"].forEach(function (k) {
        if (spec_[k] !== undefined) { cell.style[k] = k === "fill" ? normalColour(spec_[k]) || null : spec_[k]; cell.formatted = true; }
      });
    });
    if (spec.protected || spec.protection) {
      const options = defaultProtectionOptions();
      for (const k in spec.protection || {}) options[k] = spec.protection[k];
      sheet.protection = { protected: true, options: options, password: spec.password || null };
    }
    if (spec.frozenRows) sheet.frozenRows = spec.frozenRows;
    if (spec.visibility) sheet.visibility = spec.visibility;
    return sheet;
  }
  const configuredSheets = Array.isArray(config.sheets) ? config.sheets
    : config.sheets ? Object.keys(config.sheets).map(function (name) { return { name: name, cells: config.sheets[name] }; })
    : [];
  book.sheets = configuredSheets.length > 0 ? configuredSheets.map(preloadSheet) : [newSheet("Sheet1")];
  book.activeSheetId = book.sheets[0].id;
  book.customXmlParts = (config.customXmlParts || []).map(function (p) {
    return typeof p === "string" ? newPart(p) : newPart(p.xml, p.id);
  });

  // ---------------------------------------------------------------------------------------------------------------
  // Test hooks
  // ---------------------------------------------------------------------------------------------------------------

  function hookSheet(name) {
    const sheet = findSheet(name);
    if (!sheet) throw new Error("office-stub: no sheet '" + name + "'");
    return sheet;
  }
  function eachCell(sheet, fn) {
    const keys = Array.from(sheet.cells.keys()).sort(function (a, b) { return a - b; });
    keys.forEach(function (key) { fn(cellName(Math.floor(key / MAX_COLUMNS), key % MAX_COLUMNS), sheet.cells.get(key)); });
  }

  /** { address: value } of every cell with a value, row by row. */
  hooks.cells = function (name) {
    const out = {};
    eachCell(hookSheet(name), function (address, cell) { if (cell.value !== "") out[address] = cell.value; });
    return out;
  };
  /** { address: "=…" } of every formula cell. */
  hooks.formulas = function (name) {
    const out = {};
    eachCell(hookSheet(name), function (address, cell) { if (cell.formula !== null) out[address] = cell.formula; });
    return out;
  };
  /** { address: "#RRGGBB" } of every cell with a fill (from the file's styles or set by the pane). */
  hooks.fills = function (name) {
    const out = {};
    eachCell(hookSheet(name), function (address, cell) { if (cell.style.fill) out[address] = cell.style.fill; });
    return out;
  };
  /** Everything the stub knows about one cell. */
  hooks.cell = function (name, address) {
    const sheet = hookSheet(name);
    const parsed = parseAddress(address);
    if (!parsed) throw new Error("office-stub: bad address " + address);
    const r = parsed.area.r1;
    const c = parsed.area.c1;
    const cell = sheet.cells.get(cellKey(r, c));
    return Object.assign({ value: valueAt(sheet, r, c), formula: cell ? cell.formula : null }, copy(styleAt(sheet, r, c)));
  };
  hooks.charts = function (name) {
    return copy(hookSheet(name).charts);
  };
  hooks.sheets = function () {
    return book.sheets.map(function (s, i) {
      return {
        name: s.name, id: s.id, position: i, visibility: s.visibility, active: s.id === book.activeSheetId,
        protected: s.protection.protected, protectionOptions: copy(s.protection.options),
        frozenRows: s.frozenRows, frozenColumns: s.frozenColumns, onChangedHandlers: s.handlers.length,
      };
    });
  };
  hooks.selection = function () {
    const sheet = book.selection && findSheet(book.selection.sheetId);
    return sheet ? { sheet: sheet.name, address: areaName(book.selection.area) } : null;
  };
  hooks.customXmlParts = function () {
    return copy(book.customXmlParts);
  };
  /** The workbook as getFileAsync serves it with fileFromModel, as base64. */
  hooks.file = function () {
    const bytes = workbookBytes();
    let binary = "";
    for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
    return btoa(binary);
  };
  hooks.enableEvents = function () {
    return book.enableEvents;
  };
  /**
   * Types values into a sheet as a user would: the same conversion as Excel's cell entry, refused (an error with
   * code AccessDenied) on a locked cell of a protected sheet; then onChanged fires, asynchronously, with
   * triggerSource "Unknown" (absent below ExcelApi 1.14). options.source: "Local" (default) or "Remote".
   */
  hooks.edit = function (name, address, values, options) {
    const sheet = hookSheet(name);
    const parsed = parseAddress(address);
    if (!parsed) throw new Error("office-stub: bad address " + address);
    const source = (options && options.source) || "Local";
    const entry = record("user.edit", { sheet: sheet.name, address: areaName(parsed.area), values: copy(values), source: source });
    try {
      writeCells(sheet, parsed.area, values, "user", source, "edit", false);
    } catch (error) {
      entry.error = error.code || "GeneralException";
      if (error.code === "AccessDenied") {
        const refused = new Error("office-stub: " + sheetPrefix(sheet.name) + areaName(parsed.area) +
          " is locked on a protected sheet; a user cannot type there");
        refused.code = "AccessDenied";
        throw refused;
      }
      throw error;
    }
  };
})();
