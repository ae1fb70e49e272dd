//! Creates the language client that talks to `awsls serve` over stdio.

import * as vscode from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions } from "vscode-languageclient/node";
import { serverExecutable } from "./serverCommand";
import { answerConfiguration, initializationOptions } from "./settings";

/** Language ids the server is attached to. `cloudformation` comes from other AWS extensions. */
export const LANGUAGES = ["yaml", "json", "jsonc", "cloudformation"];

/** Builds (but does not start) a client for the current settings. */
export function createClient(output: vscode.LogOutputChannel): LanguageClient {
  const executable = serverExecutable();
  const serverOptions: ServerOptions = { run: executable, debug: executable };
  const documentSelector = LANGUAGES.flatMap((language) => [
    { scheme: "file", language },
    { scheme: "untitled", language },
  ]);
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    outputChannel: output,
    initializationOptions: initializationOptions(),
    // Settings that matter to the server restart it (see RESTART_SETTINGS), so no
    // didChangeConfiguration push is needed; pulls get the same expanded object.
    middleware: { workspace: { configuration: answerConfiguration } },
  };
  // The id "awsls" makes the client honour the `awsls.trace.server` setting.
  return new LanguageClient("awsls", "awsls", serverOptions, clientOptions);
}
