//! End-to-end test of the VS Code extension: installs the packaged extension and a
//! probe extension into a real code-server, opens the workbench in headless
//! Chromium so both activate, and asserts what the probe saw from `awsls serve`.
//!
//! Inputs (environment): AWSLS_BIN, AWSLS_VSIX, AWSLS_PROBE_VSIX, CODE_SERVER,
//! CHROMIUM, AWSLS_ARTIFACTS (screenshots go there), PUPPETEER_DIR (a folder
//! whose node_modules holds puppeteer-core).

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.resolve(here, "../../fixtures");
const env = (name) => {
  const value = process.env[name];
  if (!value) {
    throw new Error(`environment variable ${name} must be set (see editors/vscode/test/run.sh)`);
  }
  return value;
};
const puppeteer = createRequire(path.join(env("PUPPETEER_DIR"), "package.json"))("puppeteer-core");
const DEADLINE_MS = 360_000;

let results;
let server;
let browser;
let serverLog = "";
let root;

before(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "awsls-vscode-e2e-"));
  const workspace = path.join(root, "workspace");
  const userData = path.join(root, "user-data");
  const extensions = path.join(root, "extensions");
  const resultsPath = path.join(root, "results.json");
  const artifacts = env("AWSLS_ARTIFACTS");
  for (const dir of [workspace, path.join(userData, "User"), extensions, artifacts]) {
    fs.mkdirSync(dir, { recursive: true });
  }
  fs.copyFileSync(path.join(fixtures, "template-broken.yaml"), path.join(workspace, "template.yaml"));
  fs.copyFileSync(path.join(fixtures, "plain-broken.yaml"), path.join(workspace, "plain.yaml"));
  fs.copyFileSync(path.join(fixtures, "template-unknown-type.json"), path.join(workspace, "template.json"));
  fs.cpSync(path.join(fixtures, "notes"), path.join(workspace, "notes"), { recursive: true });
  // `awsls.server.path` is machine-overridable: in a remote window such as code-server it
  // belongs in the remote machine's settings, which code-server keeps in Machine/.
  fs.mkdirSync(path.join(userData, "Machine"), { recursive: true });
  fs.writeFileSync(path.join(userData, "Machine", "settings.json"),
    JSON.stringify({ "awsls.server.path": env("AWSLS_BIN") }, null, 2));
  const settings = {
    "awsls.trace.server": "messages",
    "awsls.notes.paths": ["${workspaceFolder}/notes"],
    "security.workspace.trust.enabled": false,
    "workbench.startupEditor": "none",
    "workbench.tips.enabled": false,
    "telemetry.telemetryLevel": "off",
    "chat.disableAIFeatures": true,
    // Only the server's completions count, not words picked from the buffer.
    "editor.wordBasedSuggestions": "off",
    "workbench.secondarySideBar.defaultVisibility": "hidden",
  };
  fs.writeFileSync(path.join(userData, "User", "settings.json"), JSON.stringify(settings, null, 2));
  const config = path.join(root, "config.yaml");
  fs.writeFileSync(config, "auth: none\n");

  const common = ["--config", config, "--user-data-dir", userData, "--extensions-dir", extensions];
  for (const vsix of [env("AWSLS_VSIX"), env("AWSLS_PROBE_VSIX")]) {
    const install = spawnSync(env("CODE_SERVER"), [...common, "--install-extension", vsix], { encoding: "utf8" });
    assert.equal(install.status, 0, `installing ${vsix} failed:\n${install.stdout}\n${install.stderr}`);
  }

  const port = await freePort();
  server = spawn(
    env("CODE_SERVER"),
    [...common, "--auth", "none", "--bind-addr", `127.0.0.1:${port}`, "--disable-telemetry",
      "--disable-update-check", "--disable-workspace-trust", "--disable-getting-started-override", workspace],
    { env: { ...process.env, AWSLS_E2E_RESULTS: resultsPath }, stdio: ["ignore", "pipe", "pipe"] },
  );
  server.stdout.on("data", (chunk) => (serverLog += chunk));
  server.stderr.on("data", (chunk) => (serverLog += chunk));
  const base = `http://127.0.0.1:${port}`;
  await waitFor(async () => (await fetch(`${base}/healthz`).catch(() => undefined))?.ok, 60_000, "code-server to listen");

  browser = await puppeteer.launch({
    executablePath: env("CHROMIUM"),
    headless: true,
    userDataDir: path.join(root, "chromium"),
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--window-size=1400,900"],
    defaultViewport: { width: 1400, height: 900 },
  });
  const page = await browser.newPage();
  await page.goto(`${base}/?folder=${encodeURIComponent(workspace)}`, { waitUntil: "domcontentloaded" });

  const started = Date.now();
  const ready = await waitFor(() => fs.existsSync(`${resultsPath}.ready`) || fs.existsSync(resultsPath),
    DEADLINE_MS, "the probe to report", false);
  if (ready) {
    await page.screenshot({ path: path.join(artifacts, "vscode-diagnostics-hover.png") });
    fs.writeFileSync(`${resultsPath}.shot`, "");
  }
  await waitFor(() => fs.existsSync(resultsPath), Math.max(DEADLINE_MS - (Date.now() - started), 1000),
    "the probe's results", false);
  await page.screenshot({ path: path.join(artifacts, "vscode-final.png") });
  results = fs.existsSync(resultsPath) ? JSON.parse(fs.readFileSync(resultsPath, "utf8")) : undefined;
  fs.writeFileSync(path.join(artifacts, "vscode-results.json"), JSON.stringify(results ?? null, null, 2));
  fs.writeFileSync(path.join(artifacts, "code-server.log"), serverLog);
});

