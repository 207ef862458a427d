// Offline checks of deploy/kubernetes: each object against the Kubernetes API schema
// (kubernetes-models, generated from the Kubernetes 1.33 OpenAPI), then what the schema cannot
// see: references between objects, the NetworkPolicy graph against the calls the apps make, the
// security and probe settings every app must have, and the README's production variables.
import fs from "node:fs";
import path from "node:path";
import { parseAllDocuments } from "yaml";
import { ConfigMap, Namespace, PersistentVolumeClaim, Secret, Service } from "kubernetes-models/v1";
import { Deployment } from "kubernetes-models/apps/v1";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1";
import { Ingress, NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1";

export const NAMESPACE = "grantline";

const MODELS = new Map(
  [Namespace, ConfigMap, Secret, Service, PersistentVolumeClaim, Deployment, HorizontalPodAutoscaler,
    PodDisruptionBudget, NetworkPolicy, Ingress].map((m) => [`${m.apiVersion}/${m.kind}`, m]),
);

/**
 * The apps and the calls they make (read from the code: @Client ids, ServiceTokens, the gateway's
 * route table). "gateway" in calls means /keys and /oauth/access_token.
 */
export const APPS = {
  gateway: { port: 8080, calls: ["jurisdiction", "grants", "documents", "notifications"] },
  jurisdiction: { port: 8081, calls: ["gateway", "documents"] },
  grants: { port: 8082, calls: ["gateway", "jurisdiction", "documents", "notifications"] },
  documents: { port: 8083, calls: ["gateway", "grants"] },
  notifications: { port: 8084, calls: ["gateway", "grants", "jurisdiction"] },
};
const SERVICES = Object.keys(APPS).filter((a) => a !== "gateway");

/**
 * Traffic that leaves the namespace, per app, as [protocol, port, why]: DNS, and the ports of the
 * addresses its environment names (database, Consul agent, S3, SMTP), and webhooks over HTTPS.
 */
function externalEgress(app, env) {
  const out = [["UDP", 53, "DNS"], ["TCP", 53, "DNS"]];
  const urlPort = (url, fallback) => {
    const m = /^[a-z:]*\/\/[^/:?]+(?::(\d+))?/.exec(url ?? "");
    return m ? Number(m[1] ?? fallback) : fallback;
  };
  out.push(["TCP", urlPort(env.get("DATASOURCE_URL")?.value, 5432), "PostgreSQL"]);
  if (env.get("CONSUL_CLIENT_REGISTRATION_ENABLED")?.value !== "false") {
    out.push(["TCP", Number(env.get("CONSUL_PORT")?.value ?? 8500), "the Consul agent"]);
  }
  if (env.get("GRANTLINE_DOCUMENTS_STORAGE")?.value === "s3") {
    const endpoint = env.get("GRANTLINE_S3_ENDPOINT")?.value;
    out.push(["TCP", urlPort(endpoint, endpoint?.startsWith("http:") ? 80 : 443), "S3"]);
  }
  if (env.has("SMTP_HOST")) {
    out.push(["TCP", Number(env.get("SMTP_PORT")?.value ?? 25), "SMTP"]);
  }
  if (app === "notifications") {
    out.push(["TCP", 443, "webhooks"]);
  }
  return out;
}

/** Variables the service READMEs name that the main README's table leaves out. */
const EXTRA_REQUIRED = { notifications: ["SMTP_HOST", "SMTP_PORT", "GRANTLINE_APP_URL"] };

// ---------------------------------------------------------------- loading

/** Every YAML document of a file, as {file, index, doc}; a YAML syntax error is an error. */
export function loadFile(file) {
  const docs = parseAllDocuments(fs.readFileSync(file, "utf8"), { merge: false });
  return docs.flatMap((d, index) => {
    if (d.errors.length) {
      return [{ file, index, error: d.errors.map((e) => e.message).join("; ") }];
    }
    const doc = d.toJS({ maxAliasCount: -1 });
    return doc == null ? [] : [{ file, index, doc }];
  });
}

/**
 * The set kustomization.yaml applies, with some resource files replaced (an alternative), plus
 * the files given in `external` (the Secrets template: objects that exist in the cluster but are
 * not applied from here).
 */
export function loadSet(dir, { replace = {}, external = [] } = {}) {
  const errors = [];
  const kfile = path.join(dir, "kustomization.yaml");
  const kustomization = loadFile(kfile)[0]?.doc ?? {};
  const allowed = new Set(["apiVersion", "kind", "resources", "images"]);
  for (const key of Object.keys(kustomization)) {
    if (!allowed.has(key)) {
      errors.push(`kustomization.yaml: '${key}' is not supported here (only plain resources and images, so that what is checked is what is applied)`);
    }
  }
  const resources = (kustomization.resources ?? []).map((r) => replace[r] ?? r);
  for (const [from] of Object.entries(replace)) {
    if (!(kustomization.resources ?? []).includes(from)) {
      errors.push(`kustomization.yaml: no resource ${from} to replace`);
    }
  }
  const objects = [];
  for (const r of resources) {
    const file = path.join(dir, r);
    if (!fs.existsSync(file)) {
      errors.push(`kustomization.yaml: resource ${r} does not exist`);
      continue;
    }
    objects.push(...loadFile(file).map((o) => ({ ...o, file: r })));
  }
  for (const e of external) {
    if (!fs.existsSync(path.join(dir, e))) {
      errors.push(`${e} does not exist`);
      continue;
    }
    objects.push(...loadFile(path.join(dir, e)).map((o) => ({ ...o, file: e, external: true })));
  }
  return { kustomization, objects, errors };
}

// ---------------------------------------------------------------- schema

/**
 * Validates one object against its schema and reports fields the schema does not know. The
 * generated validators ignore unknown properties, so the object is validated through proxies that
 * record which properties the validator read: a property it never read is not in the schema (a
 * typo, or a field at the wrong level).
 */
export function schemaErrors(doc) {
  const model = MODELS.get(`${doc.apiVersion}/${doc.kind}`);
  if (!model) {
    return [`${doc.apiVersion}/${doc.kind} is not a kind this validator knows`];
  }
  const plain = JSON.parse(JSON.stringify(new model(doc)));
  const read = new WeakMap();
  const wrap = (value) => {
    if (value === null || typeof value !== "object") {
      return value;
    }
    const seen = new Set();
    read.set(value, seen);
    return new Proxy(value, {
      get(target, key, receiver) {
        if (typeof key === "string") {
          seen.add(key);
        }
        return wrap(Reflect.get(target, key, receiver));
      },
    });
  };
  try {
    model.prototype.validate.call(wrap(plain));
  } catch (e) {
    return [`schema: ${e.message}`];
  }
  const unknown = [];
  const walk = (value, where) => {
    if (value === null || typeof value !== "object") {
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, `${where}[${i}]`));
      return;
    }
    const seen = read.get(value);
    for (const key of Object.keys(value)) {
      const at = where ? `${where}.${key}` : key;
      if (seen?.has(key)) {
        walk(value[key], at);
      } else {
        unknown.push(`schema: unknown field ${at}`);
      }
    }
  };
  walk(plain, "");
  return unknown;
}

