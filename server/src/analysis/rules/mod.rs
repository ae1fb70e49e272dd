//! The rule registry: every rule awsls reports, declared once with its code,
//! default severity, cfn-lint equivalents, summary, explanation and example.
//!
//! A finding names its rule with the typed [`Rule`]; everything users see
//! about a rule (`awsls rules`, `docs/rules.md`, SARIF rule metadata,
//! suppression by cfn-lint ID) is read from here. To add a rule, declare its
//! [`RuleDef`] in the family file under `catalog/` (or in the rule's own file),
//! add one line to the table below, and give it a bad and a good fixture
//! under `tests/fixtures/rules/<code>/` (they are its documented examples).

pub mod catalog;
pub mod docs;
#[cfg(test)]
mod fixtures;
pub mod sink;

use crate::analysis::cfn::properties::formats::defs as formats;
use crate::analysis::cfn::resource_rules::defs as resource;
use crate::analysis::cfn::rules::apigateway_links::defs as apigateway_links;
use crate::analysis::cfn::rules::autoscaling_links::defs as autoscaling_links;
use crate::analysis::cfn::rules::cfn_init::defs as cfn_init;
use crate::analysis::cfn::rules::condition_rules::defs as condition_rules;
use crate::analysis::cfn::rules::dead_letter_queues::defs as dead_letter_queues;
use crate::analysis::cfn::rules::dynamic_references::defs as dynamic_references;
use crate::analysis::cfn::rules::ec2_links::defs as ec2_links;
use crate::analysis::cfn::rules::ecs_services::defs as ecs_services;
use crate::analysis::cfn::rules::elbv2_links::defs as elbv2_links;
use crate::analysis::cfn::rules::for_each_loops::defs as for_each_loops;
use crate::analysis::cfn::rules::hardcoded_values::defs as hardcoded_values;
use crate::analysis::cfn::rules::iam_links::defs as iam_links;
use crate::analysis::cfn::rules::lambda_links::defs as lambda_links;
use crate::analysis::cfn::rules::lambda_permissions::defs as lambda_permissions;
use crate::analysis::cfn::rules::logs_links::defs as logs_links;
use crate::analysis::cfn::rules::metadata_interface::defs as metadata_interface;
use crate::analysis::cfn::rules::obsolete_depends_on::defs as obsolete_depends_on;
use crate::analysis::cfn::rules::output_values::defs as output_values;
use crate::analysis::cfn::rules::rds_links::defs as rds_links;
use crate::analysis::cfn::rules::references::defs as references;
use crate::analysis::cfn::rules::regions::defs as regions;
use crate::analysis::cfn::rules::resource_policies::defs as resource_policies;
use crate::analysis::cfn::rules::retention_policies::defs as retention_policies;
use crate::analysis::cfn::rules::secrets::defs as secrets;
use crate::analysis::cfn::rules::service_lifecycle::defs as service_lifecycle;
use crate::analysis::cfn::rules::sub_hygiene::defs as sub_hygiene;
use crate::analysis::cfn::rules::subnet_cidrs::defs as subnet_cidrs;
use crate::analysis::cfn::rules::unique_identifiers::defs as unique_identifiers;
use crate::analysis::cfn::rules::yaml_features::defs as yaml_features;
use crate::analysis::iam::escalation::defs as escalation;
use crate::analysis::Severity;

/// The family of a rule, which is also the `kind` of its findings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Family {
    Syntax,
    CloudFormation,
    Sam,
    Iam,
    AppSpec,
}

impl Family {
    /// The name used in `kind` fields: `syntax`, `cloudformation`, `sam`, `iam`, `appspec`.
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Syntax => "syntax",
            Family::CloudFormation => "cloudformation",
            Family::Sam => "sam",
            Family::Iam => "iam",
            Family::AppSpec => "appspec",
        }
    }

    /// The heading of the family in the documentation.
    pub fn title(self) -> &'static str {
        match self {
            Family::Syntax => "Syntax (every file kind)",
            Family::CloudFormation => "CloudFormation",
            Family::Sam => "SAM",
            Family::Iam => "IAM policies",
            Family::AppSpec => "CodeDeploy AppSpec",
        }
    }

    pub const ALL: [Family; 5] = [
        Family::Syntax,
        Family::CloudFormation,
        Family::Sam,
        Family::Iam,
        Family::AppSpec,
    ];
}

/// Everything about one rule.
#[derive(Debug)]
pub struct RuleDef {
    /// The stable code users see, silence and configure (`unknown-resource-type`).
    pub code: &'static str,
    pub family: Family,
    /// The section of the documentation the rule is listed under.
    pub group: &'static str,
    /// The severity of its findings.
    pub severity: Severity,
    /// When some findings of the rule take another severity, when and why.
    pub severity_note: Option<&'static str>,
    /// The cfn-lint rule IDs that check the same thing (zero or more).
    pub cfn_lint: &'static [&'static str],
    /// Whether its findings usually come with a quick fix.
    pub fix: bool,
    /// One line: what the rule reports.
    pub summary: &'static str,
    /// What it reports and why that matters.
    pub explanation: &'static str,
    /// A short inline example of what it reports.
    pub example: &'static str,
}

