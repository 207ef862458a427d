// The validator: the real manifests pass, and each kind of mistake is caught.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { bytes, check, loadSet, productionVariables } from "../lib.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = path.resolve(here, "../..");
const readme = fs.readFileSync(path.resolve(dir, "../../README.md"), "utf8");
const external = ["secrets.template.yaml"];

function base(replace = {}) {
  const set = loadSet(dir, { replace, external });
  return { ...set, objects: set.objects.map((o) => ({ ...o, doc: structuredClone(o.doc) })) };
}
function obj(set, kind, name) {
  const o = set.objects.find((x) => x.doc.kind === kind && x.doc.metadata.name === name);
  assert.ok(o, `${kind}/${name} is in the set`);
  return o.doc;
}
function container(set, name) {
  return obj(set, "Deployment", name).spec.template.spec.containers[0];
}
function rejects(set, pattern) {
  const errors = check(set, { readme });
  assert.ok(errors.some((e) => pattern.test(e)), `expected an error matching ${pattern}, got:\n${errors.join("\n")}`);
}

test("the manifests as applied and with each alternative pass", () => {
  for (const replace of [{}, { "discovery-consul.yaml": "alternatives/discovery-dns.yaml" },
    { "documents.yaml": "alternatives/documents-local-storage.yaml" }]) {
    assert.deepEqual(check(base(replace), { readme }), []);
  }
});

test("the broken fixture fails from the command line, naming each mistake", () => {
  const run = spawnSync(process.execPath, [path.resolve(here, "../validate.mjs"), path.join(here, "fixtures/broken")], { encoding: "utf8" });
  assert.equal(run.status, 1, run.stdout + run.stderr);
  assert.match(run.stdout, /broken\.yaml: HorizontalPodAutoscaler\/grants: schema: data\/spec\/minReplicas must be integer/);
  assert.match(run.stdout, /broken\.yaml: Service\/jurisdiction: schema: unknown field spec\.sessionAffinty/);
  assert.match(run.stdout, /broken\.yaml: Service\/grants: selector matches 0 Deployments/);
  assert.match(run.stdout, /broken\.yaml: Deployment\/grants: container grants: readinessProbe must GET \/health\/readiness, not \/health/);
  assert.match(run.stdout, /broken\.yaml: Deployment\/grants: container grants: no livenessProbe/);
  assert.match(run.stdout, /broken\.yaml: Deployment\/grants: container grants: securityContext\.readOnlyRootFilesystem must be true/);
  assert.match(run.stdout, /manifests: 0 passed, 3 failed/);
});

test("a field the schema does not know is refused", () => {
  const set = base();
  container(set, "documents").imagee = "x";
  rejects(set, /documents\.yaml: Deployment\/documents: schema: unknown field spec\.template\.spec\.containers\[0\]\.imagee/);
});

test("a field at the wrong level is refused", () => {
  const set = base();
  obj(set, "Deployment", "grants").spec.template.spec.readOnlyRootFilesystem = true;
  rejects(set, /unknown field spec\.template\.spec\.readOnlyRootFilesystem/);
});

test("a Service that selects no Deployment is refused", () => {
  const set = base();
  obj(set, "Service", "grants").spec.selector["app.kubernetes.io/name"] = "grant";
  rejects(set, /Service\/grants: selector matches 0 Deployments/);
});

test("a Service port that names no container port is refused", () => {
  const set = base();
  obj(set, "Service", "jurisdiction").spec.ports[0].targetPort = "web";
  rejects(set, /Service\/jurisdiction: port http: targetPort web is not a port/);
});

test("an autoscaler or a disruption budget aimed at nothing is refused", () => {
  const set = base();
  obj(set, "HorizontalPodAutoscaler", "documents").spec.scaleTargetRef.name = "document";
  obj(set, "PodDisruptionBudget", "notifications").spec.selector.matchLabels["app.kubernetes.io/name"] = "notification";
  rejects(set, /HorizontalPodAutoscaler\/documents: scaleTargetRef apps\/v1 Deployment\/document is no Deployment/);
  rejects(set, /PodDisruptionBudget\/notifications: selector matches 0 Deployments/);
});

test("replicas outside the autoscaler's range are refused", () => {
  const set = base();
  obj(set, "Deployment", "gateway").spec.replicas = 1;
  rejects(set, /HorizontalPodAutoscaler\/gateway: Deployment gateway has 1 replicas, outside minReplicas 2/);
});

