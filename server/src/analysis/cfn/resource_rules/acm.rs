//! Certificate Manager: each validation domain must be the domain it
//! validates or one of its superdomains.

use super::{ResourceCtx, ResourceRule};
use crate::analysis::rules::Rule;
use crate::analysis::Finding;

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const ACM_VALIDATION_DOMAIN: RuleDef = RuleDef {
        code: "acm-validation-domain",
        family: Family::CloudFormation,
        group: "Certificate Manager",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E3503"],
        fix: false,
        summary: "A `ValidationDomain` that is not the domain name or one of its superdomains",
        explanation: "Email validation sends the approval mail to addresses of `ValidationDomain`, which must be the `DomainName` of the same validation option or a domain above it (`example.com` for `www.example.com`). ACM rejects any other domain and the certificate fails to create.",
        example: "`DomainName: www.example.com` with `ValidationDomain: example.org`",
    };
}

pub const RULES: &[ResourceRule] = &[ResourceRule {
    types: &["AWS::CertificateManager::Certificate"],
    check: certificate,
}];

/// A domain name as compared: lower case, without a trailing dot.
fn normalize(name: &str) -> String {
    name.trim_end_matches('.').to_ascii_lowercase()
}

/// Whether `parent` is `name` or a domain above it.
pub(super) fn is_same_or_subdomain(name: &str, parent: &str) -> bool {
    let (name, parent) = (normalize(name), normalize(parent));
    name == parent || name.ends_with(&format!(".{parent}"))
}

fn certificate(ctx: &ResourceCtx, findings: &mut Vec<Finding>) {
    let doc = ctx.doc;
    let Some(options) = ctx
        .property("DomainValidationOptions")
        .and_then(|o| doc.sequence(o))
    else {
        return;
    };
    for option in options {
        let domain = ctx.literal(doc.get(*option, "DomainName"));
        let validation = ctx.literal(doc.get(*option, "ValidationDomain"));
        let (Some(domain), Some(validation)) = (domain, validation) else {
            continue;
        };
        if domain.contains("${") || validation.contains("${") {
            continue;
        }
        let domain_bare = domain.trim_start_matches("*.");
        if is_same_or_subdomain(domain_bare, validation) {
            continue;
        }
        if let Some(span) = ctx.key_span(*option, "ValidationDomain") {
            findings.push(Finding::new(
                Rule::AcmValidationDomain,
                span,
                format!("`{validation}` is not `{domain}` or a domain above it, so it cannot validate it"),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_same_or_subdomain;

    #[test]
    fn superdomains() {
        assert!(is_same_or_subdomain("www.example.com", "example.com"));
        assert!(is_same_or_subdomain("www.Example.com.", "example.com"));
        assert!(is_same_or_subdomain("example.com", "example.com."));
        assert!(!is_same_or_subdomain("badexample.com", "example.com"));
        assert!(!is_same_or_subdomain("www.example.org", "example.com"));
    }
}