after(async () => {
  await browser?.close().catch(() => undefined);
  server?.kill("SIGTERM");
  if (root) {
    // Keep VS Code's logs (extension host, the awsls output channel) next to the screenshots.
    const logs = path.join(env("AWSLS_ARTIFACTS"), "vscode-logs");
    fs.rmSync(logs, { recursive: true, force: true });
    fs.cpSync(path.join(root, "user-data", "logs"), logs, { recursive: true });
    fs.rmSync(root, { recursive: true, force: true });
  }
});

const observed = () => {
  assert.ok(results, `the probe extension wrote no results; code-server said:\n${serverLog.slice(-3000)}`);
  return results;
};

test("the probe ran every step without an error", () => {
  assert.deepEqual(observed().errors, []);
});

test("the machine settings reach the extension host", () => {
  assert.equal(observed().serverPathSetting, env("AWSLS_BIN"));
});

test("the template opens as YAML and the awsls extension is active", () => {
  assert.equal(observed().languageId, "yaml");
  assert.equal(observed().awslsActive, true);
});

test("yaml.customTags defaults include the CloudFormation tags", () => {
  const tags = observed().customTags ?? [];
  for (const tag of ["!Ref scalar", "!GetAtt scalar", "!Sub scalar", "!Sub sequence", "!If sequence"]) {
    assert.ok(tags.includes(tag), `${tag} missing from ${JSON.stringify(tags)}`);
  }
});

test("awsls reports the unclosed flow sequence on line 10", () => {
  const diagnostics = observed().diagnostics ?? [];
  assert.ok(diagnostics.length > 0, "no awsls diagnostics arrived");
  // Severity 0 is vscode.DiagnosticSeverity.Error.
  assert.ok(diagnostics.some((d) => d.line === 9 && d.severity === 0),
    `no awsls error on line 10: ${JSON.stringify(diagnostics)}`);
});

test("hover on the resource type names it", () => {
  const hover = (observed().hover ?? []).join("\n");
  assert.match(hover, /AWS::S3::Bucket/);
});

test("hover includes the notes from awsls.notes.paths", () => {
  const hover = (observed().hover ?? []).join("\n");
  assert.match(hover, /editor-notes-marker/);
});

test("completion at the resource type offers AWS::S3::Bucket", () => {
  const labels = observed().completion ?? [];
  assert.ok(labels.includes("AWS::S3::Bucket"), `labels: ${JSON.stringify(labels.slice(0, 20))}`);
});

test("fixing the template clears the diagnostics", () => {
  assert.deepEqual(observed().diagnosticsAfterFix, []);
});

test("a JSON template gets an awsls diagnostic for AWS::S3::Buckt on line 6", () => {
  const json = observed().json ?? {};
  assert.equal(json.languageId, "json");
  assert.ok((json.diagnostics ?? []).some((d) => d.line === 5), `diagnostics: ${JSON.stringify(json.diagnostics)}`);
});

test("awsls.cloudformation.enable turns the template checks off and on", () => {
  const kindSwitch = observed().kindSwitch ?? {};
  assert.deepEqual(kindSwitch.whileOff, [], "diagnostics while cloudformation checks are off");
  assert.ok((kindSwitch.backOn ?? []).some((d) => d.line === 5),
    `diagnostics once back on: ${JSON.stringify(kindSwitch.backOn)}`);
});

test("a YAML file that is not an AWS document gets no awsls diagnostics", () => {
  assert.deepEqual(observed().plainDiagnostics, []);
});

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Polls `check` until it is truthy; returns false at the deadline, or throws when `required`. */
async function waitFor(check, timeoutMs, what, required = true) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  if (required) {
    throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
  }
  return false;
}
