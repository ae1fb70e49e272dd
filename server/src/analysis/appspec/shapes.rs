//! The mappings an AppSpec file is made of, the keys each one takes and what
//! they mean, and which mapping a path from the root leads to. Facts from the
//! CodeDeploy user guide (AppSpec file reference) and the CodeDeploy agent.

use super::platform::{Platform, ECS_TYPE, LAMBDA_TYPE};

/// A step in a path from the root: a mapping key or a sequence item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Item,
}

/// A mapping with a known set of keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Root(Option<Platform>),
    HookScript,
    File,
    Permission,
    SelinuxContext,
    Resource(Platform),
    LambdaProperties,
    EcsProperties,
    LoadBalancerInfo,
    NetworkConfiguration,
    AwsvpcConfiguration,
    CapacityProvider,
}

/// Where a path leads: a mapping of known keys, or one whose keys are lifecycle events.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    Shape(Shape),
    /// EC2 `hooks:` mapping: event name to list of scripts.
    Ec2Hooks,
    /// An item of a Lambda/ECS `Hooks:` list: event name to function name.
    FunctionHook(Platform),
    /// An item of `resources:`: resource name to definition.
    ResourceItem(Platform),
}

#[derive(Clone, Copy, Debug)]
pub struct KeyDoc {
    pub name: &'static str,
    pub required: bool,
    pub doc: &'static str,
    /// Allowed values with what each means, when the set is closed.
    pub values: &'static [(&'static str, &'static str)],
    /// Ignored or rejected on Windows Server instances.
    pub linux_only: bool,
}

const fn key(name: &'static str, required: bool, doc: &'static str) -> KeyDoc {
    KeyDoc {
        name,
        required,
        doc,
        values: &[],
        linux_only: false,
    }
}

const fn valued(
    name: &'static str,
    required: bool,
    doc: &'static str,
    values: &'static [(&'static str, &'static str)],
) -> KeyDoc {
    KeyDoc {
        name,
        required,
        doc,
        values,
        linux_only: false,
    }
}

const fn linux(name: &'static str, doc: &'static str) -> KeyDoc {
    KeyDoc {
        name,
        required: false,
        doc,
        values: &[],
        linux_only: true,
    }
}

pub const MAX_TIMEOUT: i64 = 3600;

const VERSION: KeyDoc = key(
    "version",
    true,
    "The AppSpec version. The only version is `0.0`, written as a number: `version: 0.0`.",
);
const HOOKS_EC2: KeyDoc = key(
    "hooks",
    false,
    "Scripts to run at lifecycle events: a mapping from event name to a list of scripts, each with `location`, and optionally `timeout` and `runas`.",
);
const HOOKS_FN: KeyDoc = key(
    "hooks",
    false,
    "Lambda functions to invoke at lifecycle events: a list of single-key mappings, `- BeforeAllowTraffic: FunctionName`. Each function must report its result with `PutLifecycleEventHookExecutionStatus`. Also written `Hooks`.",
);
const RESOURCES_LAMBDA: KeyDoc = key(
    "resources",
    true,
    "The Lambda function to deploy: a list of one named entry with `Type: AWS::Lambda::Function` and `Properties` `Name`, `Alias`, `CurrentVersion` and `TargetVersion`. Also written `Resources`.",
);
const RESOURCES_ECS: KeyDoc = key(
    "resources",
    true,
    "The ECS service to deploy: a list of one entry, `TargetService`, with `Type: AWS::ECS::Service` and `Properties` (`TaskDefinition`, `LoadBalancerInfo`, ...). Also written `Resources`.",
);
const OS: KeyDoc = valued(
    "os",
    true,
    "The operating system of the instances the revision is deployed to.",
    &[
        (
            "linux",
            "Amazon Linux, Ubuntu Server or Red Hat Enterprise Linux instances.",
        ),
        ("windows", "Windows Server instances."),
    ],
);
const FILES: KeyDoc = key(
    "files",
    false,
    "The files of the revision to copy onto the instance during the Install event: a list of `source`/`destination` pairs.",
);
const PERMISSIONS: KeyDoc = linux(
    "permissions",
    "Permissions to apply to the files copied in the Install event: a list of entries naming an `object` and its `owner`, `group`, `mode`, `acls` or SELinux `context`. Linux only: a deployment to Windows Server instances fails when they are set.",
);
const FILE_EXISTS: KeyDoc = valued(
    "file_exists_behavior",
    false,
    "What the Install event does with a file that already exists at its destination and was not put there by the last successful deployment.",
    &[
        ("DISALLOW", "Fail the deployment (the default)."),
        ("OVERWRITE", "Replace the existing file with the revision's."),
        ("RETAIN", "Keep the existing file and skip the revision's."),
    ],
);

