// A stand-in for office.js, served by the e2e tests (Playwright route) instead of the bundled copy and the CDN:
// just enough of the Common API and of Excel for the panes, and a record in window.__officeStub.calls of what the
// pane asked of the host. The harness prepends `window.__officeStubConfig = {...}` (host, partition key, sets).
// Plain ES2017 browser script on purpose: it is served as is, not bundled.
(function () {
  "use strict";
  var config = window.__officeStubConfig || {};
  var host = config.host || "Excel";
  var platform = config.platform || "OfficeOnline";
  // Highest supported version per requirement set, e.g. { ExcelApi: "1.17" }.
  var sets = config.requirementSets || {};
  var calls = [];
  /** The open document's bytes as base64, served to getFileAsync; insertWorksheetsFromBase64 appends to it. */
  var documentBase64 = config.documentBase64 || null;
  window.__officeStub = { calls: calls };

  function record(api, details) {
    var entry = { api: api };
    for (var key in details || {}) entry[key] = details[key];
    calls.push(entry);
  }

  function versionAtMost(wanted, supported) {
    var a = String(wanted || "1.1").split(".").map(Number);
    var b = String(supported).split(".").map(Number);
    for (var i = 0; i < Math.max(a.length, b.length); i++) {
      var x = a[i] || 0;
      var y = b[i] || 0;
      if (x !== y) return x < y;
    }
    return true;
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
    var binary = atob(base64);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }

  /** Worksheet part names in an .xlsx (zip entry names are stored uncompressed), e.g. xl/worksheets/sheet1.xml. */
  function worksheetParts(base64) {
    var names = atob(base64).match(/xl\/worksheets\/sheet\d+\.xml/g) || [];
    return names.filter(function (name, index) { return names.indexOf(name) === index; });
  }

  var document_ = {
    url: "https://stub.invalid/Book1.xlsx",
    // Office.context.document.getFileAsync(fileType, [options], callback): the open document in slices.
    getFileAsync: function (fileType, options, callback) {
      if (typeof options === "function") { callback = options; options = {}; }
      var sliceSize = (options && options.sliceSize) || 4 * 1024 * 1024;
      record("getFileAsync", { fileType: fileType, sliceSize: sliceSize });
      if (fileType !== "compressed") return later(callback, failed("stub: only Office.FileType.Compressed"));
      if (!documentBase64) return later(callback, failed("stub: no document is open"));
      var bytes = base64ToBytes(documentBase64);
      var sliceCount = Math.max(1, Math.ceil(bytes.length / sliceSize));
      var closed = false;
      var file = {
        size: bytes.length,
        sliceCount: sliceCount,
        getSliceAsync: function (index, cb) {
          record("getSliceAsync", { index: index });
          if (closed || index < 0 || index >= sliceCount) return later(cb, failed("stub: bad slice " + index));
          var data = Array.prototype.slice.call(bytes.subarray(index * sliceSize, (index + 1) * sliceSize));
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

  window.Office = {
    HostType: { Word: "Word", Excel: "Excel", PowerPoint: "PowerPoint", Outlook: "Outlook", OneNote: "OneNote", Project: "Project", Access: "Access" },
    PlatformType: { PC: "PC", OfficeOnline: "OfficeOnline", Mac: "Mac", iOS: "iOS", Android: "Android", Universal: "Universal" },
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    FileType: { Compressed: "compressed", Pdf: "pdf", Text: "text" },
    onReady: function (callback) {
      var info = { host: host, platform: platform };
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
          var supported = Object.prototype.hasOwnProperty.call(sets, name) && versionAtMost(version, sets[name]);
          record("isSetSupported", { name: name, version: version, result: supported });
          return supported;
        },
      },
      document: document_,
    },
  };

  if (host !== "Excel") return;

  // Excel.run(batch) with a request context whose proxies record calls; sync() resolves at once.
  function requestContext() {
    return {
      workbook: {
        insertWorksheetsFromBase64: function (base64, options) {
          var parts = typeof base64 === "string" ? worksheetParts(base64) : [];
          record("insertWorksheetsFromBase64", { base64: base64, options: options, sheetParts: parts.length });
          documentBase64 = base64; // the workbook now holds the template's sheets
          return { value: parts.map(function (_part, i) { return "Inserted" + (i + 1); }) };
        },
        worksheets: {
          getItem: function (name) {
            return {
              activate: function () { record("worksheet.activate", { sheet: name }); },
              getRange: function (address) {
                return { select: function () { record("range.select", { sheet: name, address: address }); } };
              },
            };
          },
        },
      },
      sync: function () {
        record("sync");
        return Promise.resolve();
      },
    };
  }

  window.Excel = {
    WorksheetPositionType: { none: "None", before: "Before", after: "After", beginning: "Beginning", end: "End" },
    run: function () {
      var batch = arguments[arguments.length - 1];
      record("Excel.run");
      try {
        return Promise.resolve(batch(requestContext()));
      } catch (error) {
        return Promise.reject(error);
      }
    },
  };
})();
