//! `Fn::Sub` hygiene in the properties of any resource (the rules are
//! declared with the template's, `cfn::rules::sub_hygiene`): checked one
//! resource at a time, so an edit re-checks its resource only.

use awsls_grammars::Span;

use super::{ResourceCtx, ResourceRule};
use crate::analysis::cfn::rules::sub_hygiene::{check_properties, Scope};
use crate::analysis::Finding;

pub const RULES: &[ResourceRule] = &[ResourceRule {
    types: &["*"],
    check: properties,
}];

fn properties(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    let declares = |name: &str| ctx.env.declares(name);
    // `Fn::Transform` arguments are skipped by the walk itself.
    let opaque = |_: Span| false;
    let scope = Scope {
        snapshot: ctx.snapshot,
        declares: &declares,
        opaque: &opaque,
    };
    check_properties(&scope, ctx.properties, findings);
}