// ---------------------------------------------------------------- helpers

export function matches(selector, labels) {
  if (!selector) {
    return false;
  }
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) {
    if (labels?.[k] !== v) {
      return false;
    }
  }
  for (const e of selector.matchExpressions ?? []) {
    const has = labels && Object.hasOwn(labels, e.key);
    const ok = {
      In: () => has && e.values.includes(labels[e.key]),
      NotIn: () => !has || !e.values.includes(labels[e.key]),
      Exists: () => has,
      DoesNotExist: () => !has,
    }[e.operator];
    if (!ok || !ok()) {
      return false;
    }
  }
  return true;
}

const UNITS = { "": 1, m: 1e-3, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, k: 1e3, M: 1e6, G: 1e9, T: 1e12 };

/** A Kubernetes quantity ("250m", "1Gi", "2") as a number, or NaN. */
export function quantity(q) {
  const m = /^([0-9.]+)([a-zA-Z]*)$/.exec(String(q ?? ""));
  return m && m[2] in UNITS ? Number(m[1]) * UNITS[m[2]] : NaN;
}

/** "50MB" (Micronaut) or "51m" (nginx) as bytes; a missing value is no limit. */
export function bytes(size) {
  if (size == null) {
    return Infinity;
  }
  const m = /^(\d+)\s*([kmg]?)b?$/i.exec(String(size).trim());
  return m ? Number(m[1]) * 1024 ** " kmg".indexOf(m[2].toLowerCase() || " ") : NaN;
}

function id(o) {
  return `${o.kind}/${o.metadata?.name}`;
}

// ---------------------------------------------------------------- the checks

/**
 * Every error of a set of objects (as loadSet returns them), as "file: Kind/name: what" lines.
 * readme: the text of the repository's README.md, for its production variables.
 */
