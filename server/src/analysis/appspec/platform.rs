//! The compute platform an AppSpec file targets (EC2/On-Premises, Lambda or
//! ECS), read from its content, and the spellings of the top-level keys.

use awsls_grammars::{Document, NodeId};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Platform {
    Ec2,
    Lambda,
    Ecs,
}

impl Platform {
    pub fn label(self) -> &'static str {
        match self {
            Platform::Ec2 => "EC2/On-Premises",
            Platform::Lambda => "Lambda",
            Platform::Ecs => "ECS",
        }
    }

    pub const ALL: [Platform; 3] = [Platform::Ec2, Platform::Lambda, Platform::Ecs];
}

/// Keys only EC2/On-Premises files have.
pub const EC2_ONLY_KEYS: &[&str] = &["os", "files", "permissions", "file_exists_behavior"];

pub const LAMBDA_TYPE: &str = "AWS::Lambda::Function";
pub const ECS_TYPE: &str = "AWS::ECS::Service";

/// The value of a top-level section, accepting the capitalised spelling that
/// Lambda and ECS files commonly use (`Resources`, `Hooks`).
pub fn section(doc: &Document, root: NodeId, lower: &str) -> Option<NodeId> {
    doc.get(root, lower)
        .or_else(|| doc.get(root, &capitalise(lower)))
}

pub fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The platform the content points to, or `None` when nothing tells.
pub fn detect(doc: &Document, root: NodeId) -> Option<Platform> {
    doc.mapping(root)?;
    if let Some(platform) = section(doc, root, "resources").and_then(|r| from_resources(doc, r)) {
        return Some(platform);
    }
    if EC2_ONLY_KEYS.iter().any(|k| doc.get(root, k).is_some()) {
        return Some(Platform::Ec2);
    }
    if section(doc, root, "resources").is_some() {
        return from_hook_names(doc, root).or(Some(Platform::Lambda));
    }
    let hooks = section(doc, root, "hooks")?;
    if doc.mapping(hooks).is_some() {
        return Some(Platform::Ec2);
    }
    from_hook_names(doc, root)
}

/// The resource `Type` values decide: a Lambda function or an ECS service.
fn from_resources(doc: &Document, resources: NodeId) -> Option<Platform> {
    for item in doc.sequence(resources)? {
        for entry in doc.mapping(*item).unwrap_or_default() {
            match doc.get(entry.value, "Type").and_then(|t| doc.str_value(t)) {
                Some(LAMBDA_TYPE) => return Some(Platform::Lambda),
                Some(ECS_TYPE) => return Some(Platform::Ecs),
                _ if entry.key.text == "TargetService" => return Some(Platform::Ecs),
                _ => {}
            }
        }
    }
    None
}

/// A hook list naming ECS-only events is ECS; one with only traffic events is Lambda.
fn from_hook_names(doc: &Document, root: NodeId) -> Option<Platform> {
    let hooks = section(doc, root, "hooks")?;
    let items = doc.sequence(hooks)?;
    let ecs_only = ["BeforeInstall", "AfterInstall", "AfterAllowTestTraffic"];
    let names = items
        .iter()
        .filter_map(|item| doc.mapping(*item))
        .flat_map(|entries| entries.iter().map(|e| e.key.text.as_str()));
    let mut any = false;
    for name in names {
        any = true;
        if ecs_only.contains(&name) {
            return Some(Platform::Ecs);
        }
    }
    any.then_some(Platform::Lambda)
}
