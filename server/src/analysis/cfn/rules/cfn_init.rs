//! `Metadata: AWS::CloudFormation::Init`, the configuration `cfn-init` applies
//! on an instance: config sets, and each config's packages, files, services,
//! users and sources in the shapes `cfn-init` reads.

use awsls_grammars::{Document, NodeId, NodeKind, ScalarKind};

use crate::analysis::rules::Rule;
use crate::analysis::Finding;

use super::context::{finding, with_suggestion, Ctx};
use super::walk::{shape, Shape};

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const INVALID_CFN_INIT: RuleDef = RuleDef {
        code: "invalid-cfn-init",
        family: Family::CloudFormation,
        group: "Resource attributes",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3009"],
        fix: true,
        summary: "An `AWS::CloudFormation::Init` block `cfn-init` cannot read",
        explanation: "`cfn-init` runs on the instance at boot and reads each config's `packages` (by package manager), `files` (each a mapping of `content`, `source`, `mode`, `owner`, ...), `services`, `users`, `groups` and `sources` in fixed shapes; a config it cannot read stops it, the instance never signals, and the stack times out or rolls back long after the template was accepted.",
        example: "`files: {/etc/app.conf: 'text'}` (the file's `content` belongs in a mapping)",
    };
}

const PACKAGE_MANAGERS: &[&str] = &["apt", "msi", "python", "rpm", "rubygems", "yum"];
const FILE_KEYS: &[&str] = &[
    "content",
    "source",
    "encoding",
    "group",
    "owner",
    "mode",
    "authentication",
    "context",
];
const SERVICE_MANAGERS: &[&str] = &["sysvinit", "windows", "systemd"];
const SERVICE_LISTS: &[&str] = &["files", "sources", "commands"];
const SERVICE_BOOLEANS: &[&str] = &["enabled", "ensureRunning"];

pub fn check(ctx: &Ctx, findings: &mut Vec<Finding>) {
    if ctx.transforms.unknown_macro() || !ctx.snapshot.contains("AWS::CloudFormation::Init") {
        return;
    }
    let doc = ctx.doc;
    for resource in &ctx.template.resources {
        let Some(init) = doc
            .get(resource.decl.node, "Metadata")
            .and_then(|m| doc.get(m, "AWS::CloudFormation::Init"))
        else {
            continue;
        };
        let Some(configs) = doc.mapping(doc.resolve(init)) else {
            continue;
        };
        for config in configs {
            if config.key.text == "configSets" {
                continue;
            }
            let value = doc.resolve(config.value);
            if doc.mapping(value).is_none() {
                if is_judged(doc, value) {
                    report(ctx, value, format!("the config `{}` must be a mapping of `packages`, `files`, `commands`, `services`, ...", config.key.text), findings);
                }
                continue;
            }
            check_config(ctx, value, findings);
        }
    }
}

/// Whether a value is written out (not computed, not an error node).
fn is_judged(doc: &Document, id: NodeId) -> bool {
    !matches!(shape(doc, id), Shape::Unknown | Shape::Intrinsic(_))
}

fn report(ctx: &Ctx, id: NodeId, message: String, findings: &mut Vec<Finding>) {
    findings.push(finding(Rule::InvalidCfnInit, ctx.span(id), message));
}

