//! Works out which `awsls` binary to start and how.

import * as vscode from "vscode";
import { Executable } from "vscode-languageclient/node";
import { expandPath } from "./settings";

/** The executable for `awsls serve`: `awsls.server.path` if set, else `awsls` on PATH. */
export function serverExecutable(): Executable {
  const configured = vscode.workspace.getConfiguration("awsls").get<string>("server.path", "");
  const command = configured.trim() ? expandPath(configured) : "awsls";
  return { command, args: ["serve"] };
}
