//! The schemas' `format` keywords: resource identifiers (`AWS::EC2::VPC.Id`,
//! `AWS::IAM::Role.Arn`, ...) and networks (`ipv4-network`), judged on
//! literal values, and on parameters whose type says which kind of
//! identifier they hold.

use std::net::{Ipv4Addr, Ipv6Addr};

use regex::Regex;

pub mod defs {
    use crate::analysis::rules::{Family, RuleDef};
    use crate::analysis::Severity;

    pub const INVALID_FORMAT: RuleDef = RuleDef {
        code: "invalid-format",
        family: Family::CloudFormation,
        group: "Resources and properties",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &[
            "E1103", "E1150", "E1151", "E1152", "E1153", "E1154", "E1155", "E1156", "E1157",
            "E1158", "E1159", "E1160", "E1161", "E1162", "E1164",
        ],
        fix: false,
        summary: "A value that is not of the kind of identifier or network the property takes",
        explanation: "Where a property takes a VPC, subnet, security group or AMI ID, a role, function, topic, queue, key or certificate ARN, a bucket or log group name, or a CIDR block, the resource provider rejects anything else when the stack creates the resource (a security group name where an ID is required is the classic case).",
        example: "`SecurityGroupIds: [web-servers]`",
    };

    pub const INCOMPATIBLE_REFERENCE: RuleDef = RuleDef {
        code: "incompatible-reference",
        family: Family::CloudFormation,
        group: "Resources and properties",
        severity: Severity::Error,
        severity_note: None,
        cfn_lint: &["E1020", "E1010", "E1040", "E1041"],
        fix: false,
        summary: "A `Ref` or `Fn::GetAtt` whose value cannot fit the property",
        explanation: "The type of a parameter or of an attribute says what a `Ref` or `Fn::GetAtt` returns: a list parameter where one value is expected (or one value where a list is), a list attribute where a string is, or a parameter holding one kind of ID (a VPC) where another is required (a subnet) all fail when the stack creates the resource.",
        example: "`SubnetId: !Ref Subnets` with `Subnets` of type `List<AWS::EC2::Subnet::Id>`",
    };
}

/// What is wrong with `value` for `format`, or `None` when it fits (or the
/// format is not one awsls judges).
pub fn problem(format: &str, value: &str) -> Option<&'static str> {
    if value.contains("{{resolve:") || value.contains("${") {
        return None;
    }
    let fits = match format {
        "AWS::EC2::Image.Id" => id(value, "ami"),
        "AWS::EC2::SecurityGroup.Id" => id(value, "sg"),
        "AWS::EC2::Subnet.Id" => id(value, "subnet"),
        "AWS::EC2::VPC.Id" => id(value, "vpc"),
        // A name given where a group is identified by name: an ID is not one.
        "AWS::EC2::SecurityGroup.Name" => !id(value, "sg"),
        "AWS::IAM::Role.Arn" => matches(&ROLE_ARN, value),
        "AWS::Lambda::Function.Arn" => matches(&FUNCTION_ARN, value),
        "AWS::SNS::Topic.Arn" => matches(&TOPIC_ARN, value),
        "AWS::SQS::Queue.Arn" => matches(&QUEUE_ARN, value),
        "AWS::ACM::Certificate.Arn" => matches(&CERTIFICATE_ARN, value),
        // Services take a key as its ID, an alias name or either's ARN.
        "AWS::KMS::Key.Arn" | "AWS::KMS::Key.Id" => {
            matches(&KMS_ID, value) || matches(&KMS_ARN, value)
        }
        "AWS::KMS::Alias.AliasName" => matches(&KMS_ALIAS, value),
        "AWS::Logs::LogGroup.Name" => matches(&LOG_GROUP, value),
        "AWS::S3::Bucket.Name" => bucket_name(value),
        "ipv4-network" => ipv4_network(value),
        "ipv6-network" => ipv6_network(value),
        _ => return None,
    };
    (!fits).then(|| describe(format))
}

