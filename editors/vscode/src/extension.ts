//! Entry point of the awsls VS Code extension: starts, restarts and stops the client.

import * as vscode from "vscode";
import { LanguageClient } from "vscode-languageclient/node";
import { createClient } from "./client";
import { serverExecutable } from "./serverCommand";
import { RESTART_SETTINGS } from "./settings";

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("awsls", { log: true });
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand("awsls.restartServer", restart),
    vscode.commands.registerCommand("awsls.showOutput", () => output?.show()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (RESTART_SETTINGS.some((key) => event.affectsConfiguration(key))) {
        void restart();
      }
    }),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await stop();
}

async function start(): Promise<void> {
  if (!output) {
    return;
  }
  client = createClient(output);
  try {
    await client.start();
  } catch (error) {
    const command = serverExecutable().command;
    client = undefined;
    const message = error instanceof Error ? error.message : String(error);
    const action = await vscode.window.showErrorMessage(
      `awsls: could not start \`${command} serve\` (${message}). Set "awsls.server.path" to the awsls binary.`,
      "Open Settings",
    );
    if (action === "Open Settings") {
      await vscode.commands.executeCommand("workbench.action.openSettings", "awsls.server.path");
    }
  }
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) {
    await running.stop();
  }
}

async function restart(): Promise<void> {
  await stop();
  await start();
}
