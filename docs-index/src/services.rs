//! The service alias table: CloudFormation namespaces and IAM prefixes mapped to the
//! names, abbreviations and common misspellings people use for a service in notes.
//!
//! Namespaces and prefixes follow the AWS resource and property types reference and the
//! Service Authorization Reference. Prose aliases are phrases as they appear in notes;
//! single generic English words (`config`, `batch`) are avoided in favour of phrases.

/// One AWS service and the ways notes refer to it.
#[derive(Debug)]
pub struct Service {
    /// Display name.
    pub name: &'static str,
    /// CloudFormation namespaces (`AWS::<namespace>::...`).
    pub namespaces: &'static [&'static str],
    /// IAM action prefixes (`<prefix>:Action`).
    pub iam_prefixes: &'static [&'static str],
    /// Phrases used in prose, including abbreviations and typos seen in notes.
    pub aliases: &'static [&'static str],
}

macro_rules! svc {
    ($name:expr, [$($ns:expr),*], [$($p:expr),*], [$($a:expr),*]) => {
        Service { name: $name, namespaces: &[$($ns),*], iam_prefixes: &[$($p),*], aliases: &[$($a),*] }
    };
}

/// Every service the table knows.
pub static SERVICES: &[Service] = &[
    svc!(
        "DynamoDB",
        ["DynamoDB"],
        ["dynamodb"],
        ["DynamoDB", "Dynamo DB", "DyanamoDB", "Dynamo", "DDB"]
    ),
    svc!(
        "DynamoDB Accelerator",
        ["DAX"],
        ["dax"],
        ["DAX", "DynamoDB Accelerator", "DyanamoDB Accellerator"]
    ),
    svc!("SQS", ["SQS"], ["sqs"], ["SQS", "Simple Queue Service"]),
    svc!(
        "SNS",
        ["SNS"],
        ["sns"],
        ["SNS", "Simple Notification Service"]
    ),
    svc!("SES", ["SES"], ["ses"], ["SES", "Simple Email Service"]),
    svc!(
        "S3",
        ["S3", "S3Express", "S3ObjectLambda"],
        ["s3", "s3express"],
        ["S3", "Simple Storage Service"]
    ),
    svc!("EC2", ["EC2"], ["ec2"], ["EC2", "Elastic Compute Cloud"]),
    svc!(
        "EBS",
        [],
        ["ebs"],
        ["EBS", "Elastic Block Store", "EBS Volume"]
    ),
    svc!(
        "EFS",
        ["EFS"],
        ["elasticfilesystem"],
        ["EFS", "Elastic File System"]
    ),
    svc!(
        "VPC",
        [],
        [],
        [
            "VPC",
            "Virtual Private Cloud",
            "Subnet",
            "NAT Gateway",
            "Internet Gateway",
            "NACL"
        ]
    ),
    svc!(
        "Auto Scaling",
        ["AutoScaling", "ApplicationAutoScaling"],
        ["autoscaling", "application-autoscaling"],
        ["Auto Scaling", "AutoScaling", "ASG"]
    ),
    svc!(
        "Elastic Load Balancing",
        ["ElasticLoadBalancing", "ElasticLoadBalancingV2"],
        ["elasticloadbalancing"],
        [
            "ELB",
            "ALB",
            "NLB",
            "Elastic Load Balancer",
            "Elastic Load Balancing",
            "Load Balancer",
            "Application Load Balancer",
            "Network Load Balancer"
        ]
    ),
    svc!("Lambda", ["Lambda"], ["lambda"], ["Lambda"]),
    svc!(
        "API Gateway",
        ["ApiGateway", "ApiGatewayV2"],
        ["apigateway", "execute-api"],
        ["API Gateway", "APIGateway", "API GW"]
    ),
    svc!(
        "CloudFormation",
        ["CloudFormation"],
        ["cloudformation"],
        ["CloudFormation", "Cloud Formation", "CloudFromation", "CFN"]
    ),
    svc!(
        "SAM",
        ["Serverless"],
        ["serverlessrepo"],
        ["SAM", "Serverless Application Model", "AWS::Serverless"]
    ),
    svc!(
        "CodeDeploy",
        ["CodeDeploy"],
        ["codedeploy"],
        ["CodeDeploy", "Code Deploy", "AppSpec"]
    ),
    svc!(
        "CodePipeline",
        ["CodePipeline"],
        ["codepipeline"],
        ["CodePipeline", "Code Pipeline"]
    ),
    svc!(
        "CodeBuild",
        ["CodeBuild"],
        ["codebuild"],
        ["CodeBuild", "Code Build", "buildspec"]
    ),
    svc!(
        "CodeCommit",
        ["CodeCommit"],
        ["codecommit"],
        ["CodeCommit", "Code Commit"]
    ),
    svc!(
        "CodeStar",
        ["CodeStar", "CodeStarConnections"],
        ["codestar", "codestar-connections"],
        ["CodeStar"]
    ),
    svc!(
        "KMS",
        ["KMS"],
        ["kms"],
        ["KMS", "Key Management Service", "CMK"]
    ),
    svc!(
        "IAM",
        ["IAM"],
        ["iam"],
        [
            "IAM",
            "Identity Access Management",
            "Identity and Access Management"
        ]
    ),
    svc!(
        "STS",
        [],
        ["sts"],
        ["STS", "Security Token Service", "AssumeRole"]
    ),
    svc!(
        "Cognito",
        ["Cognito"],
        ["cognito-idp", "cognito-identity", "cognito-sync"],
        ["Cognito", "User Pool", "Identity Pool"]
    ),
    svc!(
        "Kinesis",
        [
            "Kinesis",
            "KinesisFirehose",
            "KinesisAnalytics",
            "KinesisAnalyticsV2",
            "KinesisVideo"
        ],
        ["kinesis", "firehose", "kinesisanalytics", "kinesisvideo"],
        ["Kinesis", "Firehose"]
    ),
    svc!(
        "ECS",
        ["ECS"],
        ["ecs"],
        ["ECS", "Elastic Container Service", "Fargate"]
    ),
    svc!(
        "ECR",
        ["ECR"],
        ["ecr"],
        ["ECR", "Elastic Container Registry"]
    ),
    svc!(
        "EKS",
        ["EKS"],
        ["eks"],
        ["EKS", "Elastic Kubernetes Service"]
    ),
    svc!(
        "CloudWatch",
        ["CloudWatch"],
        ["cloudwatch"],
        ["CloudWatch", "Cloud Watch"]
    ),
    svc!(
        "CloudWatch Logs",
        ["Logs"],
        ["logs"],
        ["CloudWatch Logs", "Log Group", "Log Groups"]
    ),
    svc!(
        "EventBridge",
        ["Events", "Scheduler", "Pipes"],
        ["events", "scheduler", "pipes"],
        ["EventBridge", "CloudWatch Events", "Event Bridge"]
    ),
    svc!("X-Ray", ["XRay"], ["xray"], ["X-Ray", "XRay"]),
    svc!(
        "ElastiCache",
        ["ElastiCache"],
        ["elasticache"],
        ["ElastiCache", "Elasticache"]
    ),
    svc!("MemoryDB", ["MemoryDB"], ["memorydb"], ["MemoryDB"]),
    svc!(
        "RDS",
        ["RDS"],
        ["rds"],
        ["RDS", "Relational Database Service"]
    ),
    svc!("Aurora", [], [], ["Aurora"]),
    svc!("Redshift", ["Redshift"], ["redshift"], ["Redshift"]),
    svc!(
        "Elastic Beanstalk",
        ["ElasticBeanstalk"],
        ["elasticbeanstalk"],
        ["Elastic Beanstalk", "Beanstalk", "EB CLI"]
    ),
    svc!(
        "Step Functions",
        ["StepFunctions"],
        ["states"],
        [
            "Step Functions",
            "Step Function",
            "StepFunctions",
            "State Machine",
            "Amazon States Language"
        ]
    ),
    svc!(
        "Secrets Manager",
        ["SecretsManager"],
        ["secretsmanager"],
        ["Secrets Manager", "SecretsManager"]
    ),
    svc!(
        "Systems Manager",
        ["SSM"],
        ["ssm"],
        [
            "SSM",
            "Systems Manager",
            "Parameter Store",
            "Session Manager"
        ]
    ),
    svc!(
        "CloudFront",
        ["CloudFront"],
        ["cloudfront"],
        ["CloudFront", "Cloud Front"]
    ),
    svc!(
        "Route 53",
        ["Route53", "Route53Resolver"],
        ["route53", "route53resolver"],
        ["Route 53", "Route53"]
    ),
    svc!(
        "CloudTrail",
        ["CloudTrail"],
        ["cloudtrail"],
        ["CloudTrail", "Cloud Trail"]
    ),
    svc!(
        "AWS Config",
        ["Config"],
        ["config"],
        ["AWS Config", "Config Rules"]
    ),
    svc!("Athena", ["Athena"], ["athena"], ["Athena"]),
    svc!("Glue", ["Glue"], ["glue"], ["AWS Glue", "Glue"]),
    svc!(
        "OpenSearch",
        ["OpenSearchService", "Elasticsearch"],
        ["es", "aoss"],
        ["OpenSearch", "Elasticsearch"]
    ),
    svc!(
        "EMR",
        ["EMR"],
        ["elasticmapreduce"],
        ["EMR", "Elastic MapReduce"]
    ),
    svc!(
        "MSK",
        ["MSK"],
        ["kafka"],
        ["MSK", "Managed Streaming for Apache Kafka"]
    ),
    svc!(
        "Amazon MQ",
        ["AmazonMQ"],
        ["mq"],
        ["Amazon MQ", "ActiveMQ", "RabbitMQ"]
    ),
    svc!(
        "ACM",
        ["CertificateManager"],
        ["acm"],
        ["ACM", "Certificate Manager"]
    ),
    svc!(
        "WAF",
        ["WAF", "WAFv2", "WAFRegional"],
        ["waf", "wafv2", "waf-regional"],
        ["WAF", "Web Application Firewall"]
    ),
    svc!(
        "Shield",
        ["Shield"],
        ["shield"],
        ["AWS Shield", "Shield Advanced"]
    ),
    svc!("GuardDuty", ["GuardDuty"], ["guardduty"], ["GuardDuty"]),
    svc!(
        "Inspector",
        ["Inspector", "InspectorV2"],
        ["inspector", "inspector2"],
        ["Amazon Inspector", "AWS Inspector"]
    ),
    svc!("Macie", ["Macie"], ["macie", "macie2"], ["Macie"]),
    svc!(
        "Organizations",
        ["Organizations"],
        ["organizations"],
        [
            "AWS Organizations",
            "Organizations",
            "Service Control Policy",
            "SCP"
        ]
    ),
    svc!(
        "Directory Service",
        ["DirectoryService"],
        ["ds"],
        ["Directory Service", "Directory Services"]
    ),
    svc!(
        "Global Accelerator",
        ["GlobalAccelerator"],
        ["globalaccelerator"],
        ["Global Accelerator"]
    ),
    svc!(
        "Snow Family",
        [],
        ["snowball"],
        ["Snowball", "Snow Family", "Snowmobile", "Snowcone"]
    ),
    svc!("FSx", ["FSx"], ["fsx"], ["FSx"]),
    svc!(
        "Storage Gateway",
        [],
        ["storagegateway"],
        ["Storage Gateway"]
    ),
    svc!(
        "Transfer Family",
        ["Transfer"],
        ["transfer"],
        ["Transfer Family"]
    ),
    svc!("DataSync", ["DataSync"], ["datasync"], ["DataSync"]),
    svc!("Backup", ["Backup"], ["backup"], ["AWS Backup"]),
    svc!(
        "Database Migration Service",
        ["DMS"],
        ["dms"],
        ["DMS", "Database Migration Service"]
    ),
    svc!(
        "Direct Connect",
        ["DirectConnect"],
        ["directconnect"],
        ["Direct Connect"]
    ),
    svc!("Transit Gateway", [], [], ["Transit Gateway"]),
    svc!(
        "Network Firewall",
        ["NetworkFirewall"],
        ["network-firewall"],
        ["Network Firewall"]
    ),
    svc!("Batch", ["Batch"], ["batch"], ["AWS Batch"]),
    svc!("AppFlow", ["AppFlow"], ["appflow"], ["AppFlow"]),
    svc!("Pinpoint", ["Pinpoint"], ["mobiletargeting"], ["Pinpoint"]),
    svc!("QuickSight", ["QuickSight"], ["quicksight"], ["QuickSight"]),
    svc!(
        "Lake Formation",
        ["LakeFormation"],
        ["lakeformation"],
        ["Lake Formation"]
    ),
    svc!("SageMaker", ["SageMaker"], ["sagemaker"], ["SageMaker"]),
    svc!(
        "Rekognition",
        ["Rekognition"],
        ["rekognition"],
        ["Rekognition"]
    ),
    svc!("Comprehend", [], ["comprehend"], ["Comprehend"]),
    svc!("Kendra", ["Kendra"], ["kendra"], ["Kendra"]),
    svc!("Lex", ["Lex"], ["lex"], ["Lex"]),
    svc!("Polly", [], ["polly"], ["Polly"]),
    svc!("Textract", [], ["textract"], ["Textract"]),
    svc!("Transcribe", [], ["transcribe"], ["Amazon Transcribe"]),
    svc!("Translate", [], ["translate"], ["Amazon Translate"]),
    svc!("Personalize", [], ["personalize"], ["Amazon Personalize"]),
    svc!("Forecast", [], ["forecast"], ["Amazon Forecast"]),
    svc!(
        "Elastic Transcoder",
        [],
        ["elastictranscoder"],
        ["Elastic Transcoder"]
    ),
    svc!(
        "Trusted Advisor",
        [],
        ["trustedadvisor"],
        ["Trusted Advisor"]
    ),
    svc!("Cost Explorer", [], ["ce"], ["Cost Explorer"]),
    svc!("Control Tower", [], ["controltower"], ["Control Tower"]),
    svc!(
        "IAM Identity Center",
        ["SSO"],
        ["sso"],
        ["Identity Center", "AWS SSO"]
    ),
    svc!(
        "Application Migration Service",
        [],
        ["mgn"],
        ["Application Migration Service", "MGN"]
    ),
];

