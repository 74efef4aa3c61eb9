// `npm run validate`: manifest/manifest.xml against manifest/schemas/OfficeAppManifestV1_1.xsd.
import { readManifest, validateManifestXml } from "./manifest-validation.mjs";

const { valid, errors } = await validateManifestXml(await readManifest());
if (valid) {
  console.log("manifest/manifest.xml is valid (OfficeAppManifestV1_1.xsd)");
} else {
  console.error("manifest/manifest.xml is NOT valid:");
  for (const e of errors) console.error(`  ${e}`);
  process.exitCode = 1;
}