impl RuleDef {
    /// What rules of a family and group share, for struct update syntax
    /// (`RuleDef { code: .., ..BASE }`): an error with no quick fix and no
    /// cfn-lint equivalent, to be filled in.
    pub const fn base(family: Family, group: &'static str) -> RuleDef {
        RuleDef {
            code: "",
            family,
            group,
            severity: Severity::Error,
            severity_note: None,
            cfn_lint: &[],
            fix: false,
            summary: "",
            explanation: "",
            example: "",
        }
    }
}

/// Declares the [`Rule`] enum: one variant per rule, each with its definition.
macro_rules! registry {
    ($($variant:ident => $($path:ident)::+,)*) => {
        /// A rule awsls reports: the typed identifier findings carry.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Rule {
            $($variant,)*
        }

        impl Rule {
            /// Every rule, in documentation order.
            pub const ALL: &'static [Rule] = &[$(Rule::$variant,)*];

            /// The rule's definition.
            pub fn def(self) -> &'static RuleDef {
                match self {
                    $(Rule::$variant => &$($path)::+,)*
                }
            }
        }
    };
}

registry! {
    SyntaxError => catalog::syntax::SYNTAX_ERROR,
    DuplicateKey => catalog::syntax::DUPLICATE_KEY,
    AnalysisLimited => catalog::syntax::ANALYSIS_LIMITED,
    UnknownSection => catalog::cfn_structure::UNKNOWN_SECTION,
    InvalidFormatVersion => catalog::cfn_structure::INVALID_FORMAT_VERSION,
    MissingResources => catalog::cfn_structure::MISSING_RESOURCES,
    InvalidSectionType => catalog::cfn_structure::INVALID_SECTION_TYPE,
    DescriptionTooLong => catalog::cfn_structure::DESCRIPTION_TOO_LONG,
    InvalidLogicalId => catalog::cfn_structure::INVALID_LOGICAL_ID,
    DuplicateLogicalId => catalog::cfn_structure::DUPLICATE_LOGICAL_ID,
    TemplateNotMapping => catalog::cfn_structure::TEMPLATE_NOT_MAPPING,
    InvalidMetadataInterface => metadata_interface::INVALID_METADATA_INTERFACE,
    InvalidCfnInit => cfn_init::INVALID_CFN_INIT,
    InvalidUpdatePolicy => resource_policies::INVALID_UPDATE_POLICY,
    InvalidCreationPolicy => resource_policies::INVALID_CREATION_POLICY,
    SecureStringNotSupported => dynamic_references::SECURE_STRING_NOT_SUPPORTED,
    ExportNameFromResource => references::EXPORT_NAME_FROM_RESOURCE,
    UnknownInterfaceParameter => metadata_interface::UNKNOWN_INTERFACE_PARAMETER,
    UnknownResourceAttribute => catalog::cfn_attributes::UNKNOWN_RESOURCE_ATTRIBUTE,
    MissingResourceType => catalog::cfn_attributes::MISSING_RESOURCE_TYPE,
    InvalidAttributeValue => catalog::cfn_attributes::INVALID_ATTRIBUTE_VALUE,
    InvalidDeletionPolicy => catalog::cfn_attributes::INVALID_DELETION_POLICY,
    SnapshotNotSupported => catalog::cfn_attributes::SNAPSHOT_NOT_SUPPORTED,
    ObsoleteDependsOn => obsolete_depends_on::OBSOLETE_DEPENDS_ON,
    UnknownRef => catalog::cfn_references::UNKNOWN_REF,
    UnknownGetattResource => catalog::cfn_references::UNKNOWN_GETATT_RESOURCE,
    UnknownAttribute => catalog::cfn_references::UNKNOWN_ATTRIBUTE,
    UnknownDependsOn => catalog::cfn_references::UNKNOWN_DEPENDS_ON,
    DependsOnSelf => catalog::cfn_references::DEPENDS_ON_SELF,
    UnknownCondition => catalog::cfn_references::UNKNOWN_CONDITION,
    UnknownMapping => catalog::cfn_references::UNKNOWN_MAPPING,
    UnknownMappingKey => catalog::cfn_references::UNKNOWN_MAPPING_KEY,
    ResourceInConditions => catalog::cfn_references::RESOURCE_IN_CONDITIONS,
    CircularDependency => catalog::cfn_references::CIRCULAR_DEPENDENCY,
    UnknownFunction => catalog::cfn_functions::UNKNOWN_FUNCTION,
    InvalidFunctionArguments => catalog::cfn_functions::INVALID_FUNCTION_ARGUMENTS,
    FunctionNotAllowed => catalog::cfn_functions::FUNCTION_NOT_ALLOWED,
    LanguageExtensionsRequired => catalog::cfn_functions::LANGUAGE_EXTENSIONS_REQUIRED,
    InvalidForEach => for_each_loops::INVALID_FOR_EACH,
    SubRequired => sub_hygiene::SUB_REQUIRED,
    SubNotNeeded => sub_hygiene::SUB_NOT_NEEDED,
    UnusedSubVariable => sub_hygiene::UNUSED_SUB_VARIABLE,
    InvalidDynamicReference => dynamic_references::INVALID_DYNAMIC_REFERENCE,
    InvalidParameter => catalog::cfn_parameters::INVALID_PARAMETER,
    MissingParameterType => catalog::cfn_parameters::MISSING_PARAMETER_TYPE,
    InvalidParameterType => catalog::cfn_parameters::INVALID_PARAMETER_TYPE,
    UnknownParameterKey => catalog::cfn_parameters::UNKNOWN_PARAMETER_KEY,
    InvalidParameterConstraint => catalog::cfn_parameters::INVALID_PARAMETER_CONSTRAINT,
    InvalidParameterDefault => catalog::cfn_parameters::INVALID_PARAMETER_DEFAULT,
    UnusedParameter => catalog::cfn_parameters::UNUSED_PARAMETER,
    InvalidCondition => catalog::cfn_sections::INVALID_CONDITION,
    CircularCondition => catalog::cfn_sections::CIRCULAR_CONDITION,
    UnusedCondition => catalog::cfn_sections::UNUSED_CONDITION,
    InvalidMapping => catalog::cfn_sections::INVALID_MAPPING,
    UnusedMapping => catalog::cfn_sections::UNUSED_MAPPING,
    InvalidOutput => catalog::cfn_sections::INVALID_OUTPUT,
    UnknownOutputKey => catalog::cfn_sections::UNKNOWN_OUTPUT_KEY,
    MissingOutputValue => catalog::cfn_sections::MISSING_OUTPUT_VALUE,
    MissingExportName => catalog::cfn_sections::MISSING_EXPORT_NAME,
    DuplicateExportName => catalog::cfn_sections::DUPLICATE_EXPORT_NAME,
    OutputNotString => output_values::OUTPUT_NOT_STRING,
    InvalidRule => catalog::cfn_sections::INVALID_RULE,
    LimitExceeded => catalog::cfn_quotas::LIMIT_EXCEEDED,
    ServerlessWithoutTransform => catalog::cfn_properties::SERVERLESS_WITHOUT_TRANSFORM,
    UnknownResourceType => catalog::cfn_properties::UNKNOWN_RESOURCE_TYPE,
    UnknownProperty => catalog::cfn_properties::UNKNOWN_PROPERTY,
    MissingRequiredProperty => catalog::cfn_properties::MISSING_REQUIRED_PROPERTY,
    ExclusiveProperties => catalog::cfn_properties::EXCLUSIVE_PROPERTIES,
    InvalidType => catalog::cfn_properties::INVALID_TYPE,
    InvalidEnum => catalog::cfn_properties::INVALID_ENUM,
    InvalidValue => catalog::cfn_properties::INVALID_VALUE,
    InvalidPattern => catalog::cfn_properties::INVALID_PATTERN,
    InvalidLength => catalog::cfn_properties::INVALID_LENGTH,
    InvalidItemCount => catalog::cfn_properties::INVALID_ITEM_COUNT,
    DuplicateItems => catalog::cfn_properties::DUPLICATE_ITEMS,
    OutOfRange => catalog::cfn_properties::OUT_OF_RANGE,
    DeprecatedLambdaRuntime => catalog::cfn_properties::DEPRECATED_LAMBDA_RUNTIME,
    BlockedLambdaRuntime => catalog::cfn_properties::BLOCKED_LAMBDA_RUNTIME,
    NullValue => catalog::cfn_properties::NULL_VALUE,
    InvalidFormat => formats::INVALID_FORMAT,
    IncompatibleReference => formats::INCOMPATIBLE_REFERENCE,
    ServiceShutDown => service_lifecycle::SERVICE_SHUT_DOWN,
    ServiceEnding => service_lifecycle::SERVICE_ENDING,
    TypeNotInRegion => regions::TYPE_NOT_IN_REGION,
    // Resource rules, by service (cfn::resource_rules).
    ApigatewayRestApiName => resource::APIGATEWAY_REST_API_NAME,
    ApigatewayAuthorizerTtl => resource::APIGATEWAY_AUTHORIZER_TTL,
    ApigatewayMethodSettingsPath => resource::APIGATEWAY_METHOD_SETTINGS_PATH,
    ApigatewayEmptyMethodSettings => resource::APIGATEWAY_EMPTY_METHOD_SETTINGS,
    AutoscalingSizeRange => resource::AUTOSCALING_SIZE_RANGE,
    AutoscalingHealthCheckType => resource::AUTOSCALING_HEALTH_CHECK_TYPE,
    CloudfrontInvalidAlias => resource::CLOUDFRONT_INVALID_ALIAS,
    CloudfrontUnknownOrigin => resource::CLOUDFRONT_UNKNOWN_ORIGIN,
    CloudfrontCookiesForward => resource::CLOUDFRONT_COOKIES_FORWARD,
    CloudfrontIgnoredForwardedValues => resource::CLOUDFRONT_IGNORED_FORWARDED_VALUES,
    CodebuildS3Location => resource::CODEBUILD_S3_LOCATION,
    CodepipelineSourceStage => resource::CODEPIPELINE_SOURCE_STAGE,
    CodepipelineArtifactNames => resource::CODEPIPELINE_ARTIFACT_NAMES,
    CodepipelineArtifactCount => resource::CODEPIPELINE_ARTIFACT_COUNT,
    CodepipelineTemplateArtifact => resource::CODEPIPELINE_TEMPLATE_ARTIFACT,
    DynamodbUndefinedKeyAttribute => resource::DYNAMODB_UNDEFINED_KEY_ATTRIBUTE,
    DynamodbUnusedAttributeDefinition => resource::DYNAMODB_UNUSED_ATTRIBUTE_DEFINITION,
    DynamodbOnDemandThroughput => resource::DYNAMODB_ON_DEMAND_THROUGHPUT,
    DynamodbMissingThroughput => resource::DYNAMODB_MISSING_THROUGHPUT,
    Ec2SecurityGroupPortRange => resource::EC2_SECURITY_GROUP_PORT_RANGE,
    Ec2SecurityGroupAllPorts => resource::EC2_SECURITY_GROUP_ALL_PORTS,
    Ec2VolumeIopsRequired => resource::EC2_VOLUME_IOPS_REQUIRED,
    Ec2PrimaryPrivateIp => resource::EC2_PRIMARY_PRIVATE_IP,
    Ec2SecurityGroupPortsIgnored => resource::EC2_SECURITY_GROUP_PORTS_IGNORED,
    Ec2IopsIgnored => resource::EC2_IOPS_IGNORED,
    Ec2VirtualName => resource::EC2_VIRTUAL_NAME,
    Ec2EipDomain => resource::EC2_EIP_DOMAIN,
    EcsNoEssentialContainer => resource::ECS_NO_ESSENTIAL_CONTAINER,
    EcsFargateSettings => resource::ECS_FARGATE_SETTINGS,
    EcsFargateCpuMemory => resource::ECS_FARGATE_CPU_MEMORY,
    EcsAwslogsOptions => resource::ECS_AWSLOGS_OPTIONS,
    EcsHostPort => resource::ECS_HOST_PORT,
    EcsDaemonScheduling => resource::ECS_DAEMON_SCHEDULING,
    ElasticacheClusterFailover => resource::ELASTICACHE_CLUSTER_FAILOVER,
    ElasticacheValkeyTransitEncryption => resource::ELASTICACHE_VALKEY_TRANSIT_ENCRYPTION,
    ElbListenerCertificate => resource::ELB_LISTENER_CERTIFICATE,
    Elbv2ListenerCertificate => resource::ELBV2_LISTENER_CERTIFICATE,
    Elbv2AlbSubnets => resource::ELBV2_ALB_SUBNETS,
    Elbv2TargetGroupSettings => resource::ELBV2_TARGET_GROUP_SETTINGS,
    Elbv2TargetGroupProtocol => resource::ELBV2_TARGET_GROUP_PROTOCOL,
    Elbv2HealthCheckMatcher => resource::ELBV2_HEALTH_CHECK_MATCHER,
    EventsScheduleExpression => resource::EVENTS_SCHEDULE_EXPRESSION,
    LambdaImageSettings => resource::LAMBDA_IMAGE_SETTINGS,
    LambdaZipSettings => resource::LAMBDA_ZIP_SETTINGS,
    LambdaReservedVariable => resource::LAMBDA_RESERVED_VARIABLE,
    LambdaStartingPosition => resource::LAMBDA_STARTING_POSITION,
    LambdaLogLevelText => resource::LAMBDA_LOG_LEVEL_TEXT,
    LambdaEnvironmentSize => resource::LAMBDA_ENVIRONMENT_SIZE,
    LambdaLayerArn => resource::LAMBDA_LAYER_ARN,
    LambdaTimeoutLimit => resource::LAMBDA_TIMEOUT_LIMIT,
    LambdaSnapstartRuntime => resource::LAMBDA_SNAPSTART_RUNTIME,
    RdsAuroraInstanceSettings => resource::RDS_AURORA_INSTANCE_SETTINGS,
    RdsMonitoringRole => resource::RDS_MONITORING_ROLE,
    RdsKmsKeyUnencrypted => resource::RDS_KMS_KEY_UNENCRYPTED,
    RdsServerlessClusterSettings => resource::RDS_SERVERLESS_CLUSTER_SETTINGS,
    RdsMultiAzClusterSettings => resource::RDS_MULTI_AZ_CLUSTER_SETTINGS,
    RdsAuroraClusterSettings => resource::RDS_AURORA_CLUSTER_SETTINGS,
    RdsReplicaMode => resource::RDS_REPLICA_MODE,
    RdsRestoreIgnoredSettings => resource::RDS_RESTORE_IGNORED_SETTINGS,
    RdsClusterMemberBackupRetention => resource::RDS_CLUSTER_MEMBER_BACKUP_RETENTION,
    Route53AliasConflict => resource::ROUTE53_ALIAS_CONFLICT,
    Route53InvalidRecord => resource::ROUTE53_INVALID_RECORD,
    Route53HealthCheckAlarm => resource::ROUTE53_HEALTH_CHECK_ALARM,
    Route53NameOutsideZone => resource::ROUTE53_NAME_OUTSIDE_ZONE,
    AcmValidationDomain => resource::ACM_VALIDATION_DOMAIN,
    BackupColdStorageDays => resource::BACKUP_COLD_STORAGE_DAYS,
    CloudwatchAlarmPeriod => resource::CLOUDWATCH_ALARM_PERIOD,
    FsxStorageCapacity => resource::FSX_STORAGE_CAPACITY,
    GuarddutyDataSourcesAndFeatures => resource::GUARDDUTY_DATA_SOURCES_AND_FEATURES,
    SnsLambdaEndpoint => resource::SNS_LAMBDA_ENDPOINT,
    SsmReservedParameterName => resource::SSM_RESERVED_PARAMETER_NAME,
    S3AclWithoutOwnership => resource::S3_ACL_WITHOUT_OWNERSHIP,
    S3TieringDays => resource::S3_TIERING_DAYS,
    S3LegacyAccessControl => resource::S3_LEGACY_ACCESS_CONTROL,
    CloudwatchTooManyActions => resource::CLOUDWATCH_TOO_MANY_ACTIONS,
    SqsFifoSettings => resource::SQS_FIFO_SETTINGS,
    InvalidTags => resource::INVALID_TAGS,
    InvalidInstanceType => resource::INVALID_INSTANCE_TYPE,
    VpnGatewayType => resource::VPN_GATEWAY_TYPE,
    InvalidEngineVersion => resource::INVALID_ENGINE_VERSION,
    DeprecatedEngineVersion => resource::DEPRECATED_ENGINE_VERSION,
    SubnetOutsideVpc => subnet_cidrs::SUBNET_OUTSIDE_VPC,
    OverlappingSubnets => subnet_cidrs::OVERLAPPING_SUBNETS,
    DeadLetterQueueType => dead_letter_queues::DEAD_LETTER_QUEUE_TYPE,
    ConditionalReference => condition_rules::CONDITIONAL_REFERENCE,
    ConditionalDependsOn => condition_rules::CONDITIONAL_DEPENDS_ON,
    ConditionAlwaysSame => condition_rules::CONDITION_ALWAYS_SAME,
    UnreachableIfBranch => condition_rules::UNREACHABLE_IF_BRANCH,
    RdsInstanceClusterMismatch => rds_links::RDS_INSTANCE_CLUSTER_MISMATCH,
    LambdaSqsVisibilityTimeout => lambda_links::LAMBDA_SQS_VISIBILITY_TIMEOUT,
    LambdaSqsFifoBatchSize => lambda_links::LAMBDA_SQS_FIFO_BATCH_SIZE,
    LambdaSnapstartVersion => lambda_links::LAMBDA_SNAPSTART_VERSION,
    Ec2ImageIdRequired => ec2_links::EC2_IMAGE_ID_REQUIRED,
    Ec2LaunchTemplateVpcMismatch => ec2_links::EC2_LAUNCH_TEMPLATE_VPC_MISMATCH,
    VpcEndpointPrivateDnsConflict => ec2_links::VPC_ENDPOINT_PRIVATE_DNS_CONFLICT,
    AutoscalingTargetTrackingSize => autoscaling_links::AUTOSCALING_TARGET_TRACKING_SIZE,
    LogsSubscriptionFilterLimit => logs_links::LOGS_SUBSCRIPTION_FILTER_LIMIT,
    RoleRefWithPath => iam_links::ROLE_REF_WITH_PATH,
    EcsServiceNetworkConfiguration => ecs_services::ECS_SERVICE_NETWORK_CONFIGURATION,
    EcsServiceFargateCompatibility => ecs_services::ECS_SERVICE_FARGATE_COMPATIBILITY,
    EcsFargateLogDriver => ecs_services::ECS_FARGATE_LOG_DRIVER,
    EcsDynamicPortHealthCheck => ecs_services::ECS_DYNAMIC_PORT_HEALTH_CHECK,
    Elbv2ListenerRuleGeneve => elbv2_links::ELBV2_LISTENER_RULE_GENEVE,
    ApigatewayStageDeploymentApi => apigateway_links::APIGATEWAY_STAGE_DEPLOYMENT_API,
    ApigatewayAuthorizerApi => apigateway_links::APIGATEWAY_AUTHORIZER_API,
    ApigatewayAuthorizationType => apigateway_links::APIGATEWAY_AUTHORIZATION_TYPE,
    ApigatewayBodyWithResources => apigateway_links::APIGATEWAY_BODY_WITH_RESOURCES,
    LambdaPermissionSourceAccount => lambda_permissions::LAMBDA_PERMISSION_SOURCE_ACCOUNT,
    LambdaPermissionPrincipal => lambda_permissions::LAMBDA_PERMISSION_PRINCIPAL,
    DuplicatePrimaryIdentifier => unique_identifiers::DUPLICATE_PRIMARY_IDENTIFIER,
    DuplicateSubnetAssociation => unique_identifiers::DUPLICATE_SUBNET_ASSOCIATION,
    PseudoParameterAsText => hardcoded_values::PSEUDO_PARAMETER_AS_TEXT,
    HardCodedAvailabilityZone => hardcoded_values::HARD_CODED_AVAILABILITY_ZONE,
    IncompleteRetentionPolicy => retention_policies::INCOMPLETE_RETENTION_POLICY,
    HardCodedPassword => secrets::HARD_CODED_PASSWORD,
    SecretParameter => secrets::SECRET_PARAMETER,
    NoechoParameterShown => secrets::NOECHO_PARAMETER_SHOWN,
    YamlMergeKey => yaml_features::YAML_MERGE_KEY,
    YamlAlias => yaml_features::YAML_ALIAS,
    SamInvalidGlobals => catalog::sam::SAM_INVALID_GLOBALS,
    SamUnknownGlobalsSection => catalog::sam::SAM_UNKNOWN_GLOBALS_SECTION,
    SamUnsupportedGlobalProperty => catalog::sam::SAM_UNSUPPORTED_GLOBAL_PROPERTY,
    SamDeprecatedGlobalRuntime => catalog::sam::SAM_DEPRECATED_GLOBAL_RUNTIME,
    SamBlockedGlobalRuntime => catalog::sam::SAM_BLOCKED_GLOBAL_RUNTIME,
    SamUnknownResourceType => catalog::sam::SAM_UNKNOWN_RESOURCE_TYPE,
    SamMissingRequiredProperty => catalog::sam::SAM_MISSING_REQUIRED_PROPERTY,
    SamMissingHandlerOrRuntime => catalog::sam::SAM_MISSING_HANDLER_OR_RUNTIME,
    SamCodeConflict => catalog::sam::SAM_CODE_CONFLICT,
    SamPackageTypeConflict => catalog::sam::SAM_PACKAGE_TYPE_CONFLICT,
    SamMissingImageUri => catalog::sam::SAM_MISSING_IMAGE_URI,
    SamDeploymentPreferenceWithoutAlias => catalog::sam::SAM_DEPLOYMENT_PREFERENCE_WITHOUT_ALIAS,
    SamUnknownDeploymentType => catalog::sam::SAM_UNKNOWN_DEPLOYMENT_TYPE,
    SamDeploymentHookNotFunction => catalog::sam::SAM_DEPLOYMENT_HOOK_NOT_FUNCTION,
    SamInvalidEvent => catalog::sam::SAM_INVALID_EVENT,
    SamMissingEventType => catalog::sam::SAM_MISSING_EVENT_TYPE,
    SamUnknownEventType => catalog::sam::SAM_UNKNOWN_EVENT_TYPE,
    SamS3EventBucket => catalog::sam::SAM_S3_EVENT_BUCKET,
    SamInvalidPolicyArn => catalog::sam::SAM_INVALID_POLICY_ARN,
    SamInvalidManagedPolicy => catalog::sam::SAM_INVALID_MANAGED_POLICY,
    SamPolicyTemplateWithoutParameters => catalog::sam::SAM_POLICY_TEMPLATE_WITHOUT_PARAMETERS,
    SamUnknownPolicyTemplate => catalog::sam::SAM_UNKNOWN_POLICY_TEMPLATE,
    SamInvalidPolicyTemplate => catalog::sam::SAM_INVALID_POLICY_TEMPLATE,
    SamUnknownPolicyTemplateParameter => catalog::sam::SAM_UNKNOWN_POLICY_TEMPLATE_PARAMETER,
    SamMissingPolicyTemplateParameter => catalog::sam::SAM_MISSING_POLICY_TEMPLATE_PARAMETER,
    IamInvalidPolicy => catalog::iam_grammar::IAM_INVALID_POLICY,
    IamUnknownPolicyKey => catalog::iam_grammar::IAM_UNKNOWN_POLICY_KEY,
    IamMissingVersion => catalog::iam_grammar::IAM_MISSING_VERSION,
    IamOldVersion => catalog::iam_grammar::IAM_OLD_VERSION,
    IamInvalidVersion => catalog::iam_grammar::IAM_INVALID_VERSION,
    IamMissingStatement => catalog::iam_grammar::IAM_MISSING_STATEMENT,
    IamInvalidStatement => catalog::iam_grammar::IAM_INVALID_STATEMENT,
    IamDuplicateSid => catalog::iam_grammar::IAM_DUPLICATE_SID,
    IamInvalidSid => catalog::iam_grammar::IAM_INVALID_SID,
    IamUnknownStatementKey => catalog::iam_grammar::IAM_UNKNOWN_STATEMENT_KEY,
    IamMissingEffect => catalog::iam_grammar::IAM_MISSING_EFFECT,
    IamInvalidEffect => catalog::iam_grammar::IAM_INVALID_EFFECT,
    IamConflictingElements => catalog::iam_grammar::IAM_CONFLICTING_ELEMENTS,
    IamMissingAction => catalog::iam_grammar::IAM_MISSING_ACTION,
    IamMissingResource => catalog::iam_grammar::IAM_MISSING_RESOURCE,
    IamResourceNotAllowed => catalog::iam_grammar::IAM_RESOURCE_NOT_ALLOWED,
    IamPrincipalNotAllowed => catalog::iam_grammar::IAM_PRINCIPAL_NOT_ALLOWED,
    IamMissingPrincipal => catalog::iam_grammar::IAM_MISSING_PRINCIPAL,
    IamInvalidValue => catalog::iam_grammar::IAM_INVALID_VALUE,
    IamInvalidAction => catalog::iam_actions::IAM_INVALID_ACTION,
    IamUnknownService => catalog::iam_actions::IAM_UNKNOWN_SERVICE,
    IamUnknownAction => catalog::iam_actions::IAM_UNKNOWN_ACTION,
    IamWildcardMatchesNothing => catalog::iam_actions::IAM_WILDCARD_MATCHES_NOTHING,
    IamInvalidArn => catalog::iam_resources::IAM_INVALID_ARN,
    IamResourceMismatch => catalog::iam_resources::IAM_RESOURCE_MISMATCH,
    IamInvalidManagedPolicyArn => catalog::iam_resources::IAM_INVALID_MANAGED_POLICY_ARN,
    IamTrustAction => catalog::iam_principals::IAM_TRUST_ACTION,
    IamInvalidPrincipal => catalog::iam_principals::IAM_INVALID_PRINCIPAL,
    IamInvalidServicePrincipal => catalog::iam_principals::IAM_INVALID_SERVICE_PRINCIPAL,
    IamInvalidCondition => catalog::iam_conditions::IAM_INVALID_CONDITION,
    IamUnknownConditionOperator => catalog::iam_conditions::IAM_UNKNOWN_CONDITION_OPERATOR,
    IamUnknownConditionKey => catalog::iam_conditions::IAM_UNKNOWN_CONDITION_KEY,
    IamConditionTypeMismatch => catalog::iam_conditions::IAM_CONDITION_TYPE_MISMATCH,
    IamSetOperatorSingleValued => catalog::iam_conditions::IAM_SET_OPERATOR_SINGLE_VALUED,
    IamInvalidConditionValue => catalog::iam_conditions::IAM_INVALID_CONDITION_VALUE,
    IamAllowAll => catalog::iam_security::IAM_ALLOW_ALL,
    IamServiceAdmin => catalog::iam_security::IAM_SERVICE_ADMIN,
    IamPassroleWildcard => catalog::iam_security::IAM_PASSROLE_WILDCARD,
    IamPrivilegeEscalation => escalation::IAM_PRIVILEGE_ESCALATION,
    IamAllowNotaction => catalog::iam_security::IAM_ALLOW_NOTACTION,
    IamAllowNotresource => catalog::iam_security::IAM_ALLOW_NOTRESOURCE,
    IamAllowNotprincipal => catalog::iam_security::IAM_ALLOW_NOTPRINCIPAL,
    IamPublicPrincipal => catalog::iam_security::IAM_PUBLIC_PRINCIPAL,
    IamTrustAnyPrincipal => catalog::iam_security::IAM_TRUST_ANY_PRINCIPAL,
    AppspecVersion => catalog::appspec::APPSPEC_VERSION,
    AppspecVersionMissingSpace => catalog::appspec::APPSPEC_VERSION_MISSING_SPACE,
    AppspecVersionString => catalog::appspec::APPSPEC_VERSION_STRING,
    AppspecMissingKey => catalog::appspec::APPSPEC_MISSING_KEY,
    AppspecUnknownKey => catalog::appspec::APPSPEC_UNKNOWN_KEY,
    AppspecWrongPlatformKey => catalog::appspec::APPSPEC_WRONG_PLATFORM_KEY,
    AppspecInvalidValue => catalog::appspec::APPSPEC_INVALID_VALUE,
    AppspecWrongType => catalog::appspec::APPSPEC_WRONG_TYPE,
    AppspecEmptyValue => catalog::appspec::APPSPEC_EMPTY_VALUE,
    AppspecUnknownHook => catalog::appspec::APPSPEC_UNKNOWN_HOOK,
    AppspecCustomHook => catalog::appspec::APPSPEC_CUSTOM_HOOK,
    AppspecReservedHook => catalog::appspec::APPSPEC_RESERVED_HOOK,
    AppspecWrongPlatformHook => catalog::appspec::APPSPEC_WRONG_PLATFORM_HOOK,
    AppspecHooksShape => catalog::appspec::APPSPEC_HOOKS_SHAPE,
    AppspecTimeout => catalog::appspec::APPSPEC_TIMEOUT,
    AppspecHookTotalTimeout => catalog::appspec::APPSPEC_HOOK_TOTAL_TIMEOUT,
    AppspecLinuxOnly => catalog::appspec::APPSPEC_LINUX_ONLY,
    AppspecResourceCount => catalog::appspec::APPSPEC_RESOURCE_COUNT,
    AppspecEcsTargetService => catalog::appspec::APPSPEC_ECS_TARGET_SERVICE,
}

