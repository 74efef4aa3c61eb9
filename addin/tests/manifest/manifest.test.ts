import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { readManifest, validateManifestXml } from "../../scripts/manifest-validation.mjs";

// The same XSD validation as `npm run validate` (libxml2 in WebAssembly, offline), plus the checks the XSD cannot
// make: every URL under the origin the API rewrites, and pointing at files the build produces.

const ORIGIN = "https://localhost:3000";
/** Placeholders the API replaces with OfficeEval:Entra:ClientId and Instance, or leaves out with Entra off. */
const CLIENT_ID = "00000000-0000-0000-0000-000000000000";
const ENTRA_LOGIN = "https://login.microsoftonline.com";
const publicDir = fileURLToPath(new URL("../../public/", import.meta.url));
const srcDir = fileURLToPath(new URL("../../src/", import.meta.url));

let manifest: string;
/** The manifest without XML comments, for the content checks. */
let elements: string;

beforeAll(async () => {
  manifest = await readManifest();
  elements = manifest.replace(/<!--[\s\S]*?-->/g, "");
});

describe("manifest.xml against OfficeAppManifestV1_1.xsd", () => {
  it("is valid", async () => {
    const result = await validateManifestXml(manifest);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("rejects a copy with AppDomains out of schema order", async () => {
    const appDomains = manifest.match(/\s*<AppDomains>[\s\S]*?<\/AppDomains>/)?.[0];
    expect(appDomains).toBeDefined();
    const broken = manifest
      .replace(appDomains!, "")
      .replace("</Hosts>\n  <DefaultSettings>", `</Hosts>${appDomains}\n  <DefaultSettings>`);
    expect(broken).not.toBe(manifest);
    const result = await validateManifestXml(broken);
    expect(result.valid).toBe(false);
    expect(result.errors.join("\n")).toMatch(/AppDomains/);
  });

  it("rejects a copy without an Id", async () => {
    const result = await validateManifestXml(manifest.replace(/<Id>[^<]*<\/Id>/, ""));
    expect(result.valid).toBe(false);
    expect(result.errors.join("\n")).toMatch(/Expected is \( \{[^}]+\}Id \)/);
  });

  it("rejects a copy with an unknown element inside VersionOverrides (the imported schemas are used)", async () => {
    const result = await validateManifestXml(manifest.replace("<DesktopFormFactor>", "<DesktopFormFactor><Bogus />"));
    expect(result.valid).toBe(false);
  });
});

describe("manifest content", () => {
  it("has every URL under the origin the API rewrites (but Entra's sign-in domain)", () => {
    const urls = [...elements.matchAll(/(?:DefaultValue|Value)="(https?:[^"]+)"|<AppDomain>([^<]+)</g)].map(
      (m) => m[1] ?? m[2],
    );
    expect(urls.length).toBeGreaterThan(5);
    expect(urls.filter((url) => url === ENTRA_LOGIN)).toHaveLength(1);
    for (const url of urls.filter((u) => u !== ENTRA_LOGIN)) expect(url).toMatch(new RegExp(`^${ORIGIN}(/|$)`));
  });

  it("names the API's Entra ID app registration after the resources, with the placeholders the API fills", () => {
    const info = elements.match(/<\/Resources>\s*<WebApplicationInfo>([\s\S]*?)<\/WebApplicationInfo>\s*<\/VersionOverrides>/)?.[1];
    expect(info).toBeDefined();
    expect(info).toContain(`<Id>${CLIENT_ID}</Id>`);
    expect(info).toContain(`<Resource>api://localhost:3000/${CLIENT_ID}</Resource>`);
    expect([...info!.matchAll(/<Scope>([^<]+)<\/Scope>/g)].map((m) => m[1])).toEqual(["openid", "profile"]);
    expect(elements).toContain(`<AppDomain>${ENTRA_LOGIN}</AppDomain>`);
    // The Office dialog's page (the sign-in fallback) is part of the build.
    expect(existsSync(`${srcDir}auth/dialog.html`)).toBe(true);
  });

  it("opens the Excel pane by default and gives each host its own pane", () => {
    expect(elements).toMatch(
      /<SourceLocation DefaultValue="https:\/\/localhost:3000\/addin\/excel\/taskpane.html" \/>/,
    );
    const urlOf = (id: string) => elements.match(new RegExp(`<bt:Url id="${id}" DefaultValue="([^"]+)"`))?.[1];
    const paneOf = (host: string) =>
      elements.match(new RegExp(`<Host xsi:type="${host}">[\\s\\S]*?<SourceLocation resid="([^"]+)"`))?.[1];
    expect(urlOf(paneOf("Workbook")!)).toBe(`${ORIGIN}/addin/excel/taskpane.html`);
    expect(urlOf(paneOf("Document")!)).toBe(`${ORIGIN}/addin/word/taskpane.html`);
    for (const host of ["excel", "word"]) expect(existsSync(`${srcDir}${host}/taskpane.html`)).toBe(true);
  });

  it("points at icons that the build ships (public/assets → dist/assets), with their real sizes", () => {
    const icons = [...elements.matchAll(/https:\/\/localhost:3000\/addin\/assets\/(icon-(\d+)\.png)/g)];
    expect(new Set(icons.map((m) => m[1]))).toEqual(
      new Set(["icon-16.png", "icon-32.png", "icon-64.png", "icon-80.png"]),
    );
    for (const [, file, size] of icons) {
      const png = readFileSync(`${publicDir}assets/${file}`);
      expect(png.subarray(1, 4).toString("ascii")).toBe("PNG");
      expect(png.readUInt32BE(16)).toBe(Number(size)); // IHDR width
      expect(png.readUInt32BE(20)).toBe(Number(size)); // IHDR height
    }
  });

  it("is zh-CN by default with en-US overrides, and installs in both hosts", () => {
    expect(elements).toContain("<DefaultLocale>zh-CN</DefaultLocale>");
    expect(elements).toMatch(/<DisplayName DefaultValue="[^"]+">\s*<Override Locale="en-US"/);
    expect(elements).toContain('<Host Name="Workbook" />');
    expect(elements).toContain('<Host Name="Document" />');
    // Host-specific requirement sets would block installation in the other host; they are checked at run time.
    expect(elements).not.toContain("<Requirements>");
    expect(elements).toContain("<Permissions>ReadWriteDocument</Permissions>");
  });
});
