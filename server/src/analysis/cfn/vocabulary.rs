//! The fixed words of a template: sections, resource attributes, parameter
//! and output keys, parameter types and policy values, each with a short
//! description. Shared by completion and hover.

/// A word and what it means.
pub type Word = (&'static str, &'static str);

const GUIDE: &str = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/";

pub const SECTIONS: &[Word] = &[
    (
        "AWSTemplateFormatVersion",
        "The template format version; the only valid value is `2010-09-09`.",
    ),
    ("Description", "A text string that describes the template."),
    (
        "Metadata",
        "Objects that provide additional information about the template.",
    ),
    (
        "Parameters",
        "Values to pass in when the stack is created or updated.",
    ),
    (
        "Rules",
        "Checks on parameter values before the stack is created or updated.",
    ),
    (
        "Mappings",
        "Maps of keys to values, read with `Fn::FindInMap`.",
    ),
    (
        "Conditions",
        "Conditions that control whether resources are created or properties set.",
    ),
    (
        "Transform",
        "Macros to process the template with, such as `AWS::Serverless-2016-10-31`.",
    ),
    (
        "Resources",
        "The stack's resources and their properties. The only required section.",
    ),
    (
        "Outputs",
        "Values the stack returns, shows in the console or exports to other stacks.",
    ),
    (
        "Hooks",
        "CodeDeploy blue/green deployment hooks for ECS (`AWS::CodeDeploy::BlueGreen`).",
    ),
];

pub const RESOURCE_ATTRIBUTES: &[Word] = &[
    ("Type", "The resource type, such as `AWS::S3::Bucket`."),
    ("Properties", "The resource's properties, as defined by its type."),
    ("DependsOn", "Resources that must be created before this one."),
    ("Condition", "The condition that decides whether the resource is created."),
    ("DeletionPolicy", "What happens to the resource when it is removed from the stack: `Delete`, `Retain`, `RetainExceptOnCreate` or `Snapshot`."),
    ("UpdateReplacePolicy", "What happens to the old resource when an update replaces it: `Delete`, `Retain` or `Snapshot`."),
    ("Metadata", "Structured data attached to the resource."),
    ("CreationPolicy", "Wait for success signals before the resource counts as created."),
    ("UpdatePolicy", "How updates of Auto Scaling groups, Lambda aliases and similar resources are rolled out."),
];

pub const DELETION_POLICIES: &[Word] = &[
    (
        "Delete",
        "Delete the resource (the default for most resources).",
    ),
    (
        "Retain",
        "Keep the resource and its data when it leaves the stack.",
    ),
    (
        "RetainExceptOnCreate",
        "Retain, except when the stack operation that created it is rolled back.",
    ),
    (
        "Snapshot",
        "Take a final snapshot before deleting (databases, volumes, caches).",
    ),
];

pub const PARAMETER_KEYS: &[Word] = &[
    ("Type", "The parameter's data type."),
    ("Default", "The value used when none is given."),
    (
        "Description",
        "What the parameter is for, shown in the console.",
    ),
    ("AllowedValues", "The list of values the parameter accepts."),
    (
        "AllowedPattern",
        "A regular expression the value must match (String types).",
    ),
    (
        "ConstraintDescription",
        "The message shown when the value breaks a constraint.",
    ),
    (
        "MinLength",
        "The smallest number of characters (String types).",
    ),
    (
        "MaxLength",
        "The largest number of characters (String types).",
    ),
    ("MinValue", "The smallest value (Number types)."),
    ("MaxValue", "The largest value (Number types)."),
    (
        "NoEcho",
        "Mask the value as asterisks in the console and API.",
    ),
];

pub const OUTPUT_KEYS: &[Word] = &[
    ("Value", "The value returned by the output."),
    ("Description", "What the output is."),
    (
        "Export",
        "Export the value under a name other stacks can import with `Fn::ImportValue`.",
    ),
    (
        "Condition",
        "The condition that decides whether the output is created.",
    ),
];