impl Rule {
    /// The stable code (`unknown-resource-type`).
    pub fn code(self) -> &'static str {
        self.def().code
    }

    /// The kind of its findings (`cloudformation`, `iam`, ...).
    pub fn kind(self) -> &'static str {
        self.def().family.as_str()
    }

    pub fn severity(self) -> Severity {
        self.def().severity
    }

    /// The rule with `code`, an awsls code.
    pub fn from_code(code: &str) -> Option<Rule> {
        Rule::ALL.iter().copied().find(|rule| rule.code() == code)
    }

    /// Whether `name` names this rule: its awsls code, one of its cfn-lint
    /// IDs (`E3012`), or a prefix of cfn-lint IDs as cfn-lint accepts them
    /// (`E3` for every `E3xxx` rule).
    pub fn is_named_by(self, name: &str) -> bool {
        let def = self.def();
        if def.code == name {
            return true;
        }
        looks_like_cfn_lint_id(name) && def.cfn_lint.iter().any(|id| id.starts_with(name))
    }

    /// Whether `name` is an awsls code or looks like a cfn-lint rule ID.
    pub fn is_known_name(name: &str) -> bool {
        Rule::from_code(name).is_some() || looks_like_cfn_lint_id(name)
    }
}

/// A cfn-lint rule ID or prefix of one: `E3012`, `W2`, `I3042`.
fn looks_like_cfn_lint_id(name: &str) -> bool {
    name.len() >= 2
        && name.starts_with(['E', 'W', 'I'])
        && name[1..].bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_slugs_and_definitions_are_complete() {
        let mut seen = std::collections::HashSet::new();
        for rule in Rule::ALL {
            let def = rule.def();
            assert!(seen.insert(def.code), "{} declared twice", def.code);
            assert!(
                def.code
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{}",
                def.code
            );
            assert!(!def.summary.is_empty(), "{} has no summary", def.code);
            assert!(
                def.explanation.len() > def.summary.len(),
                "{} explains nothing beyond its summary",
                def.code
            );
            for id in def.cfn_lint {
                assert!(
                    id.len() == 5 && Rule::is_known_name(id),
                    "{}: {id} is not a cfn-lint rule ID",
                    def.code
                );
            }
            let prefix = match def.family {
                Family::Sam => Some("sam-"),
                Family::Iam => Some("iam-"),
                Family::AppSpec => Some("appspec-"),
                Family::Syntax | Family::CloudFormation => None,
            };
            if let Some(prefix) = prefix {
                assert!(def.code.starts_with(prefix), "{}", def.code);
            }
        }
    }

    #[test]
    fn rules_are_named_by_code_and_by_cfn_lint_id() {
        assert!(Rule::UnknownResourceType.is_named_by("unknown-resource-type"));
        assert!(Rule::UnknownResourceType.is_named_by("E3006"));
        assert!(Rule::InvalidType.is_named_by("E3012"));
        assert!(Rule::InvalidType.is_named_by("E3"));
        assert!(!Rule::InvalidType.is_named_by("E30121"));
        assert!(!Rule::InvalidType.is_named_by("W3012"));
        assert!(!Rule::InvalidType.is_named_by("invalid"));
        assert_eq!(Rule::from_code("unknown-ref"), Some(Rule::UnknownRef));
        assert_eq!(Rule::from_code("E1020"), None);
    }
}