const ROOT_EC2: &[KeyDoc] = &[VERSION, OS, FILES, PERMISSIONS, FILE_EXISTS, HOOKS_EC2];
const ROOT_LAMBDA: &[KeyDoc] = &[VERSION, RESOURCES_LAMBDA, HOOKS_FN];
const ROOT_ECS: &[KeyDoc] = &[VERSION, RESOURCES_ECS, HOOKS_FN];
const ROOT_ANY: &[KeyDoc] = &[
    VERSION,
    OS,
    FILES,
    PERMISSIONS,
    FILE_EXISTS,
    HOOKS_EC2,
    RESOURCES_ECS,
];

const HOOK_SCRIPT: &[KeyDoc] = &[
    key(
        "location",
        true,
        "The path of the script inside the revision, relative to the root of the revision bundle.",
    ),
    key(
        "timeout",
        false,
        "Seconds the script may run before it counts as failed; the default and the maximum is 3600. All scripts of one event share that hour.",
    ),
    linux(
        "runas",
        "The user the script runs as (by default the user running the CodeDeploy agent, usually root). Linux only: ignored on Windows Server.",
    ),
];

const FILE: &[KeyDoc] = &[
    key(
        "source",
        true,
        "A file or folder of the revision, relative to the revision's root; `/` means the whole revision.",
    ),
    key(
        "destination",
        true,
        "The absolute path on the instance the source is copied to.",
    ),
];

const PERMISSION: &[KeyDoc] = &[
    key(
        "object",
        true,
        "The file or folder on the instance (after Install) whose permissions are set.",
    ),
    key(
        "pattern",
        false,
        "For a folder object: which entries the permissions apply to, as a glob; `**` (the default) means all.",
    ),
    key("except", false, "For a folder object: a list of globs of entries left alone."),
    key("owner", false, "The user that owns the object."),
    key("group", false, "The group that owns the object."),
    key(
        "mode",
        false,
        "Octal permissions such as `\"0644\"` or `755`, as `chmod` takes them.",
    ),
    key(
        "acls",
        false,
        "Access control list entries, as `setfacl` takes them (`u:alice:rw-`, `d:g:web:r-x`).",
    ),
    key(
        "context",
        false,
        "SELinux security context for the object: `user`, `type` and `range`.",
    ),
    key(
        "type",
        false,
        "Which kinds of entries the permissions apply to: a list of `file` and/or `directory` (both by default).",
    ),
];

const SELINUX_CONTEXT: &[KeyDoc] = &[
    key("user", false, "The SELinux user (`system_u`)."),
    key("type", false, "The SELinux type (`httpd_sys_content_t`)."),
    key("range", false, "The SELinux MLS/MCS range (`s0`)."),
];

const RESOURCE_LAMBDA: &[KeyDoc] = &[
    valued(
        "Type",
        true,
        "The kind of resource deployed.",
        &[(
            LAMBDA_TYPE,
            "A Lambda function deployed by shifting an alias between versions.",
        )],
    ),
    key(
        "Properties",
        true,
        "`Name`, `Alias`, `CurrentVersion` and `TargetVersion` of the function.",
    ),
];

const RESOURCE_ECS: &[KeyDoc] = &[
    valued(
        "Type",
        true,
        "The kind of resource deployed.",
        &[(ECS_TYPE, "An ECS service deployed blue/green by CodeDeploy.")],
    ),
    key(
        "Properties",
        true,
        "The task definition, load balancer container and network settings of the replacement task set.",
    ),
];

const LAMBDA_PROPERTIES: &[KeyDoc] = &[
    key("Name", true, "The name of the Lambda function."),
    key(
        "Alias",
        true,
        "The alias whose traffic shifts from `CurrentVersion` to `TargetVersion`.",
    ),
    key(
        "CurrentVersion",
        true,
        "The version the alias points to now.",
    ),
    key(
        "TargetVersion",
        true,
        "The version the alias shifts traffic to.",
    ),
];

