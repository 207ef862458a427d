// node validate/validate.mjs [dir]: checks deploy/kubernetes as applied (kustomization.yaml) and
// with each alternative swapped in, offline. Exit code 1 on any error.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { check, loadSet } from "./lib.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = path.resolve(process.argv[2] ?? path.join(here, ".."));
const readme = fs.readFileSync(path.resolve(here, "../../../README.md"), "utf8");
const external = ["secrets.template.yaml"];

// The set as kustomization.yaml applies it, and the documented alternatives.
const variants = [
  ["as applied (Consul, documents on S3)", {}],
  ["Kubernetes DNS instead of Consul", { "discovery-consul.yaml": "alternatives/discovery-dns.yaml" }],
  ["documents on a volume", { "documents.yaml": "alternatives/documents-local-storage.yaml" }],
];
let passed = 0;
let failed = 0;
for (const [name, replace] of variants) {
  const set = loadSet(dir, { replace, external });
  const errors = check(set, { readme });
  if (errors.length) {
    failed++;
    console.log(`FAIL ${name}: ${errors.length} error(s)`);
    errors.forEach((e) => console.log(`  ${e}`));
  } else {
    passed++;
    const kinds = {};
    set.objects.forEach((o) => { kinds[o.doc.kind] = (kinds[o.doc.kind] ?? 0) + 1; });
    console.log(`ok   ${name}: ${set.objects.length} objects (${Object.entries(kinds).map(([k, n]) => `${n} ${k}`).join(", ")})`);
  }
}
console.log(`manifests: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
