//! Condition keys: looking a key up among the global keys, its service's
//! keys and the keys the statement's actions list, with the variable parts of
//! reference names (`aws:RequestTag/${TagKey}`, `s3:ExistingObjectTag/<key>`).

use crate::schema::iam;

use super::actions::Scope;
use super::values;

/// Global keys AWS documents elsewhere than the main global key list.
const EXTRA_GLOBAL_KEYS: &[(&str, &str, &str)] = &[
    ("aws:SourceOwner", "String", "The account that owns the resource making a service-to-service request (older form of aws:SourceAccount)."),
    ("aws:Ec2InstanceSourceVpc", "String", "The VPC an EC2 instance's role credentials were delivered to."),
    ("aws:Ec2InstanceSourcePrivateIPv4", "IPAddress", "The private IPv4 address of the EC2 instance using role credentials."),
];

/// What is known about a condition key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyInfo {
    /// The key as the reference writes it (`aws:RequestTag/${TagKey}`).
    pub name: String,
    pub ty: Option<String>,
    pub description: Option<String>,
}

/// A reference key name with its variable parts (`${TagKey}`, `<key>`)
/// replaced by `placeholder`.
pub fn mask_key(name: &str, placeholder: &str) -> String {
    let mut masked = values::mask_variables(name, placeholder);
    // Some services spell the tag key part `tag-key`, or leave it empty.
    if let Some(stem) = masked.strip_suffix("/tag-key") {
        masked = format!("{stem}/{placeholder}");
    } else if masked.ends_with('/') {
        masked.push_str(placeholder);
    }
    match (masked.find('<'), masked.rfind('>')) {
        (Some(start), Some(end)) if start < end => format!(
            "{}{placeholder}{}",
            masked.get(..start).unwrap_or_default(),
            masked.get(end + 1..).unwrap_or_default()
        ),
        _ => masked,
    }
}

/// True when `key` matches a reference key name, where `${...}` and `<...>`
/// parts stand for any text.
pub fn key_matches(pattern: &str, key: &str) -> bool {
    if pattern.contains("${")
        || pattern.contains('<')
        || pattern.ends_with("/tag-key")
        || pattern.ends_with('/')
    {
        iam::wildcard_match(&mask_key(pattern, "*"), key)
    } else {
        pattern.eq_ignore_ascii_case(key)
    }
}

/// Looks a condition key up: global keys, the keys of its service, and the
/// keys the statement's actions list. `Err(candidates)` when the key's
/// prefix is known but the key is not; `Ok(None)` when nothing can be said.
pub fn lookup(key: &str, scope: &Scope) -> Result<Option<KeyInfo>, Vec<String>> {
    let Some((prefix, _)) = key.split_once(':') else {
        return Err(Vec::new());
    };
    if prefix.eq_ignore_ascii_case("aws") {
        if let Some(global) = iam::global_condition_key(key) {
            return Ok(Some(KeyInfo {
                name: global.name.to_string(),
                ty: Some(global.ty.to_string()),
                description: Some(global.description.to_string()),
            }));
        }
        if let Some((name, ty, description)) = EXTRA_GLOBAL_KEYS
            .iter()
            .find(|k| k.0.eq_ignore_ascii_case(key))
        {
            return Ok(Some(KeyInfo {
                name: name.to_string(),
                ty: Some(ty.to_string()),
                description: Some(description.to_string()),
            }));
        }
        if let Some(info) = in_scope(key, scope) {
            return Ok(Some(info));
        }
        let mut names: Vec<String> = iam::global_condition_keys()
            .iter()
            .map(|k| k.name.trim_end_matches('/').to_string())
            .collect();
        names.extend(EXTRA_GLOBAL_KEYS.iter().map(|k| k.0.to_string()));
        return Err(names);
    }
    let Some(service) = iam::service(prefix) else {
        return Ok(None);
    };
    if let Some(found) = service
        .condition_keys
        .iter()
        .find(|k| key_matches(&k.name, key))
    {
        return Ok(Some(KeyInfo {
            name: found.name.to_string(),
            ty: Some(found.ty.to_string()),
            description: Some(found.description.to_string()),
        }));
    }
    if let Some(info) = in_scope(key, scope) {
        return Ok(Some(info));
    }
    Err(service
        .condition_keys
        .iter()
        .map(|k| mask_key(&k.name, "").trim_end_matches('/').to_string())
        .collect())
}

/// A key listed by one of the statement's actions (some actions list other services' keys).
fn in_scope(key: &str, scope: &Scope) -> Option<KeyInfo> {
    for (service, action) in &scope.actions {
        if let Some(name) = action.condition_keys.iter().find(|k| key_matches(k, key)) {
            let typed = key
                .split_once(':')
                .and_then(|(p, _)| iam::service(p))
                .unwrap_or(service)
                .condition_keys
                .iter()
                .find(|k| key_matches(&k.name, key));
            return Some(KeyInfo {
                name: name.to_string(),
                ty: typed.map(|k| k.ty.to_string()),
                description: typed.map(|k| k.description.to_string()),
            });
        }
    }
    None
}
