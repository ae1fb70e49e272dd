//! Reads the `awsls.*` settings and turns them into the object the server gets as
//! initialization options and as the `awsls` section of `workspace/configuration`.

import * as vscode from "vscode";
import { ConfigurationRequest } from "vscode-languageclient/node";

/** Per-kind switches, as the server expects them under `initializationOptions`. */
export interface KindSwitches {
  cloudformation: { enable: boolean };
  sam: { enable: boolean };
  iam: { enable: boolean };
  appspec: { enable: boolean };
}

/** The `initializationOptions` object sent with `initialize`. */
export interface InitializationOptions extends KindSwitches {
  notes: { paths: string[] };
}

const KINDS = ["cloudformation", "sam", "iam", "appspec"] as const;

/** Builds the initialization options from the current configuration. */
export function initializationOptions(scope?: vscode.ConfigurationScope): InitializationOptions {
  const config = vscode.workspace.getConfiguration("awsls", scope);
  const paths = config.get<string[]>("notes.paths", []).map(expandPath);
  const options = { notes: { paths } } as InitializationOptions;
  for (const kind of KINDS) {
    options[kind] = { enable: config.get<boolean>(`${kind}.enable`, true) };
  }
  return options;
}

/**
 * Middleware for `workspace/configuration`: the `awsls` section is answered with the
 * same object as the initialization options (paths expanded), other sections as usual.
 */
export const answerConfiguration: ConfigurationRequest.MiddlewareSignature = async (params, token, next) => {
  const answers = await next(params, token);
  if (!Array.isArray(answers)) {
    return answers;
  }
  return params.items.map((item, index) =>
    item.section === "awsls"
      ? initializationOptions(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined)
      : answers[index],
  );
};

/** Expands a leading `~` and `${workspaceFolder}` in a user-supplied path. */
export function expandPath(raw: string): string {
  let path = raw.trim();
  const home = process.env.HOME ?? process.env.USERPROFILE ?? "";
  if (home && (path === "~" || path.startsWith("~/"))) {
    path = home + path.slice(1);
  }
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (folder) {
    path = path.split("${workspaceFolder}").join(folder);
  }
  return path;
}

/** Settings whose change needs a server restart to take effect. */
export const RESTART_SETTINGS = ["awsls.server.path", "awsls.notes.paths"].concat(
  KINDS.map((kind) => `awsls.${kind}.enable`),
);