test("a secret key or ConfigMap that does not exist is refused", () => {
  const set = base();
  container(set, "grants").env.find((e) => e.name === "GRANTLINE_CLIENT_SECRET").valueFrom.secretKeyRef.key = "grant";
  container(set, "jurisdiction").envFrom[2].configMapRef.name = "grantline-jurisdictions";
  rejects(set, /Deployment\/grants: container grants: env GRANTLINE_CLIENT_SECRET: Secret grantline-client-secrets has no key grant/);
  rejects(set, /Deployment\/jurisdiction: container jurisdiction: envFrom names no ConfigMap grantline-jurisdictions/);
});

test("a Secret holding a value that is not a placeholder is refused", () => {
  const set = base();
  obj(set, "Secret", "grantline-gateway").stringData["admin-password"] = "correct horse battery staple";
  rejects(set, /Secret\/grantline-gateway: stringData\.admin-password must be a REPLACE_ME placeholder/);
});

test("probes elsewhere than /health/readiness and /health/liveness are refused", () => {
  const set = base();
  container(set, "notifications").readinessProbe.httpGet.path = "/health";
  delete container(set, "gateway").livenessProbe;
  rejects(set, /container notifications: readinessProbe must GET \/health\/readiness, not \/health/);
  rejects(set, /container gateway: no livenessProbe/);
});

test("a container that may write its root file system, escalate or keep capabilities is refused", () => {
  const set = base();
  container(set, "grants").securityContext.readOnlyRootFilesystem = false;
  container(set, "documents").securityContext.capabilities.drop = ["NET_RAW"];
  delete container(set, "jurisdiction").securityContext.allowPrivilegeEscalation;
  obj(set, "Deployment", "gateway").spec.template.spec.securityContext.runAsNonRoot = false;
  rejects(set, /container grants: securityContext\.readOnlyRootFilesystem must be true/);
  rejects(set, /container documents: securityContext\.capabilities must drop ALL/);
  rejects(set, /container jurisdiction: securityContext\.allowPrivilegeEscalation must be false/);
  rejects(set, /container gateway: must run as non-root/);
});

test("a container without requests and limits is refused", () => {
  const set = base();
  delete container(set, "grants").resources.limits.memory;
  container(set, "jurisdiction").resources.requests.cpu = "4";
  rejects(set, /container grants: resources\.requests\.memory and resources\.limits\.memory must both be set/);
  rejects(set, /container jurisdiction: resources\.requests\.cpu \(4\) exceeds the limit/);
});

