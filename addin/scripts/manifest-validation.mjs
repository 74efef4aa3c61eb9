// Validates the add-in manifest against Microsoft's OfficeApp XSDs with libxml2 compiled to WebAssembly,
// so it works offline (`office-addin-manifest validate` posts the file to an online service).
// Shared by `npm run validate` and tests/manifest/manifest.test.ts.
import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { validateXML } from "xmllint-wasm";

export const manifestPath = fileURLToPath(new URL("../../manifest/manifest.xml", import.meta.url));
export const schemaDir = fileURLToPath(new URL("../../manifest/schemas/", import.meta.url));
const MAIN_SCHEMA = "OfficeAppManifestV1_1.xsd";

/** Every .xsd in the schema folder; the main schema first, the ones it imports as preloaded files. */
async function loadSchemas() {
  const names = (await readdir(schemaDir)).filter((n) => n.endsWith(".xsd")).sort();
  if (!names.includes(MAIN_SCHEMA)) throw new Error(`${MAIN_SCHEMA} not found in ${schemaDir}`);
  const files = await Promise.all(
    names.map(async (fileName) => ({ fileName, contents: await readFile(schemaDir + fileName, "utf8") })),
  );
  return {
    main: files.find((f) => f.fileName === MAIN_SCHEMA),
    imports: files.filter((f) => f.fileName !== MAIN_SCHEMA),
  };
}

/**
 * @param {string} xml manifest text
 * @returns {Promise<{ valid: boolean, errors: string[] }>}
 */
export async function validateManifestXml(xml) {
  const { main, imports } = await loadSchemas();
  const result = await validateXML({
    xml: [{ fileName: "manifest.xml", contents: xml }],
    schema: [main],
    preload: imports,
  });
  return { valid: result.valid, errors: result.errors.map((e) => e.rawMessage) };
}

export async function readManifest() {
  return readFile(manifestPath, "utf8");
}
