//! The AWS global condition context keys (`aws:...`), written from the AWS IAM User Guide,
//! "AWS global condition context keys".

/// One global condition key. Names ending in `/` take a tag key suffix (`aws:ResourceTag/Env`).
#[derive(Debug)]
pub struct GlobalConditionKey {
    pub name: &'static str,
    /// `String`, `ARN`, `Bool`, `Date`, `Numeric`, `IPAddress`; multi-valued keys say `ArrayOfString`.
    pub ty: &'static str,
    pub description: &'static str,
}

const fn key(
    name: &'static str,
    ty: &'static str,
    description: &'static str,
) -> GlobalConditionKey {
    GlobalConditionKey {
        name,
        ty,
        description,
    }
}

static KEYS: &[GlobalConditionKey] = &[
    key(
        "aws:CalledVia",
        "ArrayOfString",
        "Services that made the request on the principal's behalf, in order.",
    ),
    key(
        "aws:CalledViaFirst",
        "String",
        "The first service that made a request on the principal's behalf.",
    ),
    key(
        "aws:CalledViaLast",
        "String",
        "The last service that made a request on the principal's behalf.",
    ),
    key(
        "aws:CurrentTime",
        "Date",
        "The date and time of the request.",
    ),
    key(
        "aws:EpochTime",
        "Date",
        "The date and time of the request in epoch or Unix time.",
    ),
    key(
        "aws:FederatedProvider",
        "String",
        "The identity provider that issued the principal's credentials.",
    ),
    key(
        "aws:MultiFactorAuthAge",
        "Numeric",
        "Seconds since the principal was authenticated with MFA.",
    ),
    key(
        "aws:MultiFactorAuthPresent",
        "Bool",
        "Whether the request was authenticated with MFA.",
    ),
    key(
        "aws:PrincipalAccount",
        "String",
        "The account of the principal making the request.",
    ),
    key(
        "aws:PrincipalArn",
        "ARN",
        "The ARN of the principal making the request.",
    ),
    key(
        "aws:PrincipalIsAWSService",
        "Bool",
        "Whether the request is made by an AWS service principal.",
    ),
    key(
        "aws:PrincipalOrgID",
        "String",
        "The AWS Organizations ID of the principal's organization.",
    ),
    key(
        "aws:PrincipalOrgPaths",
        "ArrayOfString",
        "The AWS Organizations paths of the principal's account.",
    ),
    key(
        "aws:PrincipalServiceName",
        "String",
        "The name of the service principal making the request.",
    ),
    key(
        "aws:PrincipalServiceNamesList",
        "ArrayOfString",
        "All service principal names of the service making the request.",
    ),
    key(
        "aws:PrincipalTag/",
        "String",
        "A tag attached to the principal making the request.",
    ),
    key(
        "aws:PrincipalType",
        "String",
        "The type of principal: Account, User, FederatedUser, AssumedRole or Anonymous.",
    ),
    key(
        "aws:RequestedRegion",
        "String",
        "The Region the request was made to.",
    ),
    key(
        "aws:RequestTag/",
        "String",
        "A tag key and value passed in the request.",
    ),
    key(
        "aws:ResourceAccount",
        "String",
        "The account that owns the requested resource.",
    ),
    key(
        "aws:ResourceOrgID",
        "String",
        "The AWS Organizations ID of the resource owner's organization.",
    ),
    key(
        "aws:ResourceOrgPaths",
        "ArrayOfString",
        "The AWS Organizations path of the resource owner's account.",
    ),
    key(
        "aws:ResourceTag/",
        "String",
        "A tag attached to the requested resource.",
    ),
    key(
        "aws:SecureTransport",
        "Bool",
        "Whether the request was sent over TLS.",
    ),
    key(
        "aws:SourceAccount",
        "String",
        "The account of the resource making a service-to-service request.",
    ),
    key(
        "aws:SourceArn",
        "ARN",
        "The ARN of the resource making a service-to-service request.",
    ),
    key(
        "aws:SourceIdentity",
        "String",
        "The source identity set when the role session was assumed.",
    ),
    key(
        "aws:SourceIp",
        "IPAddress",
        "The requester's public IP address.",
    ),
    key(
        "aws:SourceOrgID",
        "String",
        "The organization ID of the resource making a service-to-service request.",
    ),
    key(
        "aws:SourceOrgPaths",
        "ArrayOfString",
        "The organization path of the resource making a service-to-service request.",
    ),
    key(
        "aws:SourceVpc",
        "String",
        "The VPC the request came through.",
    ),
    key(
        "aws:SourceVpcArn",
        "ARN",
        "The ARN of the VPC the request came through.",
    ),
    key(
        "aws:SourceVpce",
        "String",
        "The VPC endpoint the request came through.",
    ),
    key(
        "aws:TagKeys",
        "ArrayOfString",
        "The tag keys passed in the request.",
    ),
    key(
        "aws:TokenIssueTime",
        "Date",
        "When the temporary security credentials were issued.",
    ),
    key(
        "aws:UserAgent",
        "String",
        "The requester's client application.",
    ),
    key(
        "aws:userid",
        "String",
        "The principal identifier of the requester.",
    ),
    key("aws:username", "String", "The user name of the requester."),
    key(
        "aws:ViaAWSService",
        "Bool",
        "Whether an AWS service made the request on the principal's behalf.",
    ),
    key(
        "aws:VpceAccount",
        "String",
        "The account that owns the VPC endpoint the request came through.",
    ),
    key(
        "aws:VpceOrgID",
        "String",
        "The organization ID of the VPC endpoint owner.",
    ),
    key(
        "aws:VpceOrgPaths",
        "ArrayOfString",
        "The organization path of the VPC endpoint owner.",
    ),
    key(
        "aws:VpcSourceIp",
        "IPAddress",
        "The requester's IP address within a VPC.",
    ),
    key(
        "aws:Ec2InstanceSourcePrivateIPv4",
        "IPAddress",
        "The private IPv4 address of the EC2 instance whose role credentials signed the request.",
    ),
    key(
        "aws:Ec2InstanceSourceVpc",
        "String",
        "The VPC of the EC2 instance whose role credentials signed the request.",
    ),
    key(
        "aws:referer",
        "String",
        "The HTTP referer header of the request.",
    ),
    key(
        "aws:AssumedRoot",
        "String",
        "Whether the request was made with a centralized root access session.",
    ),
    key(
        "aws:ChatbotSourceArn",
        "ARN",
        "The chat channel configuration ARN of a request made from a chat application.",
    ),
];

/// The documented global condition keys. Tag keys end in `/`.
pub fn global_condition_keys() -> &'static [GlobalConditionKey] {
    KEYS
}

/// The global key `name` matches (case-insensitive; `aws:ResourceTag/Env` matches `aws:ResourceTag/`).
pub fn global_condition_key(name: &str) -> Option<&'static GlobalConditionKey> {
    KEYS.iter().find(|k| {
        if k.name.ends_with('/') {
            name.len() > k.name.len()
                && name
                    .get(..k.name.len())
                    .is_some_and(|p| p.eq_ignore_ascii_case(k.name))
        } else {
            name.eq_ignore_ascii_case(k.name)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_plain_and_tag_keys() {
        assert_eq!(
            global_condition_key("aws:sourceip").map(|k| k.ty),
            Some("IPAddress")
        );
        assert!(global_condition_key("aws:ResourceTag/Env").is_some());
        assert!(global_condition_key("aws:ResourceTag/").is_none());
        assert!(global_condition_key("aws:Nope").is_none());
        assert!(global_condition_keys().len() > 40);
    }
}