export function check({ objects, kustomization = {}, errors: loadErrors = [] }, { readme } = {}) {
  const errors = [...loadErrors];
  const valid = [];
  for (const o of objects) {
    if (o.error) {
      errors.push(`${o.file}: YAML: ${o.error}`);
      continue;
    }
    const problems = schemaErrors(o.doc);
    problems.forEach((p) => errors.push(`${o.file}: ${id(o.doc)}: ${p}`));
    if (!problems.length) {
      valid.push(o);
    }
  }
  const err = (o, what) => errors.push(`${o.file}: ${id(o.doc)}: ${what}`);
  const all = valid.map((o) => o.doc);
  const of = (kind) => valid.filter((o) => o.doc.kind === kind);
  const find = (kind, name) => all.find((d) => d.kind === kind && d.metadata?.name === name);

  // Names, namespaces, what is applied and what is not.
  const seen = new Map();
  for (const o of valid) {
    const key = `${o.doc.kind}/${o.doc.metadata?.namespace ?? ""}/${o.doc.metadata?.name}`;
    if (seen.has(key)) {
      err(o, `defined twice (also in ${seen.get(key)})`);
    }
    seen.set(key, o.file);
    if (o.doc.kind !== "Namespace" && o.doc.metadata?.namespace !== NAMESPACE) {
      err(o, `must be in namespace ${NAMESPACE}, not ${o.doc.metadata?.namespace ?? "(none)"}`);
    }
    if (o.doc.kind === "Secret" && !o.external) {
      err(o, "a Secret is applied from the repository; real secrets are created in the cluster (secrets.template.yaml)");
    }
    if (o.doc.kind === "Secret") {
      if (o.doc.data) {
        err(o, "a template holds stringData placeholders, never data");
      }
      for (const [k, v] of Object.entries(o.doc.stringData ?? {})) {
        if (!String(v).startsWith("REPLACE_ME")) {
          err(o, `stringData.${k} must be a REPLACE_ME placeholder: no real secret is committed`);
        }
      }
    }
  }
  const ns = find("Namespace", NAMESPACE);
  if (!ns) {
    errors.push(`namespace ${NAMESPACE}: no Namespace object`);
  }
  const nsLabels = { ...(ns?.metadata?.labels ?? {}), "kubernetes.io/metadata.name": NAMESPACE };

  const images = new Map((kustomization.images ?? []).map((i) => [i.name, i]));
  const deployments = of("Deployment");
  const podsOf = (selector) => deployments.filter((d) => matches(selector, d.doc.spec.template.metadata?.labels));
  const portsOf = (d) => d.spec.template.spec.containers.flatMap((c) => c.ports ?? []);
  const resolvePort = (d, port) =>
    typeof port === "number" ? portsOf(d).find((p) => p.containerPort === port) : portsOf(d).find((p) => p.name === port);

  // Environment of a Deployment's first container: name -> {value} | {secret} | {fieldRef}.
  const envOf = (o) => {
    const env = new Map();
    const c = o.doc.spec.template.spec.containers[0];
    for (const from of c.envFrom ?? []) {
      if (from.configMapRef) {
        const cm = find("ConfigMap", from.configMapRef.name);
        for (const [k, v] of Object.entries(cm?.data ?? {})) {
          env.set((from.prefix ?? "") + k, { value: v });
        }
      }
      if (from.secretRef) {
        const s = find("Secret", from.secretRef.name);
        for (const k of Object.keys(s?.stringData ?? {})) {
          env.set((from.prefix ?? "") + k, { secret: true });
        }
      }
    }
    for (const e of c.env ?? []) {
      env.set(e.name, e.valueFrom ? { secret: !!e.valueFrom.secretKeyRef, ref: e.valueFrom } : { value: e.value });
    }
    return env;
  };

  // Deployments: pods, probes, resources, security, references.
  for (const o of deployments) {
    const d = o.doc;
    const pod = d.spec.template.spec;
    const labels = d.spec.template.metadata?.labels ?? {};
    if (!matches(d.spec.selector, labels)) {
      err(o, "spec.selector does not match the pod template's labels");
    }
    const podSc = pod.securityContext ?? {};
    if (pod.automountServiceAccountToken !== false) {
      err(o, "automountServiceAccountToken must be false: the apps never call the Kubernetes API");
    }
    if (podSc.seccompProfile?.type !== "RuntimeDefault") {
      err(o, "securityContext.seccompProfile.type must be RuntimeDefault");
    }
    const volumes = new Map((pod.volumes ?? []).map((v) => [v.name, v]));
    for (const v of volumes.values()) {
      if (v.persistentVolumeClaim && !find("PersistentVolumeClaim", v.persistentVolumeClaim.claimName)) {
        err(o, `volume ${v.name}: no PersistentVolumeClaim ${v.persistentVolumeClaim.claimName}`);
      }
      if (v.configMap && !v.configMap.optional && !find("ConfigMap", v.configMap.name)) {
        err(o, `volume ${v.name}: no ConfigMap ${v.configMap.name}`);
      }
      if (v.secret && !v.secret.optional && !find("Secret", v.secret.secretName)) {
        err(o, `volume ${v.name}: no Secret ${v.secret.secretName}`);
      }
    }
    for (const c of pod.containers) {
      const where = `container ${c.name}`;
      const image = String(c.image ?? "").replace(/[:@].*$/, "");
      if (!images.has(image)) {
        err(o, `${where}: image ${c.image} has no entry in kustomization.yaml's images (registry and tag are set there)`);
      }
      for (const [probe, want] of [["readinessProbe", "/health/readiness"], ["livenessProbe", "/health/liveness"]]) {
        const get = c[probe]?.httpGet;
        if (!get) {
          err(o, `${where}: no ${probe} (httpGet ${want})`);
        } else {
          if (get.path !== want) {
            err(o, `${where}: ${probe} must GET ${want}, not ${get.path}`);
          }
          if (!resolvePort(d, get.port)) {
            err(o, `${where}: ${probe} port ${get.port} is not a container port`);
          }
        }
      }
      if (c.startupProbe?.httpGet && !resolvePort(d, c.startupProbe.httpGet.port)) {
        err(o, `${where}: startupProbe port ${c.startupProbe.httpGet.port} is not a container port`);
      }
      for (const r of ["cpu", "memory"]) {
        const req = c.resources?.requests?.[r];
        const lim = c.resources?.limits?.[r];
        if (req == null || lim == null) {
          err(o, `${where}: resources.requests.${r} and resources.limits.${r} must both be set`);
        } else if (!(quantity(req) <= quantity(lim))) {
          err(o, `${where}: resources.requests.${r} (${req}) exceeds the limit (${lim})`);
        }
      }
      const sc = c.securityContext ?? {};
      if (!(sc.runAsNonRoot ?? podSc.runAsNonRoot)) {
        err(o, `${where}: must run as non-root (runAsNonRoot: true)`);
      }
      if ((sc.runAsUser ?? podSc.runAsUser) === 0) {
        err(o, `${where}: runAsUser 0 is root`);
      }
      if (sc.allowPrivilegeEscalation !== false) {
        err(o, `${where}: securityContext.allowPrivilegeEscalation must be false`);
      }
      if (sc.readOnlyRootFilesystem !== true) {
        err(o, `${where}: securityContext.readOnlyRootFilesystem must be true`);
      }
      if (!(sc.capabilities?.drop ?? []).includes("ALL") || (sc.capabilities?.add ?? []).length) {
        err(o, `${where}: securityContext.capabilities must drop ALL and add none`);
      }
      const mounts = c.volumeMounts ?? [];
      for (const m of mounts) {
        if (!volumes.has(m.name)) {
          err(o, `${where}: volumeMount ${m.name} names no volume`);
        }
      }
      const tmp = mounts.find((m) => m.mountPath === "/tmp");
      if (!tmp || !volumes.get(tmp.name)?.emptyDir) {
        err(o, `${where}: /tmp must be an emptyDir volume (the root file system is read-only)`);
      }
      for (const from of c.envFrom ?? []) {
        const ref = from.configMapRef ?? from.secretRef;
        const kind = from.configMapRef ? "ConfigMap" : "Secret";
        if (ref && !ref.optional && !find(kind, ref.name)) {
          err(o, `${where}: envFrom names no ${kind} ${ref.name}`);
        }
      }
      for (const e of c.env ?? []) {
        for (const [refKind, ref] of [["Secret", e.valueFrom?.secretKeyRef], ["ConfigMap", e.valueFrom?.configMapKeyRef]]) {
          if (!ref) {
            continue;
          }
          const target = find(refKind, ref.name);
          const keys = Object.keys({ ...(target?.data ?? {}), ...(target?.stringData ?? {}) });
          if (!target && !ref.optional) {
            err(o, `${where}: env ${e.name} names no ${refKind} ${ref.name}`);
          } else if (target && !keys.includes(ref.key)) {
            err(o, `${where}: env ${e.name}: ${refKind} ${ref.name} has no key ${ref.key}`);
          }
        }
      }
    }
    const env = envOf(o);
    const http = resolvePort(d, "http");
    if (!http) {
      err(o, "no container port named http");
    } else if (env.get("PORT")?.value !== String(http.containerPort)) {
      err(o, `PORT (${env.get("PORT")?.value}) must be the http container port ${http.containerPort}`);
    }
    const ann = d.spec.template.metadata?.annotations ?? {};
    if (ann["prometheus.io/scrape"] === "true" && !resolvePort(d, Number(ann["prometheus.io/port"]))) {
      err(o, `prometheus.io/port ${ann["prometheus.io/port"]} is not a container port`);
    }
  }

  // Services, autoscalers, disruption budgets, ingresses.
  for (const o of of("Service")) {
    const targets = podsOf(o.doc.spec.selector ? { matchLabels: o.doc.spec.selector } : null);
    if (targets.length !== 1) {
      err(o, `selector matches ${targets.length} Deployments, not one`);
      continue;
    }
    for (const p of o.doc.spec.ports ?? []) {
      if (!resolvePort(targets[0].doc, p.targetPort ?? p.port)) {
        err(o, `port ${p.name ?? p.port}: targetPort ${p.targetPort} is not a port of Deployment ${targets[0].doc.metadata.name}`);
      }
    }
  }
  for (const o of of("HorizontalPodAutoscaler")) {
    const ref = o.doc.spec.scaleTargetRef;
    const target = ref.kind === "Deployment" && ref.apiVersion === "apps/v1" ? find("Deployment", ref.name) : null;
    if (!target) {
      err(o, `scaleTargetRef ${ref.apiVersion} ${ref.kind}/${ref.name} is no Deployment here`);
      continue;
    }
    const { minReplicas = 1, maxReplicas } = o.doc.spec;
    const replicas = target.spec.replicas ?? 1;
    if (minReplicas > maxReplicas || replicas < minReplicas || replicas > maxReplicas) {
      err(o, `Deployment ${ref.name} has ${replicas} replicas, outside minReplicas ${minReplicas}..maxReplicas ${maxReplicas}`);
    }
    for (const m of o.doc.spec.metrics ?? []) {
      const r = m.resource?.name;
      if (m.type === "Resource" && m.resource.target.type === "Utilization"
        && target.spec.template.spec.containers.some((c) => c.resources?.requests?.[r] == null)) {
        err(o, `${r} utilization needs ${r} requests on every container of ${ref.name}`);
      }
    }
  }
  for (const o of of("PodDisruptionBudget")) {
    const targets = podsOf(o.doc.spec.selector);
    if (targets.length !== 1) {
      err(o, `selector matches ${targets.length} Deployments, not one`);
    } else if (typeof o.doc.spec.minAvailable === "number" && o.doc.spec.minAvailable >= (targets[0].doc.spec.replicas ?? 1)) {
      err(o, "minAvailable leaves no pod to evict: node drains would hang");
    }
  }
  const hosts = [];
  for (const o of of("Ingress")) {
    for (const rule of o.doc.spec.rules ?? []) {
      hosts.push(rule.host);
      for (const p of rule.http?.paths ?? []) {
        const backend = p.backend.service;
        const svc = backend && find("Service", backend.name);
        if (!svc) {
          err(o, `path ${p.path}: no Service ${backend?.name}`);
        } else if (!svc.spec.ports.some((sp) => sp.name === backend.port.name || sp.port === backend.port.number)) {
          err(o, `path ${p.path}: Service ${backend.name} has no port ${backend.port.name ?? backend.port.number}`);
        }
        if (["/health", "/prometheus"].some((x) => p.path === x || (p.pathType === "Prefix" && x.startsWith(p.path.replace(/\/$/, "") + "/")))) {
          err(o, `path ${p.path} (${p.pathType}) publishes ${p.path === "/" ? "/health and /prometheus" : p.path}: keep them inside the cluster`);
        }
      }
    }
  }

  // Every app: its four objects, its ConfigMaps' URLs, the README's production variables.
  const appOf = (o) => Object.keys(APPS).find((a) => o.doc.metadata.name === a);
  for (const app of Object.keys(APPS)) {
    for (const kind of ["Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget"]) {
      if (!objects.some((o) => o.doc?.kind === kind && o.doc.metadata?.name === app)) {
        errors.push(`${app}: no ${kind} named ${app}`);
      }
    }
  }
  const required = readme ? productionVariables(readme) : new Map();
  for (const [app, vars] of Object.entries(EXTRA_REQUIRED)) {
    vars.forEach((v) => required.set(`${v}\0${app}`, { name: v, apps: [app] }));
  }
  for (const o of deployments) {
    const app = appOf(o);
    if (!app) {
      continue;
    }
    const env = envOf(o);
    const consulOff = env.get("CONSUL_CLIENT_DISCOVERY_ENABLED")?.value === "false"
      && env.get("CONSUL_CLIENT_REGISTRATION_ENABLED")?.value === "false";
    for (const { name, apps } of required.values()) {
      if (!apps.includes(app) || (consulOff && name.startsWith("CONSUL_"))) {
        continue;
      }
      const set = name.endsWith("*")
        ? [...env.keys()].some((k) => k.startsWith(name.slice(0, -1)))
        : env.has(name) && (env.get(name).secret || env.get(name).ref || env.get(name).value !== "");
      if (!set) {
        err(o, `${name} is not set (README.md, Configuration: production must set it for ${app})`);
      }
    }
    // URLs naming a Service of this namespace (http://grants:8082/...) must name a real one.
    for (const [name, v] of env) {
      const m = /^https?:\/\/([a-z0-9-]+)(?::(\d+))?(?:\/|$)/.exec(v.value ?? "");
      if (m) {
        const svc = find("Service", m[1]);
        const port = Number(m[2] ?? 80);
        if (!svc || !svc.spec.ports.some((p) => p.port === port)) {
          err(o, `${name}=${v.value}: no Service ${m[1]} with port ${port}`);
        }
      }
    }
    // Without Consul discovery, every service the app calls needs its static URL.
    if (env.get("CONSUL_CLIENT_DISCOVERY_ENABLED")?.value === "false") {
      for (const callee of APPS[app].calls.filter((c) => c !== "gateway")) {
        const v = `MICRONAUT_HTTP_SERVICES_${callee.toUpperCase()}_URLS`;
        if (!env.get(v)?.value) {
          err(o, `Consul discovery is off but ${v} is not set: ${app} calls ${callee}`);
        }
      }
    } else if (!env.has("CONSUL_HOST")) {
      err(o, "Consul discovery is on but CONSUL_HOST is not set");
    }
    for (const v of ["GRANTLINE_APP_URL", "GRANTLINE_WEB_ALLOWED_ORIGINS"]) {
      const value = env.get(v)?.value;
      if (value && hosts.length && !hosts.includes(new URL(value).hostname)) {
        err(o, `${v}=${value} is not the Ingress host (${hosts.join(", ")})`);
      }
    }
  }

  // Values that must agree between apps.
  const envs = new Map(deployments.filter((o) => APPS[appOf(o)]).map((o) => [appOf(o), { o, env: envOf(o) }]));
  const gateway = envs.get("gateway");
  const refOf = (v) => v?.ref?.secretKeyRef && `${v.ref.secretKeyRef.name}/${v.ref.secretKeyRef.key}`;
  for (const app of SERVICES) {
    const svc = envs.get(app);
    if (!svc || !gateway) {
      continue;
    }
    const own = refOf(svc.env.get("GRANTLINE_CLIENT_SECRET"));
    const known = refOf(gateway.env.get(`GRANTLINE_CLIENT_SECRET_${app.toUpperCase()}`));
    if (own !== known) {
      err(svc.o, `GRANTLINE_CLIENT_SECRET comes from ${own ?? "no Secret"}, but the gateway's GRANTLINE_CLIENT_SECRET_${app.toUpperCase()} from ${known ?? "no Secret"}: they must be the same secret`);
    }
  }
  for (const v of ["GRANTLINE_JWT_ISSUER", "GRANTLINE_JWT_AUDIENCE"]) {
    const values = new Set([...envs.values()].map(({ env }) => env.get(v)?.value));
    if (values.size > 1) {
      errors.push(`${v} differs between the apps (${[...values].join(", ")}): tokens would be refused`);
    }
  }
  const databases = new Map();
  for (const [app, { o, env }] of envs) {
    const url = env.get("DATASOURCE_URL")?.value;
    if (url && databases.has(url)) {
      err(o, `DATASOURCE_URL is ${databases.get(url)}'s database too: one database per app`);
    }
    databases.set(url, app);
  }
  // An upload's size limit: documents' file limit <= the gateway's request limit <= the Ingress body limit.
  const fileLimit = bytes(envs.get("documents")?.env.get("GRANTLINE_DOCUMENTS_MAX_FILE_SIZE")?.value);
  const requestLimit = bytes(gateway?.env.get("GRANTLINE_DOCUMENTS_MAX_REQUEST_SIZE")?.value);
  if (fileLimit > requestLimit) {
    errors.push("GRANTLINE_DOCUMENTS_MAX_REQUEST_SIZE (gateway) is smaller than GRANTLINE_DOCUMENTS_MAX_FILE_SIZE (documents)");
  }
  for (const o of of("Ingress")) {
    const body = bytes(o.doc.metadata.annotations?.["nginx.ingress.kubernetes.io/proxy-body-size"]);
    if (body < requestLimit) {
      err(o, "nginx.ingress.kubernetes.io/proxy-body-size is smaller than the gateway's GRANTLINE_DOCUMENTS_MAX_REQUEST_SIZE: uploads would be refused at the edge");
    }
  }

  errors.push(...networkErrors(valid, deployments, nsLabels, resolvePort, envOf));
  return errors;
}

