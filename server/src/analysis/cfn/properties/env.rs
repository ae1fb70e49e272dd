//! What the schema walker knows of the template around a resource: the type
//! of each parameter and resource, to judge what `Ref` and `Fn::GetAtt`
//! return.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use crate::analysis::cfn::template::Template;
use awsls_grammars::Document;

#[derive(Debug, Default)]
pub struct Env {
    parameters: HashMap<String, String>,
    resources: HashMap<String, String>,
}

impl Env {
    pub fn of(doc: &Document, template: &Template) -> Env {
        let mut env = Env::default();
        for parameter in &template.parameters {
            let ty = doc
                .get(parameter.node, "Type")
                .and_then(|t| doc.str_value(t));
            if let Some(ty) = ty {
                env.parameters
                    .entry(parameter.name.clone())
                    .or_insert_with(|| ty.to_string());
            }
        }
        for resource in &template.resources {
            if let Some(ty) = &resource.type_name {
                env.resources
                    .entry(resource.decl.name.clone())
                    .or_insert_with(|| ty.clone());
            }
        }
        env
    }

    /// The declared type of parameter `name`.
    pub fn parameter(&self, name: &str) -> Option<&str> {
        self.parameters.get(name).map(String::as_str)
    }

    /// The type of resource `name`.
    pub fn resource(&self, name: &str) -> Option<&str> {
        self.resources.get(name).map(String::as_str)
    }

    /// A digest of everything here: findings that read it are reused only
    /// while it stays the same.
    pub fn fingerprint(&self) -> u64 {
        let mut pairs: Vec<(&String, &String, bool)> = self
            .parameters
            .iter()
            .map(|(k, v)| (k, v, true))
            .chain(self.resources.iter().map(|(k, v)| (k, v, false)))
            .collect();
        pairs.sort();
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        pairs.hash(&mut hasher);
        hasher.finish()
    }
}

/// Whether a parameter of type `ty` holds a list.
pub fn is_list_parameter(ty: &str) -> bool {
    ty.starts_with("List<")
        || ty == "CommaDelimitedList"
        || ty.starts_with("AWS::SSM::Parameter::Value<List<")
        || ty == "AWS::SSM::Parameter::Value<CommaDelimitedList>"
}
