// Runs right after the bundled ../office-js/office.js tag. If that copy did not load (a build without it, or a
// proxy stripping it), fall back to Microsoft's CDN. document.write keeps the script parser-blocking, so
// Office is defined before the pane's module runs. Kept as a file, not inline, so a strict CSP needs no hash.
if (typeof window.Office === "undefined") {
  document.write('<script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"><\/script>');
}
