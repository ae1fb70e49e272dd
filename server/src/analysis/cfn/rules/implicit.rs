//! Names a transform creates behind the scenes (SAM's `<Function>Role`,
//! `ServerlessRestApi`, ...), which references may use without a declaration.

use std::collections::HashMap;

/// Resources the template does not declare but a transform will create.
#[derive(Clone, Debug, Default)]
pub struct ImplicitNames {
    /// Name → CloudFormation type, when known (used to check `Fn::GetAtt` attributes).
    names: HashMap<String, Option<String>>,
    /// True when `names` is the complete list: turns off the guesses made for
    /// SAM templates about which undeclared names a transform may create.
    exhaustive: bool,
}

impl ImplicitNames {
    /// An empty list that is not exhaustive: SAM templates get the lenient guesses.
    pub fn new() -> ImplicitNames {
        ImplicitNames::default()
    }

    /// A list its owner vouches is complete: no guessing for SAM templates.
    pub fn exhaustive() -> ImplicitNames {
        ImplicitNames {
            names: HashMap::new(),
            exhaustive: true,
        }
    }

    /// Adds a generated resource, with its CloudFormation type when known.
    pub fn insert(&mut self, name: impl Into<String>, type_name: Option<String>) {
        self.names.insert(name.into(), type_name);
    }

    pub fn contains(&self, name: &str) -> bool {
        self.names.contains_key(name)
    }

    /// The type of a generated resource, when known.
    pub fn type_of(&self, name: &str) -> Option<&str> {
        self.names.get(name).and_then(|t| t.as_deref())
    }

    pub fn is_exhaustive(&self) -> bool {
        self.exhaustive
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.names.keys().map(String::as_str)
    }
}
