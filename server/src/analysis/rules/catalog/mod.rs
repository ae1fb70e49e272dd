//! The definitions of the rules, one file per family of rules.

pub mod appspec;
pub mod cfn_attributes;
pub mod cfn_functions;
pub mod cfn_parameters;
pub mod cfn_properties;
pub mod cfn_quotas;
pub mod cfn_references;
pub mod cfn_sections;
pub mod cfn_structure;
pub mod iam_actions;
pub mod iam_conditions;
pub mod iam_grammar;
pub mod iam_principals;
pub mod iam_resources;
pub mod iam_security;
pub mod sam;
pub mod syntax;