// ---------------------------------------------------------------- network policies

function networkErrors(valid, deployments, nsLabels, resolvePort, envOf) {
  const errors = [];
  const policies = valid.filter((o) => o.doc.kind === "NetworkPolicy");
  const err = (o, what) => errors.push(`${o.file}: NetworkPolicy/${o.doc.metadata.name}: ${what}`);
  const labelsOf = (d) => d.doc.spec.template.metadata?.labels ?? {};
  const appOf = (d) => d.doc.metadata.name;

  // Selectors that select nothing are mistakes (a renamed label, a typo).
  for (const o of policies) {
    const sel = o.doc.spec.podSelector;
    if (Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions ?? []).length > 0
      && !deployments.some((d) => matches(sel, labelsOf(d)))) {
      err(o, "spec.podSelector selects no pod");
    }
    for (const [dir, rules, peersKey] of [["ingress", o.doc.spec.ingress, "from"], ["egress", o.doc.spec.egress, "to"]]) {
      for (const rule of rules ?? []) {
        for (const peer of rule[peersKey] ?? []) {
          if (peer.podSelector && !peer.namespaceSelector
            && Object.keys(peer.podSelector.matchLabels ?? {}).length + (peer.podSelector.matchExpressions ?? []).length > 0
            && !deployments.some((d) => matches(peer.podSelector, labelsOf(d)))) {
            err(o, `${dir} peer podSelector ${JSON.stringify(peer.podSelector.matchLabels)} selects no pod`);
          }
        }
      }
    }
  }

  const isolated = (d, type) => policies.some((o) => (o.doc.spec.policyTypes ?? ["Ingress"]).includes(type)
    && matches(o.doc.spec.podSelector, labelsOf(d)));
  const portAllowed = (ports, protocol, port, target) => !ports?.length || ports.some((p) => {
    if ((p.protocol ?? "TCP") !== protocol) {
      return false;
    }
    if (p.port == null) {
      return true;
    }
    const number = typeof p.port === "number" ? p.port : target ? resolvePort(target.doc, p.port)?.containerPort : undefined;
    return number != null && (p.endPort != null ? port >= number && port <= p.endPort : port === number);
  });
  const outsideName = (peer) => peer.namespaceSelector?.matchLabels?.["kubernetes.io/metadata.name"] ?? "any namespace";
  /**
   * Does a peer list allow this pod of the namespace, or (pod null) somewhere outside it? An ipBlock
   * is taken to match pods too: pod addresses are not known here, and 0.0.0.0/0 holds them.
   */
  const peerAllows = (peers, pod) => !peers?.length || peers.some((peer) => {
    if (peer.ipBlock) {
      return true;
    }
    if (peer.namespaceSelector) {
      return pod === null
        ? outsideName(peer) !== NAMESPACE
        : matches(peer.namespaceSelector, nsLabels) && (!peer.podSelector || matches(peer.podSelector, labelsOf(pod)));
    }
    return pod !== null && matches(peer.podSelector, labelsOf(pod));
  });
  const selecting = (d, type) => policies.filter((o) => (o.doc.spec.policyTypes ?? ["Ingress"]).includes(type)
    && matches(o.doc.spec.podSelector, labelsOf(d)));
  const egressAllowed = (src, dst, protocol, port) => !isolated(src, "Egress") || selecting(src, "Egress").some((o) =>
    (o.doc.spec.egress ?? []).some((r) => peerAllows(r.to, dst) && portAllowed(r.ports, protocol, port, dst)));
  const ingressAllowed = (src, dst, protocol, port) => !isolated(dst, "Ingress") || selecting(dst, "Ingress").some((o) =>
    (o.doc.spec.ingress ?? []).some((r) => peerAllows(r.from, src) && portAllowed(r.ports, protocol, port, dst)));
  /** Where outside the namespace traffic to this pod's port may come from (namespace names). */
  const ingressFromOutside = (d, port) => !isolated(d, "Ingress") ? ["anywhere"] : selecting(d, "Ingress").flatMap((o) =>
    (o.doc.spec.ingress ?? []).filter((r) => portAllowed(r.ports, "TCP", port, d)).flatMap((r) =>
      !r.from?.length ? ["anywhere"] : r.from.filter((p) => p.ipBlock || (p.namespaceSelector && outsideName(p) !== NAMESPACE))
        .map((p) => (p.ipBlock ? "anywhere" : outsideName(p)))));

  for (const src of deployments) {
    for (const dst of deployments) {
      if (src === dst || !APPS[appOf(src)] || !APPS[appOf(dst)]) {
        continue;
      }
      const port = APPS[appOf(dst)].port;
      const allowed = egressAllowed(src, dst, "TCP", port) && ingressAllowed(src, dst, "TCP", port);
      const expected = APPS[appOf(src)].calls.includes(appOf(dst));
      if (expected && !allowed) {
        errors.push(`network-policies: ${appOf(src)} cannot reach ${appOf(dst)}:${port}, which it calls`);
      }
      if (!expected && allowed) {
        errors.push(`network-policies: ${appOf(src)} may reach ${appOf(dst)}:${port}, which it never calls`);
      }
      // Ports other than the app's own stay shut between apps.
      if (egressAllowed(src, dst, "TCP", port + 1000) && ingressAllowed(src, dst, "TCP", port + 1000)) {
        errors.push(`network-policies: ${appOf(src)} may reach ${appOf(dst)} on ports other than ${port}`);
      }
    }
  }
  for (const d of deployments) {
    const app = appOf(d);
    if (!APPS[app]) {
      continue;
    }
    if (!isolated(d, "Ingress") || !isolated(d, "Egress")) {
      errors.push(`network-policies: ${app} is not isolated (no policy selects it for Ingress and Egress)`);
    }
    for (const [protocol, port, why] of externalEgress(app, envOf(d))) {
      if (!egressAllowed(d, null, protocol, port)) {
        errors.push(`network-policies: ${app} cannot reach ${why} (${protocol} ${port}) outside the namespace`);
      }
    }
    const outside = ingressFromOutside(d, APPS[app].port).filter((n) => !["consul", "monitoring"].includes(n));
    if (app === "gateway" && !outside.length) {
      errors.push("network-policies: the ingress controller cannot reach the gateway");
    }
    if (app !== "gateway" && outside.length) {
      errors.push(`network-policies: ${app} is reachable from outside the namespace (${[...new Set(outside)].join(", ")}), not only through the gateway`);
    }
  }
  return errors;
}