pub const PARAMETER_TYPES: &[Word] = &[
    ("String", "A literal string."),
    ("Number", "An integer or float."),
    ("List<Number>", "A list of numbers separated by commas."),
    (
        "CommaDelimitedList",
        "A list of strings separated by commas.",
    ),
    (
        "AWS::EC2::AvailabilityZone::Name",
        "An Availability Zone, such as `us-west-2a`.",
    ),
    ("AWS::EC2::Image::Id", "An Amazon EC2 image (AMI) ID."),
    ("AWS::EC2::Instance::Id", "An Amazon EC2 instance ID."),
    ("AWS::EC2::KeyPair::KeyName", "An Amazon EC2 key pair name."),
    (
        "AWS::EC2::SecurityGroup::GroupName",
        "An EC2-Classic or default VPC security group name.",
    ),
    ("AWS::EC2::SecurityGroup::Id", "A security group ID."),
    ("AWS::EC2::Subnet::Id", "A subnet ID."),
    ("AWS::EC2::Volume::Id", "An Amazon EBS volume ID."),
    ("AWS::EC2::VPC::Id", "A VPC ID."),
    ("AWS::Route53::HostedZone::Id", "A Route 53 hosted zone ID."),
    (
        "List<AWS::EC2::AvailabilityZone::Name>",
        "A list of Availability Zones.",
    ),
    ("List<AWS::EC2::Image::Id>", "A list of AMI IDs."),
    ("List<AWS::EC2::Instance::Id>", "A list of instance IDs."),
    (
        "List<AWS::EC2::SecurityGroup::GroupName>",
        "A list of security group names.",
    ),
    (
        "List<AWS::EC2::SecurityGroup::Id>",
        "A list of security group IDs.",
    ),
    ("List<AWS::EC2::Subnet::Id>", "A list of subnet IDs."),
    ("List<AWS::EC2::Volume::Id>", "A list of EBS volume IDs."),
    ("List<AWS::EC2::VPC::Id>", "A list of VPC IDs."),
    (
        "List<AWS::Route53::HostedZone::Id>",
        "A list of hosted zone IDs.",
    ),
    (
        "AWS::SSM::Parameter::Name",
        "The name of a Systems Manager parameter.",
    ),
    (
        "AWS::SSM::Parameter::Value<String>",
        "The value of a Systems Manager `String` parameter.",
    ),
    (
        "AWS::SSM::Parameter::Value<List<String>>",
        "The value of a Systems Manager `StringList` parameter.",
    ),
    (
        "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>",
        "An AMI ID read from a Systems Manager parameter.",
    ),
];

pub const TRANSFORMS: &[Word] = &[
    ("AWS::Serverless-2016-10-31", "The AWS SAM transform."),
    (
        "AWS::LanguageExtensions",
        "Adds `Fn::ForEach`, `Fn::Length`, `Fn::ToJsonString` and more.",
    ),
    (
        "AWS::Include",
        "Inserts a template snippet stored in Amazon S3.",
    ),
];

/// The description of `word` in `list`.
pub fn describe(list: &[Word], word: &str) -> Option<&'static str> {
    list.iter().find(|(w, _)| *w == word).map(|(_, d)| *d)
}

/// The user guide page about a top-level section.
pub fn section_url(section: &str) -> String {
    let page = match section {
        "AWSTemplateFormatVersion" => "format-version-structure",
        "Description" => "template-description-structure",
        "Metadata" => "metadata-section-structure",
        "Parameters" => "parameters-section-structure",
        "Rules" => "rules-section-structure",
        "Mappings" => "mappings-section-structure",
        "Conditions" => "conditions-section-structure",
        "Transform" => "transform-section-structure",
        "Outputs" => "outputs-section-structure",
        _ => "resources-section-structure",
    };
    format!("{GUIDE}{page}.html")
}

/// The user guide page about a resource attribute.
pub fn attribute_url(attribute: &str) -> String {
    let page = match attribute {
        "DependsOn" => "aws-attribute-dependson",
        "Condition" => "conditions-section-structure",
        "DeletionPolicy" => "aws-attribute-deletionpolicy",
        "UpdateReplacePolicy" => "aws-attribute-updatereplacepolicy",
        "Metadata" => "aws-attribute-metadata",
        "CreationPolicy" => "aws-attribute-creationpolicy",
        "UpdatePolicy" => "aws-attribute-updatepolicy",
        _ => "resources-section-structure",
    };
    format!("{GUIDE}{page}.html")
}