/// Keeps only ASCII letters and digits, lowercased: the key used to compare names.
fn key(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Finds the service a name refers to: a CloudFormation namespace (`DynamoDB`,
/// `AWS::DynamoDB`), an IAM prefix (`cognito-idp`), or any alias, ignoring case,
/// spaces and punctuation (`Dynamo DB`, `ddb`, `amazon sqs`).
pub fn resolve(name: &str) -> Option<&'static Service> {
    let trimmed = name.trim();
    let trimmed = trimmed.strip_prefix("AWS::").unwrap_or(trimmed);
    let mut k = key(trimmed);
    for prefix in ["amazon", "aws"] {
        if let Some(rest) = k.strip_prefix(prefix) {
            if !rest.is_empty() && SERVICES.iter().any(|s| matches_key(s, rest)) {
                k = rest.to_string();
            }
        }
    }
    SERVICES.iter().find(|s| matches_key(s, &k))
}

/// Finds the service owning a CloudFormation namespace (exact, case-insensitive).
pub fn by_namespace(namespace: &str) -> Option<&'static Service> {
    SERVICES.iter().find(|s| {
        s.namespaces
            .iter()
            .any(|n| n.eq_ignore_ascii_case(namespace))
    })
}

/// Finds the service owning an IAM action prefix (exact, case-insensitive).
pub fn by_iam_prefix(prefix: &str) -> Option<&'static Service> {
    SERVICES.iter().find(|s| {
        s.iam_prefixes
            .iter()
            .any(|p| p.eq_ignore_ascii_case(prefix))
    })
}