const ECS_PROPERTIES: &[KeyDoc] = &[
    key(
        "TaskDefinition",
        true,
        "The ARN of the task definition the replacement task set runs.",
    ),
    key(
        "LoadBalancerInfo",
        true,
        "The container and port the load balancer sends traffic to.",
    ),
    key(
        "PlatformVersion",
        false,
        "The Fargate platform version of the replacement task set (`LATEST`, `1.4.0`).",
    ),
    key(
        "NetworkConfiguration",
        false,
        "The VPC settings of the replacement task set: `AwsvpcConfiguration`.",
    ),
    key(
        "CapacityProviderStrategy",
        false,
        "The capacity providers of the replacement task set: a list of `CapacityProvider`, `Base` and `Weight`.",
    ),
];

const LOAD_BALANCER_INFO: &[KeyDoc] = &[
    key(
        "ContainerName",
        true,
        "The container of the task definition that receives traffic.",
    ),
    key(
        "ContainerPort",
        true,
        "The port of that container traffic is sent to.",
    ),
];

const NETWORK_CONFIGURATION: &[KeyDoc] = &[key(
    "AwsvpcConfiguration",
    true,
    "Subnets, security groups and public IP of the tasks.",
)];

const AWSVPC_CONFIGURATION: &[KeyDoc] = &[
    key(
        "Subnets",
        true,
        "The subnets the tasks run in (a list of IDs).",
    ),
    key(
        "SecurityGroups",
        false,
        "The security groups of the tasks (a list of IDs).",
    ),
    valued(
        "AssignPublicIp",
        false,
        "Whether the tasks' network interfaces get a public IP address.",
        &[
            ("ENABLED", "Give each task a public IP address."),
            ("DISABLED", "No public IP address (the default)."),
        ],
    ),
];

const CAPACITY_PROVIDER: &[KeyDoc] = &[
    key(
        "CapacityProvider",
        true,
        "The name of the capacity provider (`FARGATE`, `FARGATE_SPOT`, ...).",
    ),
    key(
        "Base",
        false,
        "How many tasks, at least, run on this capacity provider (0 to 100000).",
    ),
    key(
        "Weight",
        false,
        "The share of tasks placed on this capacity provider, relative to the others (0 to 1000).",
    ),
];

pub fn keys(shape: Shape) -> &'static [KeyDoc] {
    match shape {
        Shape::Root(Some(Platform::Ec2)) => ROOT_EC2,
        Shape::Root(Some(Platform::Lambda)) => ROOT_LAMBDA,
        Shape::Root(Some(Platform::Ecs)) => ROOT_ECS,
        Shape::Root(None) => ROOT_ANY,
        Shape::HookScript => HOOK_SCRIPT,
        Shape::File => FILE,
        Shape::Permission => PERMISSION,
        Shape::SelinuxContext => SELINUX_CONTEXT,
        Shape::Resource(Platform::Ecs) => RESOURCE_ECS,
        Shape::Resource(_) => RESOURCE_LAMBDA,
        Shape::LambdaProperties => LAMBDA_PROPERTIES,
        Shape::EcsProperties => ECS_PROPERTIES,
        Shape::LoadBalancerInfo => LOAD_BALANCER_INFO,
        Shape::NetworkConfiguration => NETWORK_CONFIGURATION,
        Shape::AwsvpcConfiguration => AWSVPC_CONFIGURATION,
        Shape::CapacityProvider => CAPACITY_PROVIDER,
    }
}

/// The documentation of `name` in `shape`; `Resources`/`Hooks` match at the root.
pub fn key_doc(shape: Shape, name: &str) -> Option<&'static KeyDoc> {
    let name = root_spelling(shape, name);
    keys(shape).iter().find(|k| k.name == name)
}

/// In Lambda and ECS files, `Resources` and `Hooks` are the same sections as
/// `resources` and `hooks` (the CodeDeploy agent, which reads EC2 files, only
/// knows the lower-case keys).
pub fn root_spelling(shape: Shape, name: &str) -> &str {
    match (shape, name) {
        (Shape::Root(Some(Platform::Ec2)), _) => name,
        (Shape::Root(_), "Resources") => "resources",
        (Shape::Root(_), "Hooks") => "hooks",
        _ => name,
    }
}

