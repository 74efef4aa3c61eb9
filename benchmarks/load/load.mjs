#!/usr/bin/env node
// The .NET API under load (docs/reliability.md "Under load"): the preparation before wrk drives it, and the report
// after. benchmarks/load/run.sh calls it; wrk and the Lua scripts next to this file do the load itself.
//
//   node load.mjs prepare --base URL --password P --units N --dir DIR
//     Signs in as the demo admin; registers N units (LOAD-001…), adds them to the demo campaign, and creates one
//     unit-staff account per unit, who signs in and replaces the initial password as a new user must. Each unit's
//     draft is then filled completely (every leaf answered, with a self-score, an explanation and its evidence), so
//     that validate scores a whole self-evaluation. Writes DIR/units.tsv (campaign, unit, access token per line), the
//     request bodies (validate.json; save-a.json and save-b.json, which differ in every field they touch) and checks
//     each scenario's request once.
//   node load.mjs etags --dir DIR
//     Reads each unit's draft and writes DIR/etags.tsv (unit, ETag): the revisions the save-draft clients start from.
//   node load.mjs report --dir DIR --json OUT [--scenarios a,b,c] [--floors floor-read,floor-write]
//     Reads what the wrk runs wrote (DIR/<scenario>.json and DIR/<scenario>-warmup.json) and the pgbench floors
//     (DIR/<floor>.floor.json), prints the tables, writes OUT; exits 1 when any request failed (a socket error, a
//     timeout, a status other than 2xx, a save that changed nothing), a scenario is missing or a floor transaction failed.
//
// Node 20 or later (fetch); no packages.
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";

const { positionals, values: args } = parseArgs({
  allowPositionals: true,
  options: {
    base: { type: "string" },
    password: { type: "string" },
    units: { type: "string", default: "50" },
    dir: { type: "string" },
    json: { type: "string" },
    scenarios: { type: "string", default: "ceiling,validate,save-draft" },
    floors: { type: "string", default: "" },
  },
});
const command = positionals[0];
if (!args.dir) throw new Error("--dir is required");
const DIR = args.dir;

const CAMPAIGN_YEAR = 2026;
const STAFF_PASSWORD = "Kq7#Pass2026-Wm";
const TIMEOUT_MS = 60_000;

