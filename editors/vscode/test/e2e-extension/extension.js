//! Test-only probe extension: drives the awsls extension inside a real VS Code
//! (code-server) and writes what it observed as JSON to $AWSLS_E2E_RESULTS.
//! The assertions live in ../run-e2e.mjs; this file only observes.

const vscode = require("vscode");
const fs = require("fs");
const path = require("path");

const WAIT_MS = Number(process.env.AWSLS_E2E_WAIT_MS || 60000);

exports.activate = function activate() {
  const resultsPath = process.env.AWSLS_E2E_RESULTS;
  if (!resultsPath) {
    return;
  }
  const results = { steps: [], errors: [] };
  observe(results, resultsPath)
    .catch((error) => results.errors.push(String((error && error.stack) || error)))
    .finally(() => fs.writeFileSync(resultsPath, JSON.stringify(results, null, 2)));
};

exports.deactivate = function deactivate() {};

async function observe(results, resultsPath) {
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  if (!folder) {
    throw new Error("no workspace folder is open");
  }
  results.customTags = vscode.workspace.getConfiguration("yaml").get("customTags");
  results.serverPathSetting = vscode.workspace.getConfiguration("awsls").get("server.path");

  const template = vscode.Uri.file(path.join(folder.uri.fsPath, "template.yaml"));
  const document = await vscode.workspace.openTextDocument(template);
  const editor = await vscode.window.showTextDocument(document);
  results.languageId = document.languageId;
  results.steps.push("opened template");

  results.diagnostics = await step(results, "diagnostics", () =>
    waitForDiagnostics(template, (found) => found.length > 0),
  );
  const awslsExtension = vscode.extensions.getExtension("awsls.awsls");
  results.awslsActive = Boolean(awslsExtension && awslsExtension.isActive);

  const typePosition = positionOf(document, "AWS::S3::Bucket", 4);
  results.hover = await step(results, "hover", async () => {
    // The server indexes notes in the background; hover again until they are in (bounded).
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const hovers = await vscode.commands.executeCommand("vscode.executeHoverProvider", template, typePosition);
      const texts = (hovers || []).flatMap((hover) => hover.contents.map(hoverText));
      if (texts.join("\n").includes("editor-notes-marker") || Date.now() > deadline) {
        return texts;
      }
      await sleep(200);
    }
  });
  results.completion = await step(results, "completion", async () => {
    const end = positionOf(document, "AWS::S3::Bucket", "AWS::S3::Bucket".length);
    const list = await vscode.commands.executeCommand("vscode.executeCompletionItemProvider", template, end);
    const items = (list && list.items) || [];
    return items.map((item) => (typeof item.label === "string" ? item.label : item.label.label));
  });

  // Show the diagnostics and the hover on screen, then let the driver take its screenshot.
  editor.selection = new vscode.Selection(typePosition, typePosition);
  await vscode.commands.executeCommand("editor.action.showHover");
  await sleep(1500);
  await handshake(resultsPath);

  results.diagnosticsAfterFix = await step(results, "fix", async () => {
    const broken = positionOf(document, "[a, b", 0);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(template, new vscode.Range(broken, broken.translate(0, "[a, b".length)), "platform");
    if (!(await vscode.workspace.applyEdit(edit))) {
      throw new Error("applyEdit was refused");
    }
    return waitForDiagnostics(template, (found) => found.length === 0);
  });

  const json = vscode.Uri.file(path.join(folder.uri.fsPath, "template.json"));
  results.json = await step(results, "json", async () => {
    const jsonDocument = await vscode.workspace.openTextDocument(json);
    await vscode.window.showTextDocument(jsonDocument);
    const diagnostics = await waitForDiagnostics(json, (found) => found.some((d) => d.line === 5));
    return { languageId: jsonDocument.languageId, diagnostics };
  });

  results.kindSwitch = await step(results, "kind switch", async () => {
    // Turning CloudFormation off restarts the server without those checks; the
    // diagnostics must stay away, then come back once it is on again.
    const config = vscode.workspace.getConfiguration("awsls");
    await config.update("cloudformation.enable", false, vscode.ConfigurationTarget.Global);
    const whileOff = await waitForStable(json, (found) => found.length === 0, 4000);
    await config.update("cloudformation.enable", true, vscode.ConfigurationTarget.Global);
    const backOn = await waitForDiagnostics(json, (found) => found.some((d) => d.line === 5));
    return { whileOff, backOn };
  });

  const plain = vscode.Uri.file(path.join(folder.uri.fsPath, "plain.yaml"));
  results.plainDiagnostics = await step(results, "plain", async () => {
    const plainDocument = await vscode.workspace.openTextDocument(plain);
    await vscode.window.showTextDocument(plainDocument);
    // A request round trip plus a pause gives the server time to publish, were it to.
    await vscode.commands.executeCommand("vscode.executeHoverProvider", plain, new vscode.Position(1, 1));
    await sleep(3000);
    return awslsDiagnostics(plain);
  });
}

async function step(results, name, action) {
  try {
    const value = await action();
    results.steps.push(name);
    return value;
  } catch (error) {
    results.errors.push(`${name}: ${String((error && error.stack) || error)}`);
    return undefined;
  }
}

function awslsDiagnostics(uri) {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === "awsls")
    .map((d) => ({ message: d.message, line: d.range.start.line, severity: d.severity, source: d.source }));
}

/** Resolves with awsls's diagnostics once `done` accepts them, or with the last seen ones at the deadline. */
function waitForDiagnostics(uri, done) {
  return new Promise((resolve) => {
    const finish = () => {
      clearInterval(timer);
      clearTimeout(deadline);
      listener.dispose();
      resolve(awslsDiagnostics(uri));
    };
    const check = () => done(awslsDiagnostics(uri)) && finish();
    const listener = vscode.languages.onDidChangeDiagnostics(check);
    const timer = setInterval(check, 250);
    const deadline = setTimeout(finish, WAIT_MS);
    check();
  });
}

/**
 * Resolves with awsls's diagnostics once `done` has accepted them for `stableMs` in a row,
 * or with the last seen ones at the deadline.
 */
async function waitForStable(uri, done, stableMs) {
  const deadline = Date.now() + WAIT_MS;
  let since = Date.now();
  while (Date.now() < deadline) {
    if (!done(awslsDiagnostics(uri))) {
      since = Date.now();
    } else if (Date.now() - since >= stableMs) {
      break;
    }
    await sleep(100);
  }
  return awslsDiagnostics(uri);
}

function positionOf(document, needle, offsetInNeedle) {
  const index = document.getText().indexOf(needle);
  if (index < 0) {
    throw new Error(`fixture does not contain ${needle}`);
  }
  return document.positionAt(index + offsetInNeedle);
}

function hoverText(content) {
  return typeof content === "string" ? content : content.value;
}

/** Tells the driver the screen is ready and waits (bounded) for it to say the screenshot is taken. */
async function handshake(resultsPath) {
  fs.writeFileSync(`${resultsPath}.ready`, "");
  for (let i = 0; i < 40 && !fs.existsSync(`${resultsPath}.shot`); i++) {
    await sleep(250);
  }
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
