//! `docs/rules.md`, generated from the registry: one heading per rule (so
//! links and SARIF `helpUri` anchors work), grouped by family and section.
//! Regenerate with `cargo run -p awsls -- rules --format markdown > docs/rules.md`.

use std::fmt::Write as _;

use super::{Family, Rule};
use crate::analysis::Severity;

/// How the rules of a family are applied, shown before the family's rules.
fn family_intro(family: Family) -> &'static str {
    match family {
        Family::Syntax => "Reported in every file kind, before any other check.",
        Family::CloudFormation => CLOUDFORMATION,
        Family::Sam => SAM,
        Family::Iam => IAM,
        Family::AppSpec => APPSPEC,
    }
}

/// Shown before the first rule of a section, where there is more to say.
fn group_intro(family: Family, group: &str) -> Option<&'static str> {
    match (family, group) {
        (Family::CloudFormation, "Resources and properties") => Some(PROPERTIES),
        (Family::Sam, "Globals") => Some(SAM_GLOBALS),
        _ => None,
    }
}

const CLOUDFORMATION: &str = "Findings of kind `cloudformation` about the template itself: its sections,\nresource attributes, references, intrinsic functions, parameters, conditions,\nmappings, outputs, `Rules` and quotas. Resource types and their properties are\nchecked against the resource schemas by other rules.\n\nEvery finding can be silenced with `Metadata: {awsls: {ignore: [CODE, ...]}}`:\non a resource for the findings inside that resource, at the top level of the\ntemplate for the whole file.\n\n```yaml\nMetadata:\n  awsls:\n    ignore: [unused-parameter]      # whole template\nResources:\n  Legacy:\n    Type: AWS::SNS::Topic\n    Metadata:\n      awsls:\n        ignore: [unknown-ref]       # this resource only\n```\n\nTransforms: with `AWS::Serverless-2016-10-31` (SAM) references to resources\nSAM generates (`MyFunctionRole`, `ServerlessRestApi`, `MyFunction.Alias`, ...)\nare accepted and SAM resources are left to the SAM rules. With\n`AWS::LanguageExtensions`, `Fn::Length`, `Fn::ToJsonString`, the `Fn::FindInMap`\ndefault value and functions in `DeletionPolicy`/`UpdateReplacePolicy` are\naccepted, and `Fn::ForEach` loops are expanded: what each iteration declares\nis checked and can be referenced, and a finding in a loop body is reported\nonce, saying which iterations it holds for: (for `Name` = a, b). Any other macro in `Transform`\n(and Rain directives) may rewrite the template, so only the format version and\nthe quotas are checked. The argument of `Fn::Transform` (for example\n`AWS::Include`) is never judged, and an include at the top of a section turns\noff the checks that need every declaration to be visible.";

const PROPERTIES: &str = "Resources are checked against the CloudFormation resource schemas embedded in\nawsls (`kind: cloudformation`). Values computed by intrinsic functions (`Ref`,\n`Fn::GetAtt`, `Fn::Sub`, ...), dynamic references (`{{resolve:...}}`), custom\nYAML tags and preprocessor directives (`Fn::Transform`, `Rain::Embed`) are\nnever judged as literals (the bodies of `Fn::ForEach` loops are checked for\neach iteration); each branch of `Fn::If` is checked.\nCloudFormation's own conversions are accepted: numbers and booleans written as\nstrings (`\"30\"`, `\"true\"`), and numbers or booleans where a string is expected.\nTemplates with a macro `Transform` (anything but AWS-owned transforms) are not\nchecked, since the macro may rewrite them. `AWS::Serverless::*` resources are\nchecked by the SAM rules.";

