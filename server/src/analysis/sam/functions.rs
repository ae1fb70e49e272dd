//! Function code and deployment settings, with `Globals.Function` merged in:
//! `PackageType` against `CodeUri`/`InlineCode`/`ImageUri`/`Handler`/`Runtime`/`Layers`, `Handler` and
//! `Runtime` for zip packages, and `DeploymentPreference` (which needs
//! `AutoPublishAlias`, takes a predefined CodeDeploy type and names hook
//! functions of the template). State machines get the alias check too.

use crate::analysis::rules::Rule;
use awsls_grammars::{NodeId, Span};

use crate::analysis::cfn::template::{Resource, Template};
use crate::analysis::{suggest, Finding, Snapshot};

use super::globals;
use super::values::{may_set, ref_target, sets, text};

/// The predefined `DeploymentPreference.Type` values, from the AWS SAM
/// developer guide ("DeploymentPreference") and CodeDeploy's predefined
/// Lambda deployment configurations.
pub const DEPLOYMENT_TYPES: &[(&str, &str)] = &[
    (
        "AllAtOnce",
        "Shifts all traffic to the new version at once.",
    ),
    (
        "Canary10Percent5Minutes",
        "Shifts 10% of traffic first, then the rest 5 minutes later.",
    ),
    (
        "Canary10Percent10Minutes",
        "Shifts 10% of traffic first, then the rest 10 minutes later.",
    ),
    (
        "Canary10Percent15Minutes",
        "Shifts 10% of traffic first, then the rest 15 minutes later.",
    ),
    (
        "Canary10Percent30Minutes",
        "Shifts 10% of traffic first, then the rest 30 minutes later.",
    ),
    (
        "Linear10PercentEvery1Minute",
        "Shifts 10% of traffic every minute until all traffic has shifted.",
    ),
    (
        "Linear10PercentEvery2Minutes",
        "Shifts 10% of traffic every 2 minutes until all traffic has shifted.",
    ),
    (
        "Linear10PercentEvery3Minutes",
        "Shifts 10% of traffic every 3 minutes until all traffic has shifted.",
    ),
    (
        "Linear10PercentEvery10Minutes",
        "Shifts 10% of traffic every 10 minutes until all traffic has shifted.",
    ),
];

/// `DeploymentPreference.Hooks` keys and the AppSpec hooks they stand for.
pub const HOOKS: &[(&str, &str)] = &[
    ("PreTraffic", "BeforeAllowTraffic"),
    ("PostTraffic", "AfterAllowTraffic"),
];

/// A property of the resource, else the one it inherits from `Globals`.
struct Merged<'a> {
    snapshot: &'a Snapshot,
    resource: &'a Resource,
    type_name: &'a str,
}

impl Merged<'_> {
    fn own(&self, name: &str) -> Option<NodeId> {
        self.snapshot.document.get(self.resource.properties?, name)
    }

    fn get(&self, name: &str) -> Option<NodeId> {
        self.own(name)
            .or_else(|| globals::inherited(self.snapshot, self.type_name, name))
    }

    /// Set here or in `Globals`, or possibly set through a merge key.
    fn may_have(&self, name: &str) -> bool {
        may_set(&self.snapshot.document, self.resource.properties, name) || self.get(name).is_some()
    }

    fn key_span(&self, name: &str) -> Option<Span> {
        let doc = &self.snapshot.document;
        doc.entry(self.resource.properties?, name)
            .map(|e| e.key.span)
    }

    /// Where to report something missing from the resource.
    fn anchor(&self) -> Span {
        let doc = &self.snapshot.document;
        self.resource
            .properties
            .and_then(|_| doc.entry(self.resource.decl.node, "Properties"))
            .map(|e| e.key.span)
            .unwrap_or(self.resource.decl.name_span)
    }
}

pub fn check(
    snapshot: &Snapshot,
    template: &Template,
    resource: &Resource,
    findings: &mut Vec<Finding>,
) {
    let Some(type_name) = resource.type_name.as_deref() else {
        return;
    };
    let merged = Merged {
        snapshot,
        resource,
        type_name,
    };
    if type_name == "AWS::Serverless::Function" {
        package(&merged, findings);
    }
    deployment(&merged, template, findings);
}