async function call(base, path, { method = "GET", token, body, ifMatch } = {}) {
  const headers = { accept: "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  if (ifMatch) headers["if-match"] = ifMatch;
  const response = await fetch(base + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 400)}`);
  return { json, etag: response.headers.get("etag") };
}

async function signIn(base, email, password) {
  return (await call(base, "/api/auth/login", { method: "POST", body: { email, password } })).json.accessToken;
}

/** The leaves of a framework definition, in order (children before the next sibling). */
function leaves(definition) {
  const found = [];
  const walk = (node) => (node.children?.length ? node.children.forEach(walk) : found.push(node));
  definition.dimensions.forEach(walk);
  return found;
}

/**
 * A complete answer for a leaf, as a unit that filled 自评表 to the end sends it: the first option of a scale, no
 * finding for a veto item, a count or value otherwise; full self-score; a paragraph of explanation; all evidence.
 * `variant` changes the explanation and the self-score, so that two variants differ in fields every leaf has.
 */
function answer(leaf, variant) {
  const value = { indicatorCode: leaf.code };
  switch (leaf.rule?.kind) {
    case "qualitative":
      value.option = leaf.rule.options[variant % leaf.rule.options.length].label;
      break;
    case "veto":
      value.finding = false;
      break;
    default:
      value.number = variant;
      break;
  }
  if (leaf.rule?.kind !== "veto") value.selfScore = Math.max(0, leaf.points - (variant ? 0.5 : 0));
  value.explanation =
    `${leaf.name}：本单位严格按照评估要点落实，相关制度健全、台账完整，` +
    `年度内按要求完成了各项工作并形成书面材料（第${variant + 1}稿）。`;
  if (leaf.evidenceChecklist?.length) value.evidence = leaf.evidenceChecklist;
  return value;
}

async function prepare() {
  const base = args.base.replace(/\/+$/, "");
  const count = Number(args.units);
  if (!Number.isInteger(count) || count < 1) throw new Error("--units must be a whole number ≥ 1");
  if (!args.password) throw new Error("--password (the demo admin's) is required");

  const admin = await signIn(base, "admin@demo.local", args.password);
  const campaigns = (await call(base, "/api/campaigns", { token: admin })).json;
  const campaign = campaigns.find((c) => c.year === CAMPAIGN_YEAR) ?? campaigns[0];
  const detail = (await call(base, `/api/campaigns/${campaign.id}`, { token: admin })).json;
  const definition = (await call(base, `/api/frameworks/${detail.framework.id}`, { token: admin })).json;
  const all = leaves(definition);

  // The units and their staff, a few at a time (each sign-in hashes a password twice: keep the API responsive).
  const units = [];
  const batch = 4;
  for (let start = 0; start < count; start += batch) {
    const made = await Promise.all(
      Array.from({ length: Math.min(batch, count - start) }, async (_, k) => {
        const n = String(start + k + 1).padStart(3, "0");
        const unit = (
          await call(base, "/api/units", {
            method: "POST",
            token: admin,
            body: { code: `LOAD-${n}`, name: `负载测试单位${n}`, kind: "Government", category: "非经济", level: "市" },
          })
        ).json;
        await call(base, `/api/campaigns/${campaign.id}/units/${unit.id}`, {
          method: "PUT",
          token: admin,
          body: { approvedEstablishment: 40, approvedLeadershipPosts: 5 },
        });
        const email = `load${n}@load.local`;
        const created = (
          await call(base, "/api/users", {
            method: "POST",
            token: admin,
            body: { email, displayName: `负载测试填报人${n}`, roles: ["UnitStaff"], unitId: unit.id },
          })
        ).json;
        const first = await signIn(base, email, created.initialPassword);
        const changed = await call(base, "/api/auth/change-password", {
          method: "POST",
          token: first,
          body: { currentPassword: created.initialPassword, newPassword: STAFF_PASSWORD },
        });
        const token = changed.json.accessToken;
        // The whole sheet filled in, as the draft validate scores and the saves change.
        const draft = `/api/campaigns/${campaign.id}/units/${unit.id}/self-assessment`;
        const saved = await call(base, `${draft}/answers`, {
          method: "PATCH",
          token,
          ifMatch: '"0"',
          body: { answers: all.map((leaf) => answer(leaf, 0)) },
        });
        if (saved.etag !== '"1"') throw new Error(`the first save of ${unit.code} answered ETag ${saved.etag}`);
        return { unit: unit.id, token };
      }),
    );
    units.push(...made);
  }

  // validate: the whole sheet as unsaved answers over the stored draft (every one differs from what is stored).
  // save-draft: three answers changed at a time, as an edit between two autosaves; a and b alternate per unit.
  const edited = all.filter((leaf) => leaf.rule?.kind === "qualitative").slice(0, 3);
  if (edited.length < 3) throw new Error("the demo framework has fewer than 3 qualitative leaves");
  const bodies = {
    "validate.json": { answers: all.map((leaf) => answer(leaf, 1)) },
    "save-a.json": { answers: edited.map((leaf) => answer(leaf, 1)) },
    "save-b.json": { answers: edited.map((leaf) => answer(leaf, 0)) },
  };
  for (const [file, body] of Object.entries(bodies)) writeFileSync(join(DIR, file), JSON.stringify(body));
  writeFileSync(join(DIR, "units.tsv"), units.map((u) => `${campaign.id}\t${u.unit}\t${u.token}\n`).join(""));

  // Each scenario's request once, so that a mistake here fails before the load, with its message.
  const [{ unit, token }] = units;
  const draft = `/api/campaigns/${campaign.id}/units/${unit}/self-assessment`;
  const checked = (await call(base, `${draft}/validate`, { method: "POST", token, body: bodies["validate.json"] })).json;
  if (typeof checked.total !== "number") throw new Error("validate answered without a total: " + JSON.stringify(checked).slice(0, 300));
  const saved = await call(base, `${draft}/answers`, { method: "PATCH", token, ifMatch: '"1"', body: bodies["save-a.json"] });
  const back = await call(base, `${draft}/answers`, { method: "PATCH", token, ifMatch: saved.etag, body: bodies["save-b.json"] });
  if (saved.etag !== '"2"' || back.etag !== '"3"') throw new Error(`the check saves answered ETags ${saved.etag}, ${back.etag}`);
  await call(base, "/health/live", { token });
  console.log(`prepared ${units.length} units with their staff; ${all.length} leaves answered in each draft; validate total ${checked.total}`);
}

async function etags() {
  const base = args.base.replace(/\/+$/, "");
  const units = readFileSync(join(DIR, "units.tsv"), "utf8").trim().split("\n").map((line) => line.split("\t"));
  const lines = await Promise.all(
    units.map(async ([campaign, unit, token]) => {
      const { etag } = await call(base, `/api/campaigns/${campaign}/units/${unit}/self-assessment`, { token });
      return `${unit}\t${etag}\n`;
    }),
  );
  writeFileSync(join(DIR, "etags.tsv"), lines.join(""));
}

function report() {
  const scenarios = args.scenarios.split(",").filter(Boolean);
  const results = [];
  let failed = false;
  const problems = [];
  for (const name of scenarios) {
    const file = join(DIR, `${name}.json`);
    if (!existsSync(file)) {
      problems.push(`${name}: no result (wrk did not finish)`);
      failed = true;
      continue;
    }
    const run = JSON.parse(readFileSync(file, "utf8"));
    const warmupFile = join(DIR, `${name}-warmup.json`);
    const warmup = existsSync(warmupFile) ? JSON.parse(readFileSync(warmupFile, "utf8")) : null;
    const cpuFile = join(DIR, `${name}.cpu.json`);
    const cpu = existsSync(cpuFile) ? JSON.parse(readFileSync(cpuFile, "utf8")) : null;
    for (const [phase, r] of [["run", run], ["warm-up", warmup]]) {
      if (!r) continue;
      const bad = failures(r);
      if (bad.length) {
        failed = true;
        problems.push(`${name} (${phase}): ${bad.join(", ")}`);
      }
    }
    results.push({ name, ...run, warmup: warmup && { requests: warmup.requests, failed: failures(warmup).length > 0 }, cpu });
  }
  const ceiling = results.find((r) => r.name === "ceiling");
  for (const r of results) {
    r.ratioToCeiling = ceiling && ceiling.rps > 0 ? r.rps / ceiling.rps : null;
    if (r.cpu && r.requests) {
      r.cpu.apiMsPerRequest = (r.cpu.api * r.cpu.seconds * 1000) / r.requests;
      r.cpu.postgresMsPerRequest = r.cpu.postgres == null ? null : (r.cpu.postgres * r.cpu.seconds * 1000) / r.requests;
    }
  }

  const pad = (s, n) => String(s).padStart(n);
  const ms = (us) => (us / 1000).toFixed(1);
  console.log("");
  console.log(`${"scenario".padEnd(12)}${pad("req/s", 9)}${pad("p50 ms", 9)}${pad("p95 ms", 9)}${pad("p99 ms", 9)}${pad("max ms", 9)}${pad("requests", 10)}${pad("failed", 8)}${pad("ceiling", 9)}  statuses`);
  for (const r of results) {
    const statuses = Object.entries(r.statuses).map(([s, n]) => `${s}×${n}`).join(" ");
    console.log(
      `${r.name.padEnd(12)}${pad(r.rps.toFixed(0), 9)}${pad(ms(r.latency.p50), 9)}${pad(ms(r.latency.p95), 9)}${pad(ms(r.latency.p99), 9)}` +
        `${pad(ms(r.latency.max), 9)}${pad(r.requests, 10)}${pad(failures(r).length ? failedCount(r) : 0, 8)}` +
        `${pad(r.ratioToCeiling == null ? "-" : (100 * r.ratioToCeiling).toFixed(0) + "%", 9)}  ${statuses}`,
    );
  }
  const withCpu = results.filter((r) => r.cpu);
  if (withCpu.length) {
    console.log("");
    console.log("CPU during each run, in cores busy (of " + cpus().length + "): API, PostgreSQL, wrk, everything else on the machine");
    for (const r of withCpu) {
      const c = r.cpu;
      const f = (v) => (v == null ? "   n/a" : pad(v.toFixed(2), 6));
      const perRequest = (cores) => (cores == null || !r.requests ? "   n/a" : pad(((cores * c.seconds * 1000) / r.requests).toFixed(2), 6));
      console.log(
        `${r.name.padEnd(12)} api ${f(c.api)}  postgres ${f(c.postgres)}  wrk ${f(c.wrk)}  other ${f(c.other)}  idle ${f(c.idle)}` +
          `   CPU ms per request: api ${perRequest(c.api)}  postgres ${perRequest(c.postgres)}   load before ${c.loadBefore}`,
      );
    }
  }
  // The database's floor (run.sh, floor-read.sql, floor-write.sql): pgbench sending PostgreSQL the same statements
  // with no API in between. Its throughput bounds the endpoint's on this machine.
  const floors = args.floors.split(",").filter(Boolean).map((name) => ({
    name,
    ...JSON.parse(readFileSync(join(DIR, `${name}.floor.json`), "utf8")),
  }));
  for (const f of floors) {
    f.ratioToCeiling = ceiling && ceiling.rps > 0 ? f.tps / ceiling.rps : null;
    if (f.failed > 0) {
      failed = true;
      problems.push(`${f.name}: ${f.failed} failed transactions`);
    }
  }
  if (floors.length) {
    console.log("");
    console.log("PostgreSQL alone (pgbench, same statements, same connections, no API): the most the endpoints can reach here");
    console.log(`${"floor".padEnd(12)}${pad("tx/s", 9)}${pad("p50 ms", 9)}${pad("p95 ms", 9)}${pad("p99 ms", 9)}${pad("max ms", 9)}${pad("tx", 10)}${pad("failed", 8)}${pad("ceiling", 9)}  CPU: postgres, pgbench`);
    for (const f of floors) {
      console.log(
        `${f.name.padEnd(12)}${pad(f.tps.toFixed(0), 9)}${pad(ms(f.latency.p50), 9)}${pad(ms(f.latency.p95), 9)}${pad(ms(f.latency.p99), 9)}` +
          `${pad(ms(f.latency.max), 9)}${pad(f.transactions, 10)}${pad(f.failed, 8)}` +
          `${pad(f.ratioToCeiling == null ? "-" : (100 * f.ratioToCeiling).toFixed(0) + "%", 9)}  ${f.cpu.postgres.toFixed(2)}, ${f.cpu.pgbench.toFixed(2)}`,
      );
    }
  }
  const out = {
    when: new Date().toISOString(),
    machine: { cpus: cpus().length, model: cpus()[0]?.model, loadAverage: loadavg() },
    settings: JSON.parse(process.env.LOAD_SETTINGS ?? "{}"),
    scenarios: results,
    floors,
    failed,
    problems,
  };
  if (args.json) writeFileSync(args.json, JSON.stringify(out, null, 2) + "\n");
  if (problems.length) {
    console.log("");
    for (const p of problems) console.log("FAILED " + p);
  }
  process.exit(failed ? 1 : 0);
}

/** What went wrong in one wrk run, if anything. */
function failures(r) {
  const bad = [];
  const e = r.errors;
  for (const kind of ["connect", "read", "write", "timeout"]) if (e[kind] > 0) bad.push(`${e[kind]} socket ${kind} errors`);
  for (const [status, n] of Object.entries(r.statuses)) if (!status.startsWith("2")) bad.push(`${n} × HTTP ${status}`);
  if (r.unchanged > 0) bad.push(`${r.unchanged} saves that changed nothing`);
  if (r.requests === 0) bad.push("no request completed");
  return bad;
}

function failedCount(r) {
  const e = r.errors;
  const status = Object.entries(r.statuses).filter(([s]) => !s.startsWith("2")).reduce((n, [, k]) => n + k, 0);
  return e.connect + e.read + e.write + e.timeout + status + (r.unchanged ?? 0);
}

switch (command) {
  case "prepare":
    await prepare();
    break;
  case "etags":
    await etags();
    break;
  case "report":
    report();
    break;
  default:
    throw new Error("usage: load.mjs prepare|etags|report …");
}