/// Finds a service by its display name.
pub fn by_name(name: &str) -> Option<&'static Service> {
    SERVICES.iter().find(|s| s.name == name)
}

fn matches_key(service: &Service, k: &str) -> bool {
    if k.is_empty() {
        return false;
    }
    key(service.name) == k
        || service.namespaces.iter().any(|n| key(n) == k)
        || service.iam_prefixes.iter().any(|p| key(p) == k)
        || service.aliases.iter().any(|a| key(a) == k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_namespaces_prefixes_and_typos() {
        for name in [
            "DynamoDB",
            "AWS::DynamoDB",
            "dynamodb",
            "Dynamo DB",
            "DyanamoDB",
            "ddb",
        ] {
            assert_eq!(resolve(name).map(|s| s.name), Some("DynamoDB"), "{name}");
        }
        assert_eq!(resolve("cognito-idp").map(|s| s.name), Some("Cognito"));
        assert_eq!(
            resolve("ElasticLoadBalancingV2").map(|s| s.name),
            Some("Elastic Load Balancing")
        );
        assert_eq!(resolve("states").map(|s| s.name), Some("Step Functions"));
        assert_eq!(resolve("Amazon SQS").map(|s| s.name), Some("SQS"));
        assert_eq!(resolve("xray").map(|s| s.name), Some("X-Ray"));
        assert!(resolve("IoTTwinMaker").is_none());
        assert!(resolve("").is_none());
    }

    #[test]
    fn namespace_and_prefix_lookups_are_exact() {
        assert_eq!(
            by_namespace("ApiGatewayV2").map(|s| s.name),
            Some("API Gateway")
        );
        assert_eq!(
            by_iam_prefix("logs").map(|s| s.name),
            Some("CloudWatch Logs")
        );
        assert!(by_namespace("Omics").is_none());
    }
}