const SAM: &str = "Checked in templates whose `Transform` is `AWS::Serverless-2016-10-31`, alone or in a list. A SAM\ntemplate is also a CloudFormation template: every CloudFormation rule runs on it too, with the\nresources SAM generates counted as declared (see \"Generated resources\" below), and the\n`AWS::Serverless::*` resources are checked against the SAM resource schemas (the CloudFormation\nproperty rules `unknown-property`, `missing-required-property`, `invalid-type`, ... then report on\nthem). Inline policy documents in `Policies` are checked by the IAM rules (see the IAM section below).\n\nSAM creates resources from the ones a template declares; `Ref`, `Fn::GetAtt`, `Fn::Sub` and\n`DependsOn` may name them. The names follow the AWS SAM developer guide, \"Generated AWS\nCloudFormation resources for AWS SAM\": `<Function>Role` (without `Role`), `<Function>.Version`,\n`<Function>.Alias` and `<Function>Alias<alias>` (with `AutoPublishAlias`),\n`<Function>DeploymentGroup`, `ServerlessDeploymentApplication`, `CodeDeployServiceRole`,\n`<Function>Url`, `<Function>EventInvokeConfig`, per event `<Function><Event>` (event source mapping,\nrule, subscription, schedule, ...) and `<Function><Event>Permission`, `ServerlessRestApi`,\n`ServerlessRestApiProdStage` (or the `Globals.Api.StageName` stage), `ServerlessRestApi.Stage`,\n`ServerlessRestApi.Deployment`, `ServerlessHttpApi`, `ServerlessHttpApiApiGatewayDefaultStage`,\n`<Api><Stage>Stage`, `<Api>.Stage`, `<Api>.Deployment`, `<Api>.DomainName`, usage plan and API key\nresources, `<StateMachine>Role`, `<StateMachine><Event>Role`, and connector policies. When every\nserverless resource is of a kind whose generated names are fully known (functions, state machines,\nAPIs without custom domains or authorizers, tables, layers, applications, with plain-text stage and\nalias names), this list is complete and a misspelt name (`!GetAtt MyFunctonRole.Arn`) gets the\nCloudFormation reference errors (`unknown-ref`, `unknown-getatt-resource`, ...); otherwise names that\nlook generated are accepted.";

const SAM_GLOBALS: &str = "The sections and the properties each may set follow the AWS SAM developer guide, \"Globals section of\nthe AWS SAM template\": `Function`, `Api`, `HttpApi`, `SimpleTable` and `StateMachine` with their\nlisted properties; `CapacityProvider`, `MicrovmImage`, `NetworkConnector` and `WebFunction`, newer\nsections the guide lists without their properties, accept any property of their resource type. A resource is checked as merged with its section: a property required by the\nschema and given only in `Globals` is not missing. A mistake in `Globals` is reported once, in\n`Globals`, never again on each resource.\n\n- `sam-invalid-globals`: `Globals`, or one of its sections, is not a mapping. Example: `Globals: [Function]`.\n- `sam-unknown-globals-section`: a section SAM does not know. Example: `Functions:` (did you mean `Function`).\n- `sam-unsupported-global-property`: a property the section may not set, either one of the resource\n  type that must be set on each resource (`FunctionName`, `Events`, `Policies`, `Role`, ...) or no\n  property at all. Example: `Globals: {Function: {FunctionName: shared}}`.\n- `sam-deprecated-global-runtime` (warning): `Globals.Function.Runtime` is a deprecated Lambda runtime (fix: its successor).\n- `sam-blocked-global-runtime`: `Globals.Function.Runtime` can no longer be used to create functions. Example: `Runtime: python2.7`.\n\nA resource's own `Runtime` gets the CloudFormation runtime rules (`deprecated-lambda-runtime`,\n`blocked-lambda-runtime`).";

const IAM: &str = "Checked in standalone policy files and in policy documents embedded in CloudFormation and SAM templates.\nEmbedded policies take their kind from where they sit: `AssumeRolePolicyDocument` is a trust policy;\n`PolicyDocument` of `AWS::IAM::Policy`/`ManagedPolicy` and of role, user and group `Policies`, and SAM\nfunction `Policies` statements, are identity-based; bucket, queue, topic, key, endpoint and domain policies\nare resource-based. Standalone files may be any kind.";

const APPSPEC: &str = "Kind `appspec`. The platform (EC2/On-Premises, Lambda or ECS) is read from the content: `os`, `files` or `permissions` mean EC2/On-Premises; a resource of type `AWS::Lambda::Function` means Lambda; `AWS::ECS::Service` (or an entry named `TargetService`) means ECS.";

/// Gives the `bad` or `good` example document of a rule: (extension, text).
pub type ExampleSource<'a> = &'a dyn Fn(&str, &str) -> Option<(String, String)>;

/// The folder of every rule's examples (`<code>/bad.*`, `<code>/good.*`) in
/// the source tree this binary was built from; they are the rules' test
/// fixtures too.
pub fn examples_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/rules")
}

/// The `bad` or `good` example of `code` in `dir` (the first by name when
/// there are several extensions).
pub fn example_file(dir: &std::path::Path, code: &str, which: &str) -> Option<std::path::PathBuf> {
    let mut paths: Vec<std::path::PathBuf> = std::fs::read_dir(dir.join(code))
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.file_stem().and_then(|s| s.to_str()) == Some(which))
        .collect();
    paths.sort();
    paths.into_iter().next()
}