// ---------------------------------------------------------------- README

/**
 * The README's "What production must set" table as name -> {name, apps}: the variables of the
 * first column, for the apps of the second ("all", "each service", or app names).
 */
export function productionVariables(readme) {
  const section = readme.split(/^## /m).find((s) => s.startsWith("Configuration"));
  if (!section) {
    throw new Error("README.md has no Configuration section");
  }
  const out = new Map();
  // Only the table of what production must set (header "| variable | app | what |"); the
  // section's other tables (the suite's own settings) name defaults, not apps.
  let inAppTable = false;
  for (const line of section.split("\n")) {
    const cells = line.split("|").map((c) => c.trim());
    if (cells.length >= 4 && cells[1] === "variable") {
      inAppTable = cells[2] === "app";
      continue;
    }
    if (!line.trim().startsWith("|")) {
      inAppTable = false;
      continue;
    }
    if (!inAppTable || cells.length < 4 || !cells[1].includes("`")) {
      continue;
    }
    const who = cells[2].toLowerCase();
    const apps = who === "all" ? Object.keys(APPS)
      : who === "each service" ? SERVICES
        : who.split(/[ ,]+/).filter((a) => APPS[a]);
    if (!apps.length) {
      throw new Error(`README.md Configuration: no app in '${cells[2]}'`);
    }
    for (const [, name] of cells[1].matchAll(/`([A-Z0-9_<>*]+)`/g)) {
      const names = name.includes("<SERVICE>") ? SERVICES.map((s) => name.replace("<SERVICE>", s.toUpperCase())) : [name];
      names.forEach((n) => out.set(`${n}\0${apps.join(",")}`, { name: n, apps }));
    }
  }
  if (!out.size) {
    throw new Error("README.md Configuration: no variables found in its table");
  }
  return out;
}