/// What a value of `format` looks like, for messages.
fn describe(format: &str) -> &'static str {
    match format {
        "AWS::EC2::Image.Id" => "an AMI ID such as `ami-0abcdef1234567890`",
        "AWS::EC2::SecurityGroup.Id" => "a security group ID such as `sg-0abcdef1234567890` (not a group name)",
        "AWS::EC2::Subnet.Id" => "a subnet ID such as `subnet-0abcdef1234567890`",
        "AWS::EC2::VPC.Id" => "a VPC ID such as `vpc-0abcdef1234567890`",
        "AWS::EC2::SecurityGroup.Name" => "a security group name (this is an ID)",
        "AWS::IAM::Role.Arn" => "an IAM role ARN such as `arn:aws:iam::123456789012:role/name`",
        "AWS::Lambda::Function.Arn" => "a Lambda function ARN such as `arn:aws:lambda:us-east-1:123456789012:function:name`",
        "AWS::SNS::Topic.Arn" => "an SNS topic ARN such as `arn:aws:sns:us-east-1:123456789012:name`",
        "AWS::SQS::Queue.Arn" => "an SQS queue ARN such as `arn:aws:sqs:us-east-1:123456789012:name`",
        "AWS::ACM::Certificate.Arn" => "a certificate ARN such as `arn:aws:acm:us-east-1:123456789012:certificate/id`",
        "AWS::KMS::Key.Arn" | "AWS::KMS::Key.Id" => {
            "a KMS key: a key ID, an alias name (`alias/name`), or a key or alias ARN"
        }
        "AWS::KMS::Alias.AliasName" => "an alias name such as `alias/my-key`",
        "AWS::Logs::LogGroup.Name" => "a log group name (letters, digits, `_-/.#`, at most 512 characters)",
        "AWS::S3::Bucket.Name" => "a bucket name: 3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit",
        "ipv4-network" => "an IPv4 CIDR block such as `10.0.0.0/16`",
        "ipv6-network" => "an IPv6 CIDR block such as `2001:db8::/56`",
        _ => "a value of this format",
    }
}

/// The format each item of a list of `format` has (`...Ids` → `...Id`).
pub fn item_format(format: &str) -> Option<&'static str> {
    match format {
        "AWS::EC2::SecurityGroup.Ids" => Some("AWS::EC2::SecurityGroup.Id"),
        "AWS::EC2::SecurityGroup.Names" => Some("AWS::EC2::SecurityGroup.Name"),
        "AWS::EC2::Subnet.Ids" => Some("AWS::EC2::Subnet.Id"),
        _ => None,
    }
}

/// The identifier format a parameter of type `parameter_type` holds, for
/// the formats a mismatch can be told from the type.
pub fn of_parameter_type(parameter_type: &str) -> Option<&'static str> {
    let inner = parameter_type
        .strip_prefix("AWS::SSM::Parameter::Value<")
        .and_then(|t| t.strip_suffix('>'))
        .unwrap_or(parameter_type);
    let (single, list) = match inner
        .strip_prefix("List<")
        .and_then(|t| t.strip_suffix('>'))
    {
        Some(item) => (item, true),
        None => (inner, false),
    };
    let format = match single {
        "AWS::EC2::Image::Id" => "AWS::EC2::Image.Id",
        "AWS::EC2::SecurityGroup::Id" => "AWS::EC2::SecurityGroup.Id",
        "AWS::EC2::SecurityGroup::GroupName" => "AWS::EC2::SecurityGroup.Name",
        "AWS::EC2::Subnet::Id" => "AWS::EC2::Subnet.Id",
        "AWS::EC2::VPC::Id" => "AWS::EC2::VPC.Id",
        _ => return None,
    };
    Some(if list {
        match format {
            "AWS::EC2::SecurityGroup.Id" => "AWS::EC2::SecurityGroup.Ids",
            "AWS::EC2::SecurityGroup.Name" => "AWS::EC2::SecurityGroup.Names",
            "AWS::EC2::Subnet.Id" => "AWS::EC2::Subnet.Ids",
            other => other,
        }
    } else {
        format
    })
}