/// The documentation of every rule, as Markdown. `example_of(code, "bad")`
/// gives the text of a rule's example document, when there is one (the
/// fixtures under `tests/fixtures/rules/<code>/`), with its file extension.
pub fn markdown(example_of: ExampleSource<'_>) -> String {
    let mut out = String::new();
    out.push_str("# awsls rules\n\n");
    out.push_str("<!-- Generated from the rule registry (server/src/analysis/rules/) by `cargo run -p awsls -- rules --format markdown > docs/rules.md`; do not edit by hand. -->\n\n");
    out.push_str(
        "Every finding awsls reports comes from one of these rules. Each has a stable code \
(the `code` of a diagnostic and of `awsls check --format json`), a severity, the \
cfn-lint rules that check the same thing, and a bad and a good example (the \
documents awsls's tests check the rule against). `awsls rules` lists them on the \
terminal and `awsls rules CODE` explains one.\n\n",
    );
    out.push_str(
        "In CloudFormation and SAM templates findings can be silenced with \
`Metadata: {awsls: {ignore: [CODE, ...]}}`, or with cfn-lint's own \
`Metadata: {cfn-lint: {config: {ignore_checks: [ID, ...]}}}`: on a resource for the \
findings inside it, at the top level of the template for the whole file. Both lists \
accept awsls codes and cfn-lint rule IDs (`E3012`, or a prefix such as `E3`).\n\n",
    );
    let _ = writeln!(out, "| family | rules |\n|---|--:|");
    for family in Family::ALL {
        let count = Rule::ALL
            .iter()
            .filter(|r| r.def().family == family)
            .count();
        let _ = writeln!(
            out,
            "| [{}](#{}) | {count} |",
            family.title(),
            anchor(family.title())
        );
    }
    out.push('\n');
    for family in Family::ALL {
        let _ = writeln!(out, "## {}\n", family.title());
        let _ = writeln!(out, "{}\n", family_intro(family));
        let mut group = "";
        for rule in Rule::ALL.iter().filter(|r| r.def().family == family) {
            let def = rule.def();
            if def.group != group {
                group = def.group;
                let _ = writeln!(out, "### {group}\n");
                if let Some(intro) = group_intro(family, group).filter(|i| !i.is_empty()) {
                    let _ = writeln!(out, "{intro}\n");
                }
            }
            let _ = writeln!(out, "#### `{}`\n", def.code);
            let _ = writeln!(out, "{}\n", facts(*rule));
            let _ = writeln!(out, "{}\n", def.explanation);
            if !def.example.is_empty() {
                let _ = writeln!(out, "For example: {}\n", def.example);
            }
            for (which, title) in [("bad", "Reported"), ("good", "Not reported")] {
                if let Some((ext, text)) = example_of(def.code, which) {
                    let language = if ext == "json" { "json" } else { "yaml" };
                    let _ = writeln!(
                        out,
                        "<details><summary>{title}</summary>\n\n```{language}\n{}\n```\n\n</details>\n",
                        text.trim_end()
                    );
                }
            }
        }
    }
    out
}

/// The line under a rule's heading: severity, cfn-lint IDs, quick fix.
fn facts(rule: Rule) -> String {
    let def = rule.def();
    let mut facts = format!("**{}**", severity_name(def.severity));
    if let Some(note) = def.severity_note {
        let _ = write!(facts, " ({note})");
    }
    if !def.cfn_lint.is_empty() {
        let _ = write!(facts, " · cfn-lint {}", def.cfn_lint.join(", "));
    }
    if def.fix {
        facts.push_str(" · quick fix");
    }
    facts
}

pub fn severity_name(severity: Severity) -> &'static str {
    severity.as_str()
}

/// The anchor GitHub gives a heading.
pub fn anchor(heading: &str) -> String {
    heading
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            'a'..='z' | '0'..='9' | '-' | '_' => Some(c),
            ' ' => Some('-'),
            _ => None,
        })
        .collect()
}

/// Where a rule's documentation is, relative to the repository root.
pub fn help_uri(rule: Rule) -> String {
    format!("docs/rules.md#{}", anchor(&format!("`{}`", rule.code())))
}

/// The text description of one rule, for `awsls rules CODE`.
pub fn explain(rule: Rule) -> String {
    let def = rule.def();
    let mut out = format!(
        "{} ({}, {})\n\n{}\n\n{}\n",
        def.code,
        def.family.as_str(),
        facts(rule).replace("**", ""),
        def.summary,
        def.explanation
    );
    if !def.example.is_empty() {
        let _ = writeln!(out, "\nFor example: {}", def.example.replace('`', ""));
    }
    let _ = writeln!(out, "\nMore: {}", help_uri(rule));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_are_the_codes() {
        assert_eq!(help_uri(Rule::UnknownRef), "docs/rules.md#unknown-ref");
        assert_eq!(anchor("Syntax (every file kind)"), "syntax-every-file-kind");
    }
}