test("a production variable of the README left unset is refused", () => {
  const set = base();
  delete obj(set, "ConfigMap", "grantline-common").data.GRANTLINE_JWKS_URL;
  const gw = container(set, "gateway");
  gw.env = gw.env.filter((e) => e.name !== "GRANTLINE_CLIENT_SECRET_NOTIFICATIONS");
  rejects(set, /Deployment\/grants: GRANTLINE_JWKS_URL is not set \(README\.md, Configuration/);
  rejects(set, /Deployment\/gateway: GRANTLINE_CLIENT_SECRET_NOTIFICATIONS is not set/);
});

test("the README's table is read: every variable, for the apps it names", () => {
  const vars = [...productionVariables(readme).values()];
  const apps = (name) => vars.filter((v) => v.name === name).flatMap((v) => v.apps);
  assert.deepEqual(apps("DATASOURCE_URL"), ["gateway", "jurisdiction", "grants", "documents", "notifications"]);
  assert.deepEqual(apps("GRANTLINE_CLIENT_SECRET_DOCUMENTS"), ["gateway"]);
  assert.deepEqual(apps("GRANTLINE_CLIENT_SECRET"), ["jurisdiction", "grants", "documents", "notifications"]);
  assert.deepEqual(apps("GRANTLINE_S3_*"), ["documents"]);
  assert.deepEqual(apps("GRANTLINE_THROTTLE_PER_ACCOUNT"), ["gateway"]);
});

test("only the table of what production must set is read, not the suite's own settings", () => {
  const names = [...productionVariables(readme).values()].map((v) => v.name);
  assert.ok(!names.includes("GRANTLINE_DATA_DIR"), "a ./suite setting is not a production variable");
  assert.ok(!names.includes("GRANTLINE_PG_PORT"));
  const doc = "## Configuration\n\n| variable | default | what |\n| --- | --- | --- |\n| `A_B` | `./data` | x |\n\n"
    + "| variable | app | what |\n| --- | --- | --- |\n| `C_D` | gateway | y |\n";
  assert.deepEqual([...productionVariables(doc).values()], [{ name: "C_D", apps: ["gateway"] }]);
});

test("a URL naming a Service port that does not exist is refused", () => {
  const set = base();
  obj(set, "ConfigMap", "grantline-common").data.GRANTLINE_GATEWAY_URL = "http://gateway:8081";
  rejects(set, /GRANTLINE_GATEWAY_URL=http:\/\/gateway:8081: no Service gateway with port 8081/);
});

test("without Consul, a service the app calls needs its static URL", () => {
  const set = base({ "discovery-consul.yaml": "alternatives/discovery-dns.yaml" });
  delete obj(set, "ConfigMap", "grantline-discovery").data.MICRONAUT_HTTP_SERVICES_DOCUMENTS_URLS;
  rejects(set, /Deployment\/grants: Consul discovery is off but MICRONAUT_HTTP_SERVICES_DOCUMENTS_URLS is not set: grants calls documents/);
});

test("a call the apps make that the network policies block is refused", () => {
  const set = base();
  const grants = obj(set, "NetworkPolicy", "grants");
  grants.spec.egress = grants.spec.egress.filter((r) => r.ports[0].port !== 8083);
  rejects(set, /network-policies: grants cannot reach documents:8083, which it calls/);
});

test("the grants outbox relay needs its way to notifications, out of grants and into notifications", () => {
  const egress = base();
  const grants = obj(egress, "NetworkPolicy", "grants");
  grants.spec.egress = grants.spec.egress.filter((r) => r.ports[0].port !== 8084);
  rejects(egress, /network-policies: grants cannot reach notifications:8084, which it calls/);
  const ingress = base();
  const notifications = obj(ingress, "NetworkPolicy", "notifications");
  notifications.spec.ingress[0].from = notifications.spec.ingress[0].from
    .filter((p) => p.podSelector.matchLabels["app.kubernetes.io/name"] !== "grants");
  rejects(ingress, /network-policies: grants cannot reach notifications:8084, which it calls/);
  const dns = base({ "discovery-consul.yaml": "alternatives/discovery-dns.yaml" });
  delete obj(dns, "ConfigMap", "grantline-discovery").data.MICRONAUT_HTTP_SERVICES_NOTIFICATIONS_URLS;
  rejects(dns, /Deployment\/grants: Consul discovery is off but MICRONAUT_HTTP_SERVICES_NOTIFICATIONS_URLS is not set: grants calls notifications/);
});

test("a path the apps never use that the network policies open is refused", () => {
  const set = base();
  obj(set, "NetworkPolicy", "jurisdiction").spec.ingress[0].from.push({ podSelector: { matchLabels: { "app.kubernetes.io/name": "documents" } } });
  obj(set, "NetworkPolicy", "documents").spec.egress.push({ to: [{ podSelector: { matchLabels: { "app.kubernetes.io/name": "jurisdiction" } } }] });
  rejects(set, /network-policies: documents may reach jurisdiction:8081, which it never calls/);
});

test("a service reachable from outside the namespace is refused", () => {
  const set = base();
  obj(set, "NetworkPolicy", "grants").spec.ingress.push({
    from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ingress-nginx" } } }], ports: [{ port: 8082 }] });
  rejects(set, /network-policies: grants is reachable from outside the namespace \(ingress-nginx\)/);
});

test("a network policy selector that selects no pod is refused", () => {
  const set = base();
  obj(set, "NetworkPolicy", "notifications").spec.egress[1].to[0].podSelector.matchLabels["app.kubernetes.io/name"] = "grant";
  rejects(set, /NetworkPolicy\/notifications: egress peer podSelector .*"grant".* selects no pod/);
  rejects(set, /network-policies: notifications cannot reach grants:8082/);
});

test("an app's own policy removed cuts the calls it makes and takes", () => {
  const set = base();
  set.objects = set.objects.filter((o) => !(o.doc.kind === "NetworkPolicy" && o.doc.metadata.name === "gateway"));
  rejects(set, /network-policies: jurisdiction cannot reach gateway:8080, which it calls/);
  rejects(set, /network-policies: gateway cannot reach grants:8082, which it calls/);
  rejects(set, /network-policies: the ingress controller cannot reach the gateway/);
});

test("a pod no policy isolates is refused", () => {
  const set = base();
  const open = ["default-deny", "grantline-common-egress", "allow-consul-checks", "allow-metrics-scrape", "notifications"];
  set.objects = set.objects.filter((o) => !(o.doc.kind === "NetworkPolicy" && open.includes(o.doc.metadata.name)));
  rejects(set, /network-policies: notifications is not isolated/);
});

test("an Ingress that publishes /health and /prometheus is refused", () => {
  const set = base();
  obj(set, "Ingress", "gateway").spec.rules[0].http.paths[0].pathType = "Prefix";
  rejects(set, /Ingress\/gateway: path \/ \(Prefix\) publishes \/health and \/prometheus/);
});

test("an Ingress host that the apps do not know as theirs is refused", () => {
  const set = base();
  obj(set, "Ingress", "gateway").spec.rules[0].host = "grants.example.com";
  rejects(set, /GRANTLINE_APP_URL=https:\/\/grantline\.example\.org is not the Ingress host/);
});

test("an object defined twice, outside the namespace, or a Secret applied from the repository is refused", () => {
  const set = base();
  const dup = set.objects.find((o) => o.doc.kind === "Service" && o.doc.metadata.name === "grants");
  set.objects.push({ ...dup, doc: structuredClone(dup.doc) });
  obj(set, "ConfigMap", "grantline-grants").metadata.namespace = "default";
  set.objects.find((o) => o.doc.kind === "Secret").external = false;
  rejects(set, /Service\/grants: defined twice/);
  rejects(set, /ConfigMap\/grantline-grants: must be in namespace grantline, not default/);
  rejects(set, /a Secret is applied from the repository/);
});

test("an image without a registry entry in kustomization.yaml is refused", () => {
  const set = base();
  container(set, "grants").image = "grantline/grant:0.1.0";
  rejects(set, /container grants: image grantline\/grant:0\.1\.0 has no entry in kustomization\.yaml's images/);
});

test("a service's client secret that is not the one the gateway knows is refused", () => {
  const set = base();
  container(set, "documents").env.find((e) => e.name === "GRANTLINE_CLIENT_SECRET").valueFrom.secretKeyRef.key = "grants";
  rejects(set, /Deployment\/documents: GRANTLINE_CLIENT_SECRET comes from grantline-client-secrets\/grants, but the gateway's GRANTLINE_CLIENT_SECRET_DOCUMENTS from grantline-client-secrets\/documents/);
});

test("two apps on one database, or with different token issuers, are refused", () => {
  const set = base();
  obj(set, "ConfigMap", "grantline-grants").data.DATASOURCE_URL = obj(set, "ConfigMap", "grantline-jurisdiction").data.DATASOURCE_URL;
  container(set, "notifications").env.push({ name: "GRANTLINE_JWT_ISSUER", value: "grantline-staging" });
  rejects(set, /Deployment\/(grants|jurisdiction): DATASOURCE_URL is (jurisdiction|grants)'s database too/);
  rejects(set, /GRANTLINE_JWT_ISSUER differs between the apps/);
});

test("upload limits that shrink from the edge inwards are refused", () => {
  assert.equal(bytes("50MB"), 50 * 2 ** 20);
  assert.equal(bytes("51m"), 51 * 2 ** 20);
  const set = base();
  obj(set, "Ingress", "gateway").metadata.annotations["nginx.ingress.kubernetes.io/proxy-body-size"] = "10m";
  obj(set, "ConfigMap", "grantline-documents").data.GRANTLINE_DOCUMENTS_MAX_FILE_SIZE = "100MB";
  rejects(set, /Ingress\/gateway: nginx\.ingress\.kubernetes\.io\/proxy-body-size is smaller than the gateway's/);
  rejects(set, /GRANTLINE_DOCUMENTS_MAX_REQUEST_SIZE \(gateway\) is smaller than GRANTLINE_DOCUMENTS_MAX_FILE_SIZE/);
});

test("an address in the configuration that the network policies do not let the app reach is refused", () => {
  const set = base();
  obj(set, "ConfigMap", "grantline-notifications").data.SMTP_PORT = "2525";
  obj(set, "ConfigMap", "grantline-documents").data.GRANTLINE_S3_ENDPOINT = "http://minio.minio:9001";
  obj(set, "ConfigMap", "grantline-grants").data.DATASOURCE_URL = "jdbc:postgresql://db.example.internal:6432/grantline_grants";
  rejects(set, /network-policies: notifications cannot reach SMTP \(TCP 2525\) outside the namespace/);
  rejects(set, /network-policies: documents cannot reach S3 \(TCP 9001\) outside the namespace/);
  rejects(set, /network-policies: grants cannot reach PostgreSQL \(TCP 6432\) outside the namespace/);
});