fn check_config(ctx: &Ctx, config: NodeId, findings: &mut Vec<Finding>) {
    let doc = ctx.doc;
    if let Some(managers) = doc.get(config, "packages").and_then(|p| doc.mapping(p)) {
        for manager in managers {
            if !PACKAGE_MANAGERS.contains(&manager.key.text.as_str()) {
                findings.push(with_suggestion(
                    finding(
                        Rule::InvalidCfnInit,
                        manager.key.span,
                        format!(
                            "`{}` is not a package manager cfn-init knows (apt, msi, python, rpm, rubygems, yum)",
                            manager.key.text
                        ),
                    ),
                    &manager.key.text,
                    PACKAGE_MANAGERS.iter().copied(),
                ));
            }
        }
    }
    if let Some(files) = doc.get(config, "files").and_then(|f| doc.mapping(f)) {
        for file in files {
            let value = doc.resolve(file.value);
            let Some(keys) = doc.mapping(value) else {
                if is_judged(doc, value) {
                    report(ctx, value, format!("the file `{}` must be a mapping such as `{{content: ..., mode: '000644'}}`", file.key.text), findings);
                }
                continue;
            };
            for key in keys {
                if !FILE_KEYS.contains(&key.key.text.as_str()) {
                    findings.push(with_suggestion(
                        finding(
                            Rule::InvalidCfnInit,
                            key.key.span,
                            format!(
                                "`{}` is not a file setting of cfn-init (content, source, encoding, group, owner, mode, authentication, context)",
                                key.key.text
                            ),
                        ),
                        &key.key.text,
                        FILE_KEYS.iter().copied(),
                    ));
                }
            }
        }
    }
    if let Some(managers) = doc.get(config, "services").and_then(|s| doc.mapping(s)) {
        for manager in managers {
            if !SERVICE_MANAGERS.contains(&manager.key.text.as_str()) {
                continue;
            }
            for service in doc.mapping(manager.value).unwrap_or_default() {
                check_service(ctx, service.value, findings);
            }
        }
    }
    if let Some(users) = doc.get(config, "users").and_then(|u| doc.mapping(u)) {
        for user in users {
            if let Some(groups) = doc.get(user.value, "groups") {
                let groups = doc.resolve(groups);
                if doc.sequence(groups).is_none() && is_judged(doc, groups) {
                    report(
                        ctx,
                        groups,
                        "a user's `groups` is a list of group names".to_string(),
                        findings,
                    );
                }
            }
        }
    }
}

fn check_service(ctx: &Ctx, service: NodeId, findings: &mut Vec<Finding>) {
    let doc = ctx.doc;
    for key in SERVICE_BOOLEANS {
        let Some(value) = doc.get(service, key).map(|v| doc.resolve(v)) else {
            continue;
        };
        let ok = match &doc.node(value).kind {
            NodeKind::Scalar(s) => {
                s.kind == ScalarKind::Bool || matches!(s.value.as_str(), "true" | "false")
            }
            _ => !is_judged(doc, value),
        };
        if !ok {
            report(
                ctx,
                value,
                format!("`{key}` of a service is `true` or `false`"),
                findings,
            );
        }
    }
    for key in SERVICE_LISTS {
        let Some(value) = doc.get(service, key).map(|v| doc.resolve(v)) else {
            continue;
        };
        if doc.sequence(value).is_none() && is_judged(doc, value) {
            report(
                ctx,
                value,
                format!("`{key}` of a service is a list"),
                findings,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;

    fn instance(init: &str) -> String {
        format!("Resources:\n  I:\n    Type: AWS::EC2::Instance\n    Metadata:\n      AWS::CloudFormation::Init:\n{init}    Properties:\n      ImageId: ami-12345678\n")
    }

    #[test]
    fn shapes_cfn_init_reads() {
        let text = instance("        config:\n          packages:\n            yum:\n              httpd: []\n            yumm:\n              x: []\n          files:\n            /etc/x:\n              content: abc\n              mdoe: '000644'\n            /etc/y: abc\n          services:\n            sysvinit:\n              httpd:\n                enabled: maybe\n                files: /etc/x\n          users:\n            u:\n              groups: g\n        other: []\n");
        let found = run(&text);
        let codes: Vec<_> = found.iter().map(|f| f.code()).collect();
        assert_eq!(codes, ["invalid-cfn-init"; 7], "{found:#?}");
    }

    #[test]
    fn a_good_config_is_quiet() {
        let text = instance("        configSets:\n          default: [config]\n        config:\n          packages:\n            yum:\n              httpd: []\n          files:\n            /etc/x:\n              content: !Sub '${AWS::Region}'\n              mode: '000644'\n          services:\n            sysvinit:\n              httpd:\n                enabled: 'true'\n                ensureRunning: true\n                files: [/etc/x]\n          users:\n            u:\n              groups: [g]\n");
        assert!(run(&text).is_empty(), "{:#?}", run(&text));
    }
}