/// What the mapping at the end of `path` is.
pub fn place(path: &[Seg], platform: Option<Platform>) -> Option<Place> {
    let key = |i: usize| match path.get(i) {
        Some(Seg::Key(k)) => Some(k.as_str()),
        _ => None,
    };
    let item = |i: usize| matches!(path.get(i), Some(Seg::Item));
    let first = key(0).map(|k| root_spelling(Shape::Root(platform), k));
    let fn_platform = match platform {
        Some(Platform::Lambda) => Platform::Lambda,
        _ => Platform::Ecs,
    };
    let place = match (path.len(), first) {
        (0, _) => Place::Shape(Shape::Root(platform)),
        (1, Some("hooks")) => Place::Ec2Hooks,
        (2, Some("hooks")) if item(1) && platform == Some(Platform::Ec2) => Place::Ec2Hooks,
        (2, Some("hooks")) if item(1) => Place::FunctionHook(fn_platform),
        (3, Some("hooks")) if key(1).is_some() && item(2) => Place::Shape(Shape::HookScript),
        (2, Some("files")) if item(1) => Place::Shape(Shape::File),
        (2, Some("permissions")) if item(1) => Place::Shape(Shape::Permission),
        (3, Some("permissions")) if item(1) && key(2) == Some("context") => {
            Place::Shape(Shape::SelinuxContext)
        }
        (_, Some("resources")) if item(1) => return resource_place(path, fn_platform),
        _ => return None,
    };
    Some(place)
}

/// Places under `resources: - Name: ...`.
fn resource_place(path: &[Seg], platform: Platform) -> Option<Place> {
    let rest: Vec<&str> = path
        .iter()
        .skip(3)
        .map(|s| match s {
            Seg::Key(k) => k.as_str(),
            Seg::Item => "-",
        })
        .collect();
    let shape = match (path.len(), rest.as_slice()) {
        (2, _) => return Some(Place::ResourceItem(platform)),
        (3, _) => Shape::Resource(platform),
        (_, ["Properties"]) if platform == Platform::Lambda => Shape::LambdaProperties,
        (_, ["Properties"]) => Shape::EcsProperties,
        (_, ["Properties", "LoadBalancerInfo"]) => Shape::LoadBalancerInfo,
        (_, ["Properties", "NetworkConfiguration"]) => Shape::NetworkConfiguration,
        (_, ["Properties", "NetworkConfiguration", "AwsvpcConfiguration"]) => {
            Shape::AwsvpcConfiguration
        }
        (_, ["Properties", "CapacityProviderStrategy", "-"]) => Shape::CapacityProvider,
        _ => return None,
    };
    Some(Place::Shape(shape))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(parts: &[&str]) -> Vec<Seg> {
        parts
            .iter()
            .map(|p| match *p {
                "-" => Seg::Item,
                k => Seg::Key(k.to_string()),
            })
            .collect()
    }

    #[test]
    fn places_follow_paths() {
        let ec2 = Some(Platform::Ec2);
        assert_eq!(place(&path(&["hooks"]), ec2), Some(Place::Ec2Hooks));
        assert_eq!(
            place(&path(&["hooks", "BeforeInstall", "-"]), ec2),
            Some(Place::Shape(Shape::HookScript))
        );
        assert_eq!(
            place(&path(&["Hooks", "-"]), Some(Platform::Lambda)),
            Some(Place::FunctionHook(Platform::Lambda))
        );
        assert_eq!(
            place(
                &path(&[
                    "Resources",
                    "-",
                    "TargetService",
                    "Properties",
                    "LoadBalancerInfo"
                ]),
                Some(Platform::Ecs)
            ),
            Some(Place::Shape(Shape::LoadBalancerInfo))
        );
        assert_eq!(place(&path(&["os"]), ec2), None);
    }

    #[test]
    fn capitalised_sections_share_docs() {
        let root = Shape::Root(Some(Platform::Ecs));
        assert_eq!(
            key_doc(root, "Resources").map(|k| k.name),
            Some("resources")
        );
        assert!(key_doc(root, "os").is_none());
        assert!(key_doc(Shape::Root(Some(Platform::Ec2)), "Hooks").is_none());
    }
}