/// Code location and handler/runtime by package type.
fn package(m: &Merged<'_>, findings: &mut Vec<Finding>) {
    let doc = &m.snapshot.document;
    let name = &m.resource.decl.name;
    let package_type = match m.get("PackageType") {
        Some(node) => match text(doc, node) {
            Some(t) => t.to_string(),
            None => return,
        },
        None if m.may_have("ImageUri") && !m.may_have("CodeUri") && !m.may_have("InlineCode") => {
            "Image".to_string()
        }
        None if sets(doc, m.resource.properties, "<<") => return,
        None => "Zip".to_string(),
    };
    match package_type.as_str() {
        "Zip" => {
            // Without `CodeUri` or `InlineCode`, `sam package` uploads the
            // template's folder: not an error in a source template.
            if let (Some(_), Some(span)) = (m.own("CodeUri"), m.key_span("InlineCode")) {
                findings.push(Finding::new(
                    Rule::SamCodeConflict,
                    span,
                    format!("The function `{name}` sets both `CodeUri` and `InlineCode`; keep one"),
                ));
            }
            if let Some(span) = m.key_span("ImageUri") {
                findings.push(Finding::new(Rule::SamPackageTypeConflict,
                    span,
                    format!("`ImageUri` belongs to `PackageType: Image`; the function `{name}` is a zip package"),
                ));
            }
            for property in ["Handler", "Runtime"] {
                if !m.may_have(property) {
                    findings.push(Finding::new(Rule::SamMissingHandlerOrRuntime,
                        m.anchor(),
                        format!("The zip-packaged function `{name}` needs `{property}` (here or in `Globals.Function`)"),
                    ));
                }
            }
        }
        "Image" => {
            let built_locally = doc.get(m.resource.decl.node, "Metadata").is_some_and(|md| {
                doc.get(md, "Dockerfile").is_some() || doc.get(md, "DockerContext").is_some()
            });
            if !m.may_have("ImageUri") && !built_locally {
                findings.push(Finding::new(Rule::SamMissingImageUri,
                    m.anchor(),
                    format!("The image-packaged function `{name}` needs `ImageUri` (or `Metadata` with `Dockerfile` and `DockerContext` for `sam build`)"),
                ));
            }
            for property in ["Handler", "Runtime", "Layers"] {
                if let Some(span) = m.key_span(property) {
                    findings.push(Finding::new(Rule::SamPackageTypeConflict,
                        span,
                        format!("`{property}` cannot be used with `PackageType: Image`; the image provides the runtime, handler and layers"),
                    ));
                }
            }
        }
        _ => {}
    }
}

fn deployment(m: &Merged<'_>, template: &Template, findings: &mut Vec<Finding>) {
    let doc = &m.snapshot.document;
    let Some(preference) = m.get("DeploymentPreference") else {
        return;
    };
    let own = m.own("DeploymentPreference").is_some();
    if !m.may_have("AutoPublishAlias") {
        // Reported where the preference is written; once for Globals.
        let span = if own {
            m.key_span("DeploymentPreference")
        } else {
            None
        };
        findings.push(Finding::new(Rule::SamDeploymentPreferenceWithoutAlias,
            span.unwrap_or(m.resource.decl.name_span),
            format!(
                "`DeploymentPreference` needs `AutoPublishAlias` on `{}`: CodeDeploy shifts traffic between versions of an alias",
                m.resource.decl.name
            ),
        ));
    }
    if !own {
        return;
    }
    if let Some(type_node) = doc.get(preference, "Type") {
        if let Some(value) = text(doc, type_node) {
            let known = DEPLOYMENT_TYPES.iter().any(|(t, _)| *t == value);
            if !known {
                if let Some(best) =
                    suggest::closest(value, DEPLOYMENT_TYPES.iter().map(|(t, _)| *t))
                {
                    let span = doc.node(doc.resolve(type_node)).span;
                    findings.push(Finding::new(Rule::SamUnknownDeploymentType,
                        span,
                        format!("`{value}` is not a predefined deployment type (SAM would use it as the name of a custom CodeDeploy deployment configuration); did you mean `{best}`?"),
                    ));
                }
            }
        }
    }
    let Some(hooks) = doc.get(preference, "Hooks").and_then(|h| doc.mapping(h)) else {
        return;
    };
    for hook in hooks {
        if !HOOKS.iter().any(|(h, _)| *h == hook.key.text) {
            continue;
        }
        let Some(target) = ref_target(doc, hook.value) else {
            continue;
        };
        let problem = match template
            .resource(target)
            .and_then(|r| r.type_name.as_deref())
        {
            Some("AWS::Serverless::Function" | "AWS::Lambda::Function") => None,
            Some(other) => Some(format!("`{target}` is an `{other}`")),
            None if template.parameter(target).is_some() => {
                Some(format!("`{target}` is a parameter"))
            }
            None => None,
        };
        if let Some(problem) = problem {
            findings.push(Finding::new(
                Rule::SamDeploymentHookNotFunction,
                doc.node(doc.resolve(hook.value)).span,
                format!(
                    "The `{}` hook must name a Lambda function of this template: {problem}",
                    hook.key.text
                ),
            ));
        }
    }
}
