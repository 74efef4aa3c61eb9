import { cpSync, createReadStream, existsSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";

const here = dirname(fileURLToPath(import.meta.url));
const officeJsDist = join(dirname(createRequire(import.meta.url).resolve("@microsoft/office-js/package.json")), "dist");

/**
 * Ships @microsoft/office-js's dist/ as dist/office-js/ (the panes load ../office-js/office.js and fall back to
 * the CDN), so Office works on intranets without internet. The dev server serves the same files.
 */
function officeJs(): Plugin {
  return {
    name: "officeeval:office-js",
    writeBundle(options) {
      if (!options.dir) throw new Error("officeeval:office-js needs an output directory");
      cpSync(officeJsDist, join(options.dir, "office-js"), { recursive: true });
    },
    configureServer(server) {
      server.middlewares.use("/office-js", (req, res, next) => {
        const file = normalize(join(officeJsDist, decodeURIComponent((req.url ?? "/").split("?")[0] ?? "/")));
        if (!file.startsWith(officeJsDist) || !existsSync(file) || !statSync(file).isFile()) return next();
        res.setHeader("Content-Type", file.endsWith(".js") ? "text/javascript" : "application/octet-stream");
        createReadStream(file).pipe(res);
      });
    },
  };
}

// `npm run dev` serves the panes in a browser; OFFICEEVAL_API_URL (e.g. https://localhost:5001) proxies /api to a
// running API. Office itself loads the build that the API serves.
const apiUrl = process.env.OFFICEEVAL_API_URL;

// Pages are served by the API under /addin/, so every URL in the build is relative (base './').
export default defineConfig({
  root: resolve(here, "src"),
  base: "./",
  publicDir: resolve(here, "public"),
  plugins: [officeJs()],
  server: apiUrl ? { proxy: { "/api": { target: apiUrl, changeOrigin: true, secure: false } } } : {},
  build: {
    outDir: resolve(here, "dist"),
    emptyOutDir: true,
    rollupOptions: {
      input: {
        excel: resolve(here, "src/excel/taskpane.html"),
        word: resolve(here, "src/word/taskpane.html"),
        // The Office dialog that signs in with Microsoft where Office cannot broker it (shared/entra.ts).
        auth: resolve(here, "src/auth/dialog.html"),
      },
    },
  },
});