/// Whether a value of identifier format `given` can never be one of `wanted`
/// (both identifier formats of EC2; lists compared by their items).
pub fn conflicts(given: &str, wanted: &str) -> bool {
    let single = |f: &'static str| item_format(f).unwrap_or(f);
    const EC2: &[&str] = &[
        "AWS::EC2::Image.Id",
        "AWS::EC2::SecurityGroup.Id",
        "AWS::EC2::SecurityGroup.Name",
        "AWS::EC2::Subnet.Id",
        "AWS::EC2::VPC.Id",
    ];
    let (Some(given), Some(wanted)) = (
        EC2.iter()
            .find(|f| **f == given)
            .copied()
            .or_else(|| item_format(given)),
        EC2.iter()
            .find(|f| **f == wanted)
            .copied()
            .or_else(|| item_format(wanted)),
    ) else {
        return false;
    };
    single(given) != single(wanted)
}

fn id(value: &str, prefix: &str) -> bool {
    value
        .strip_prefix(prefix)
        .and_then(|rest| rest.strip_prefix('-'))
        .is_some_and(|hex| {
            (hex.len() == 8 || hex.len() == 17) && hex.bytes().all(|b| b.is_ascii_hexdigit())
        })
}

struct Lazy(&'static str, std::sync::OnceLock<Option<Regex>>);

impl Lazy {
    const fn new(pattern: &'static str) -> Lazy {
        Lazy(pattern, std::sync::OnceLock::new())
    }
}

fn matches(lazy: &Lazy, value: &str) -> bool {
    lazy.1
        .get_or_init(|| Regex::new(lazy.0).ok())
        .as_ref()
        .is_none_or(|r| r.is_match(value))
}

static ROLE_ARN: Lazy =
    Lazy::new(r"^arn:aws(-cn|-us-gov|-iso|-iso-[a-z]|-eusc)?:iam::\d{12}:role/.+$");
static FUNCTION_ARN: Lazy = Lazy::new(
    r"^arn:aws(-cn|-us-gov|-iso|-iso-[a-z]|-eusc)?:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$",
);
static TOPIC_ARN: Lazy = Lazy::new(
    r"^arn:aws(-cn|-us-gov|-iso|-iso-[a-z]|-eusc)?:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_.-]+$",
);
static QUEUE_ARN: Lazy = Lazy::new(
    r"^arn:aws(-cn|-us-gov|-iso|-iso-[a-z]|-eusc)?:sqs:[a-z0-9-]+:\d{12}:[A-Za-z0-9_.-]+$",
);
static CERTIFICATE_ARN: Lazy = Lazy::new(
    r"^arn:aws(-cn|-us-gov|-iso|-iso-[a-z]|-eusc)?:(acm:[a-z0-9-]+:\d{12}:certificate/.+|iam::\d{12}:server-certificate/.+)$",
);
static KMS_ARN: Lazy = Lazy::new(
    r"^arn:aws(-cn|-us-gov|-iso|-iso-[a-z]|-eusc)?:kms:[a-z0-9-]+:\d{12}:(key|alias)/.+$",
);
static KMS_ID: Lazy = Lazy::new(
    r"^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32}|alias/[A-Za-z0-9:/_-]+)$",
);
static KMS_ALIAS: Lazy = Lazy::new(r"^alias/[A-Za-z0-9/_-]+$");
static LOG_GROUP: Lazy = Lazy::new(r"^[.\-_/#A-Za-z0-9]{1,512}$");

fn bucket_name(value: &str) -> bool {
    let ok_chars = value
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-');
    let edges = value
        .bytes()
        .next()
        .zip(value.bytes().last())
        .is_some_and(|(a, z)| a.is_ascii_alphanumeric() && z.is_ascii_alphanumeric());
    (3..=63).contains(&value.len())
        && ok_chars
        && edges
        && !value.contains("..")
        && !value.contains(".-")
        && !value.contains("-.")
        && value.parse::<Ipv4Addr>().is_err()
}

/// An IPv4 network: an address and a prefix length, with no bits set past
/// the prefix (`10.0.0.0/16`, not `10.0.0.1/16`).
fn ipv4_network(value: &str) -> bool {
    let Some((address, prefix)) = value.split_once('/') else {
        return false;
    };
    let (Ok(address), Ok(prefix)) = (address.parse::<Ipv4Addr>(), prefix.parse::<u32>()) else {
        return false;
    };
    prefix <= 32 && u32::from(address).checked_shl(prefix).unwrap_or(0) == 0
}

/// An IPv6 network, with no bits set past the prefix.
fn ipv6_network(value: &str) -> bool {
    let Some((address, prefix)) = value.split_once('/') else {
        return false;
    };
    let (Ok(address), Ok(prefix)) = (address.parse::<Ipv6Addr>(), prefix.parse::<u32>()) else {
        return false;
    };
    prefix <= 128 && u128::from(address).checked_shl(prefix).unwrap_or(0) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_and_networks() {
        assert_eq!(problem("AWS::EC2::VPC.Id", "vpc-0abcdef1234567890"), None);
        assert_eq!(problem("AWS::EC2::VPC.Id", "vpc-1234abcd"), None);
        assert!(problem("AWS::EC2::VPC.Id", "myvpc").is_some());
        assert!(problem("AWS::EC2::SecurityGroup.Id", "web-servers").is_some());
        assert!(problem("AWS::EC2::SecurityGroup.Name", "sg-1234abcd").is_some());
        assert_eq!(problem("AWS::EC2::SecurityGroup.Name", "web"), None);
        assert!(problem("ipv4-network", "10.0.0.0/33").is_some());
        assert_eq!(problem("ipv4-network", "10.0.0.0/16"), None);
        assert_eq!(problem("ipv6-network", "2001:db8::/56"), None);
        assert_eq!(problem("ipv4-network", "0.0.0.0/0"), None);
        assert!(problem("ipv4-network", "192.168.1.0/0").is_some());
        assert!(problem("ipv4-network", "10.0.0.1/16").is_some());
        assert_eq!(problem("ipv4-network", "10.0.0.1/32"), None);
        assert!(problem("ipv6-network", "2001:db8::1/56").is_some());
        assert_eq!(problem("ipv6-network", "::/0"), None);
        assert!(problem("AWS::KMS::Key.Id", "aws/sns").is_some());
        assert_eq!(problem("AWS::KMS::Key.Id", "alias/aws/sns"), None);
        assert_eq!(
            problem("AWS::KMS::Key.Arn", "1234abcd-12ab-34cd-56ef-1234567890ab"),
            None
        );
        assert_eq!(
            problem(
                "AWS::KMS::Key.Id",
                "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
            ),
            None
        );
        assert_eq!(
            problem("AWS::IAM::Role.Arn", "arn:aws:iam::123456789012:role/x"),
            None
        );
        assert!(problem("AWS::IAM::Role.Arn", "arn:aws:iam::123456789012:user/x").is_some());
        assert!(problem("AWS::S3::Bucket.Name", "My_Bucket").is_some());
        assert_eq!(problem("AWS::S3::Bucket.Name", "my.bucket-1"), None);
        assert_eq!(problem("AWS::EC2::VPC.Id", "{{resolve:ssm:/vpc}}"), None);
        assert_eq!(problem("date-time", "whenever"), None);
    }

    #[test]
    fn parameter_types_name_identifier_formats() {
        assert_eq!(
            of_parameter_type("AWS::EC2::VPC::Id"),
            Some("AWS::EC2::VPC.Id")
        );
        assert_eq!(
            of_parameter_type("List<AWS::EC2::Subnet::Id>"),
            Some("AWS::EC2::Subnet.Ids")
        );
        assert_eq!(
            of_parameter_type("AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>"),
            Some("AWS::EC2::Image.Id")
        );
        assert!(conflicts("AWS::EC2::VPC.Id", "AWS::EC2::Subnet.Id"));
        assert!(!conflicts("AWS::EC2::Subnet.Ids", "AWS::EC2::Subnet.Ids"));
        assert!(!conflicts("AWS::EC2::Subnet.Id", "AWS::IAM::Role.Arn"));
    }
}
