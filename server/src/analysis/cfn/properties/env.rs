//! What the schema walker knows of the template around a resource: the type
//! of each parameter and resource, read from the template's declarations,
//! to judge what `Ref` and `Fn::GetAtt` return.

use std::hash::{Hash, Hasher};

use crate::analysis::cfn::template::Template;
use crate::schema::{JsonType, TypeSet};
use awsls_grammars::Document;

/// A view of a template's declarations (nothing is copied).
#[derive(Clone, Copy)]
pub struct Env<'a> {
    doc: &'a Document,
    template: &'a Template,
}

impl<'a> Env<'a> {
    pub fn of(doc: &'a Document, template: &'a Template) -> Env<'a> {
        Env { doc, template }
    }

    /// The declared type of parameter `name`.
    pub fn parameter(&self, name: &str) -> Option<&'a str> {
        let parameter = self.template.parameter(name)?;
        self.doc
            .str_value(self.doc.get(parameter.node, "Type")?)
            .filter(|t| !t.is_empty())
    }

    /// Whether `name` is a declared parameter or resource.
    pub fn declares(&self, name: &str) -> bool {
        self.template.parameter(name).is_some() || self.template.resource(name).is_some()
    }

    /// The type of resource `name`.
    pub fn resource(&self, name: &str) -> Option<&'a str> {
        self.template.resource(name)?.type_name.as_deref()
    }

    /// The JSON types of `Fn::GetAtt resource.attribute`, from the
    /// resource type's schema.
    pub fn attribute_types(&self, resource: &str, attribute: &str) -> Option<TypeSet> {
        let schema = crate::schema::cfn::resource(self.resource(resource)?)?;
        Some(schema.attribute(attribute)?.types)
    }

    /// Whether `Fn::GetAtt resource.attribute` is always a list.
    pub fn attribute_is_list(&self, resource: &str, attribute: &str) -> bool {
        self.attribute_types(resource, attribute)
            .is_some_and(|t| !t.is_empty() && t.iter().all(|t| t == JsonType::Array))
    }

    /// The type of parameter `name` when it holds a list.
    pub fn list_parameter(&self, name: &str) -> Option<&'a str> {
        self.parameter(name).filter(|ty| is_list_parameter(ty))
    }

    /// A digest of the names and types of the declarations: findings that
    /// read them are reused only while it stays the same.
    pub fn fingerprint(&self) -> u64 {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        for parameter in &self.template.parameters {
            parameter.name.hash(&mut hasher);
            let ty = self
                .doc
                .get(parameter.node, "Type")
                .and_then(|t| self.doc.str_value(t));
            ty.hash(&mut hasher);
        }
        0xff_u8.hash(&mut hasher);
        for resource in &self.template.resources {
            resource.decl.name.hash(&mut hasher);
            resource.type_name.hash(&mut hasher);
        }
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
