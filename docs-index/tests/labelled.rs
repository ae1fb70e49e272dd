//! Labelled evaluation of lookups over the built-in notes: hover targets with the
//! sections a careful reader of the notes would pick (file + section heading), and
//! targets the notes never cover, which must find nothing.

use awsls_docs_index::{NotesIndex, Topic};

const DEV: &str = "developer-associate-notes.md";
const TOP: &str = "developer-associate-topics.md";
const PLAN: &str = "developer-associate-study-plan.md";
const SAA: &str = "solutions-architect-associate-notes.md";
const CORE: &str = "core-services-notes.md";

type Label = (&'static str, &'static str);

const DYNAMODB: &[Label] = &[
    (DEV, "DynamoDB"),
    (PLAN, "DynamoDB"),
    (PLAN, "Creating DynamoDB"),
    (CORE, "Dynamo DB"),
    (SAA, "DynamoDB"),
];
// The core-services file files its SQS, SNS and SES notes under its "Dynamo DB" heading.
const SQS: &[Label] = &[
    (DEV, "SQS - Simple Queue Service"),
    (SAA, "SQS"),
    (PLAN, "SQS"),
    (CORE, "Dynamo DB"),
];
const SNS: &[Label] = &[
    (DEV, "SNS - Simple Notification Service"),
    (SAA, "SNS"),
    (PLAN, "SNS"),
    (CORE, "Dynamo DB"),
];
const S3: &[Label] = &[
    (DEV, "S3 101"),
    (DEV, "Tiered Storage"),
    (DEV, "Security"),
    (DEV, "Encryption"),
    (DEV, "Performance Optimization"),
    (SAA, "S3"),
    (SAA, "S3 Storage Classes"),
    (SAA, "S3 Advanced Features"),
    (SAA, "S3 Advanced Security"),
    (CORE, "S3"),
];
const LAMBDA: &[Label] = &[
    (DEV, "Lambda"),
    (SAA, "Lambda"),
    (SAA, "Lambda Limits and Best Practices"),
    (SAA, "Lambda at Edge"),
    (SAA, "Lambda in VPC"),
    (CORE, "What is Lambda?"),
];
const EC2: &[Label] = &[
    (DEV, "EC2 101"),
    (SAA, "EC2"),
    (SAA, "EC2 Instance Types"),
    (SAA, "EC2 User Data"),
    (SAA, "EC2 Purchasing Options"),
    (SAA, "EC2 - Placement Groups"),
    (CORE, "EC2"),
];
const VPC: &[Label] = &[
    (SAA, "Networking - VPC"),
    (SAA, "VPC"),
    (SAA, "Subnet"),
    (SAA, "Internet Gateways & Route Tables"),
    (SAA, "NAT Gateways"),
    (SAA, "NAT Instances"),
    (SAA, "NACL & Security Groups"),
    (SAA, "VPC Peering"),
    (SAA, "VPC Endpoints"),
    (SAA, "VPC Flow Logs"),
];
const ELB: &[Label] = &[
    (DEV, "Load Balancer"),
    (SAA, "ELB"),
    (SAA, "ELB - Sticky Sessions"),
    (SAA, "ELB - Cross Zone Load Balancing"),
    (SAA, "ELB - SSL Certificates"),
    (SAA, "ELB - Connection Draining"),
    (CORE, "EC2"),
];
const KMS: &[Label] = &[(DEV, "KMS"), (SAA, "KMS"), (PLAN, "KMS")];
const KINESIS: &[Label] = &[
    (DEV, "Kinesis"),
    (SAA, "Kinesis"),
    (SAA, "Kinesis Data Streams"),
    (PLAN, "Kinesis"),
];
const COGNITO: &[Label] = &[
    (DEV, "Cognito"),
    (SAA, "Cognito"),
    (SAA, "Cognito User Pools (CUP)"),
    (SAA, "Cognito Identity Pools(CIP)"),
];
const API_GATEWAY: &[Label] = &[(DEV, "API Gateway"), (SAA, "API Gateway")];
const STEP_FUNCTIONS: &[Label] = &[(DEV, "Step Functions"), (SAA, "Step Functions")];
const ECS: &[Label] = &[
    (TOP, "ECS Clusters"),
    (TOP, "ECS Tasks Definitions"),
    (TOP, "ECS Service"),
    (TOP, "Fargate"),
    (TOP, "ECS IAM Overview"),
    (TOP, "ECS Task Placement"),
    (TOP, "ECS Auto Scaling"),
    (TOP, "ECS Cluster Capacity Provider"),
    (SAA, "ECS"),
];
const ECR: &[Label] = &[
    (TOP, "Elastic Container Registry (ECR)"),
    (SAA, "ECR"),
    (DEV, "Docker and CodeBuild"),
];
const CODEDEPLOY: &[Label] = &[
    (DEV, "CodeDeploy"),
    (TOP, "CodeDeploy"),
    (PLAN, "Code Deploy"),
];
const CODEPIPELINE: &[Label] = &[
    (DEV, "CodePipeline"),
    (TOP, "CodePipeline"),
    (PLAN, "Code Pipeline"),
    (PLAN, "CodeStar - CI / CD"),
    (DEV, "CI/CD"),
    (TOP, "CI/CD Overview"),
];
const BEANSTALK: &[Label] = &[
    (DEV, "Elastic Beanstalk"),
    (PLAN, "Elastic Beanstalk"),
    (TOP, "Elastic Beanstalk Overview"),
    (TOP, "Elastic Beanstalk Deployment"),
    (TOP, "Elastic Beanstalk CLI"),
    (TOP, "Elastic Beanstalk Lifecycle Policy"),
    (TOP, "Elastic Beanstalk Extensions"),
    (TOP, "Elastic Beanstalk Cloning"),
    (TOP, "Elastic Beanstalk Migrations"),
    (TOP, "Docker in Elastic Beanstalk"),
    (TOP, "HTTPS in Elastic Beanstalk"),
    (TOP, "Difference between Web Server and Worker Environments"),
];
const CLOUDFORMATION: &[Label] = &[(DEV, "CloudFormation"), (SAA, "CloudFormation")];
const PARAMETER_STORE: &[Label] = &[(DEV, "Systems Manager Parameter Store"), (SAA, "SSM")];
const APPSPEC_EC2: &[Label] = &[(DEV, "CodeDeploy"), (TOP, "CodeDeploy")];

/// Hover targets and the sections that are relevant to them.
const CASES: &[(&str, &[Label])] = &[
    // Resource types.
    ("AWS::DynamoDB::Table", DYNAMODB),
    ("AWS::SQS::Queue", SQS),
    ("AWS::SNS::Topic", SNS),
    ("AWS::S3::Bucket", S3),
    ("AWS::Lambda::Function", LAMBDA),
    ("AWS::EC2::Instance", EC2),
    (
        "AWS::EC2::SecurityGroup",
        &[
            (DEV, "Security Group"),
            (SAA, "Security Groups"),
            (SAA, "NACL & Security Groups"),
        ],
    ),
    (
        "AWS::EC2::Volume",
        &[(DEV, "EBS Volume"), (SAA, "EBS"), (CORE, "EC2")],
    ),
    ("AWS::EC2::VPC", VPC),
    ("AWS::EC2::Subnet", VPC),
    ("AWS::ElasticLoadBalancingV2::LoadBalancer", ELB),
    (
        "AWS::AutoScaling::AutoScalingGroup",
        &[
            (SAA, "ASG"),
            (SAA, "ASG Scaling Policies"),
            (SAA, "Scalability & High Availability"),
        ],
    ),
    (
        "AWS::RDS::DBInstance",
        &[
            (DEV, "RDS (OLTP)"),
            (SAA, "RDS"),
            (DEV, "Relational Database"),
        ],
    ),
    (
        "AWS::ElastiCache::CacheCluster",
        &[
            (DEV, "ElastiCache"),
            (SAA, "ElastiCache"),
            (TOP, "Cache considerations"),
            (TOP, "Caching Patterns"),
            (PLAN, "DyanamoDB Accellerator (DAX) or Elasticache"),
        ],
    ),
    ("AWS::Kinesis::Stream", KINESIS),
    ("AWS::KMS::Key", KMS),
    (
        "AWS::IAM::Role",
        &[
            (DEV, "IAM"),
            (DEV, "STS"),
            (DEV, "Cross Account Access"),
            (SAA, "IAM"),
            (SAA, "IAM Policies"),
            (SAA, "IAM Best Practices"),
            (SAA, "IAM - Policy Evaluation Logic"),
            (CORE, "Identity Access Management (IAM)"),
        ],
    ),
    ("AWS::Cognito::UserPool", COGNITO),
    ("AWS::ApiGateway::RestApi", API_GATEWAY),
    ("AWS::StepFunctions::StateMachine", STEP_FUNCTIONS),
    ("AWS::ECS::Service", ECS),
    (
        "AWS::ECS::TaskDefinition",
        &[
            (TOP, "ECS Tasks Definitions"),
            (SAA, "ECS"),
            (TOP, "ECS IAM Overview"),
            (TOP, "ECS Task Placement"),
        ],
    ),
    ("AWS::ECR::Repository", ECR),
    ("AWS::CodeDeploy::DeploymentGroup", CODEDEPLOY),
    ("AWS::CodePipeline::Pipeline", CODEPIPELINE),
    (
        "AWS::CodeBuild::Project",
        &[(TOP, "CodeBuild"), (DEV, "Docker and CodeBuild")],
    ),
    (
        "AWS::CloudFront::Distribution",
        &[
            (DEV, "CloudFront"),
            (SAA, "CloudFront"),
            (TOP, "CloudFront Caching"),
            (TOP, "CloudFront Signed URL/Cookies"),
        ],
    ),
    (
        "AWS::Route53::RecordSet",
        &[
            (DEV, "Route53"),
            (SAA, "Route 53"),
            (DEV, "DNS 101"),
            (SAA, "DNS"),
        ],
    ),
    ("AWS::ElasticBeanstalk::Environment", BEANSTALK),
    ("AWS::SSM::Parameter", PARAMETER_STORE),
    ("AWS::SecretsManager::Secret", &[(SAA, "Secrets Manager")]),
    (
        "AWS::Logs::LogGroup",
        &[(DEV, "CloudWatch 101"), (SAA, "CloudWatch")],
    ),
    ("AWS::Events::Rule", &[(SAA, "EventBridge")]),
    ("AWS::CloudFormation::Stack", CLOUDFORMATION),
    ("AWS::EFS::FileSystem", &[(SAA, "EFS")]),
    ("AWS::CloudTrail::Trail", &[(SAA, "CloudTrail")]),
    (
        "AWS::WAFv2::WebACL",
        &[(SAA, "WAF"), (SAA, "DDOS Protection")],
    ),
    ("AWS::Athena::WorkGroup", &[(SAA, "Athena")]),
    (
        "AWS::Redshift::Cluster",
        &[
            (DEV, "Data Warehousing - Redshift (OLAP)"),
            (SAA, "Redshift"),
        ],
    ),
    ("AWS::EKS::Cluster", &[(SAA, "EKS")]),
    // Properties.
    (
        "AWS::DynamoDB::Table.ProvisionedThroughput",
        &[
            (PLAN, "Provisioned Throughput"),
            (DEV, "DynamoDB"),
            (CORE, "Dynamo DB"),
        ],
    ),
    (
        "AWS::DynamoDB::Table.StreamSpecification",
        &[
            (PLAN, "Dynamo DB Streams"),
            (DEV, "DynamoDB"),
            (CORE, "Dynamo DB"),
        ],
    ),
    (
        "AWS::DynamoDB::Table.GlobalSecondaryIndexes",
        &[(PLAN, "DynamoDB"), (DEV, "DynamoDB")],
    ),
    (
        "AWS::Lambda::Function.ReservedConcurrentExecutions",
        &[(DEV, "Lambda"), (SAA, "Lambda Limits and Best Practices")],
    ),
    (
        "AWS::Lambda::Function.VpcConfig",
        &[(SAA, "Lambda in VPC"), (DEV, "Lambda")],
    ),
    (
        "AWS::Lambda::Function.Timeout",
        &[(SAA, "Lambda"), (SAA, "Lambda Limits and Best Practices")],
    ),
    (
        "AWS::EC2::Instance.UserData",
        &[(SAA, "EC2 User Data"), (SAA, "EC2")],
    ),
    (
        "AWS::EC2::Instance.InstanceType",
        &[(SAA, "EC2 Instance Types"), (DEV, "EC2 101"), (CORE, "EC2")],
    ),
    (
        "AWS::SQS::Queue.VisibilityTimeout",
        &[
            (DEV, "SQS - Simple Queue Service"),
            (SAA, "SQS"),
            (CORE, "Dynamo DB"),
        ],
    ),
    (
        "AWS::SQS::Queue.DelaySeconds",
        &[(DEV, "SQS - Simple Queue Service"), (SAA, "SQS")],
    ),
    (
        "AWS::SQS::Queue.ReceiveMessageWaitTimeSeconds",
        &[
            (SAA, "SQS"),
            (DEV, "SQS - Simple Queue Service"),
            (PLAN, "SQS"),
        ],
    ),
    (
        "AWS::S3::Bucket.VersioningConfiguration",
        &[
            (DEV, "S3 101"),
            (DEV, "Tiered Storage"),
            (DEV, "Security"),
            (SAA, "S3"),
            (SAA, "S3 Advanced Security"),
        ],
    ),
    (
        "AWS::S3::Bucket.LifecycleConfiguration",
        &[
            (DEV, "Tiered Storage"),
            (SAA, "S3"),
            (SAA, "S3 Storage Classes"),
            (SAA, "S3 Advanced Features"),
        ],
    ),
    ("AWS::KMS::Key.EnableKeyRotation", KMS),
    (
        "AWS::AutoScaling::AutoScalingGroup.DesiredCapacity",
        &[(SAA, "ASG")],
    ),
    (
        "AWS::ElasticLoadBalancingV2::TargetGroup.HealthCheckPath",
        &[(SAA, "ELB")],
    ),
    // IAM actions.
    (
        "dynamodb:Query",
        &[
            (PLAN, "Query or Scan"),
            (DEV, "DynamoDB"),
            (PLAN, "DynamoDB"),
            (CORE, "Dynamo DB"),
        ],
    ),
    (
        "dynamodb:Scan",
        &[
            (PLAN, "Query or Scan"),
            (DEV, "DynamoDB"),
            (PLAN, "DynamoDB"),
            (CORE, "Dynamo DB"),
        ],
    ),
    (
        "dynamodb:PutItem",
        &[
            (DEV, "DynamoDB"),
            (PLAN, "DynamoDB"),
            (CORE, "Dynamo DB"),
            (SAA, "DynamoDB"),
            (SAA, "Cognito Identity Pools(CIP)"),
        ],
    ),
    (
        "s3:GetObject",
        &[
            (DEV, "S3 101"),
            (DEV, "Security"),
            (SAA, "S3"),
            (SAA, "S3 Advanced Security"),
            (CORE, "S3"),
            (DEV, "Alexa Skill"),
        ],
    ),
    (
        "sts:AssumeRole",
        &[(DEV, "STS"), (DEV, "Cross Account Access")],
    ),
    ("kms:Decrypt", KMS),
    (
        "kms:GenerateDataKey",
        &[
            (SAA, "KMS"),
            (SAA, "S3 Advanced Security"),
            (DEV, "KMS"),
            (PLAN, "KMS"),
        ],
    ),
    ("sqs:SendMessage", SQS),
    ("sqs:ReceiveMessage", SQS),
    ("lambda:InvokeFunction", LAMBDA),
    ("sns:Publish", SNS),
    ("xray:PutTraceSegments", &[(DEV, "X-Ray")]),
    ("ssm:GetParameter", PARAMETER_STORE),
    ("states:StartExecution", STEP_FUNCTIONS),
    ("kinesis:PutRecord", KINESIS),
    (
        "cognito-idp:AdminInitiateAuth",
        &[
            (SAA, "Cognito User Pools (CUP)"),
            (SAA, "Cognito"),
            (DEV, "Cognito"),
        ],
    ),
    ("ecr:GetAuthorizationToken", ECR),
    ("elasticbeanstalk:CreateEnvironment", BEANSTALK),
    // AppSpec hooks.
    (
        "BeforeInstall",
        &[
            (DEV, "CodeDeploy"),
            (TOP, "CodeDeploy"),
            (PLAN, "Code Deploy"),
        ],
    ),
    (
        "AfterInstall",
        &[
            (DEV, "CodeDeploy"),
            (TOP, "CodeDeploy"),
            (PLAN, "Code Deploy"),
        ],
    ),
    ("ApplicationStop", APPSPEC_EC2),
    ("ApplicationStart", APPSPEC_EC2),
    ("ValidateService", APPSPEC_EC2),
    ("DownloadBundle", APPSPEC_EC2),
    ("BeforeAllowTraffic", &[(DEV, "CodeDeploy")]),
    ("AfterAllowTraffic", &[(DEV, "CodeDeploy")]),
    ("BeforeBlockTraffic", &[(DEV, "CodeDeploy")]),
    // SAM resource types.
    (
        "AWS::Serverless::Function",
        &[
            (DEV, "CloudFormation"),
            (DEV, "Lambda"),
            (SAA, "Lambda"),
            (CORE, "What is Lambda?"),
        ],
    ),
    (
        "AWS::Serverless::Api",
        &[
            (DEV, "CloudFormation"),
            (DEV, "API Gateway"),
            (SAA, "API Gateway"),
        ],
    ),
    (
        "AWS::Serverless::SimpleTable",
        &[
            (DEV, "CloudFormation"),
            (DEV, "DynamoDB"),
            (PLAN, "DynamoDB"),
            (CORE, "Dynamo DB"),
            (SAA, "DynamoDB"),
        ],
    ),
    ("AWS::Serverless::StateMachine", STEP_FUNCTIONS),
    // Template sections.
    ("Mappings", CLOUDFORMATION),
    ("Outputs", CLOUDFORMATION),
    ("Parameters", CLOUDFORMATION),
    ("Conditions", CLOUDFORMATION),
    ("Resources", CLOUDFORMATION),
    ("Transform", &[(DEV, "CloudFormation")]),
    // Intrinsic functions.
    ("Ref", CLOUDFORMATION),
    ("!Ref", CLOUDFORMATION),
    ("Fn::ImportValue", &[(SAA, "CloudFormation")]),
    ("Fn::Equals", &[(DEV, "CloudFormation")]),
    // Lambda runtimes.
    (
        "python3.12",
        &[(DEV, "Lambda"), (SAA, "Lambda"), (CORE, "What is Lambda?")],
    ),
    (
        "nodejs20.x",
        &[
            (DEV, "Lambda"),
            (SAA, "Lambda"),
            (CORE, "What is Lambda?"),
            (DEV, "CloudFormation"),
        ],
    ),
    (
        "java21",
        &[(DEV, "Lambda"), (SAA, "Lambda"), (CORE, "What is Lambda?")],
    ),
    (
        "go1.x",
        &[(DEV, "Lambda"), (SAA, "Lambda"), (CORE, "What is Lambda?")],
    ),
    // Services by name, prefix or typo.
    ("Dynamo DB", DYNAMODB),
    ("DyanamoDB", DYNAMODB),
    ("xray", &[(DEV, "X-Ray")]),
    ("Parameter Store", PARAMETER_STORE),
    ("states", STEP_FUNCTIONS),
];

/// Targets the notes say nothing useful about.
const UNCOVERED: &[&str] = &[
    "AWS::IoTTwinMaker::Workspace",
    "AWS::Omics::Workflow",
    "AWS::AppStream::Fleet",
    "AWS::GameLift::Fleet",
    "AWS::Location::Map",
    "AWS::Bedrock::Agent",
    "AWS::Amplify::App",
    "AWS::MediaConvert::Queue",
    "AWS::AppSync::GraphQLApi",
    "appstream:CreateFleet",
    "gamelift:CreateFleet",
    "AWS::Omics::Workflow.Accelerators",
    "omics",
    // Never discussed; the Secrets Manager notes only use `!GetAtt` in a snippet.
    "!Sub",
    "Fn::GetAtt",
    "Fn::FindInMap",
    "Rules",
];

fn is_relevant(file: &str, title: &str, labels: &[Label]) -> bool {
    labels.iter().any(|(f, h)| *f == file && *h == title)
}

#[test]
fn labels_name_existing_sections() {
    let index = NotesIndex::builtin();
    for (target, labels) in CASES {
        for (file, heading) in *labels {
            let found = index
                .sections()
                .iter()
                .any(|s| s.file_name == *file && s.title() == *heading);
            assert!(
                found,
                "label of {target} names no section: {file} / {heading}"
            );
        }
    }
}

#[test]
fn top_hit_is_relevant_for_nine_in_ten_targets() {
    let index = NotesIndex::builtin();
    let mut misses = Vec::new();
    let mut top3_relevant = 0;
    let mut top3_total = 0;
    for (target, labels) in CASES {
        let hits = index.lookup(&Topic::parse(target), 3);
        for h in &hits {
            top3_total += 1;
            if is_relevant(&h.section.file_name, h.section.title(), labels) {
                top3_relevant += 1;
            } else {
                println!(
                    "  unlabelled in top 3 for {target}: {} ({:.0})",
                    h.section.id, h.score
                );
            }
        }
        match hits.first() {
            Some(h) if is_relevant(&h.section.file_name, h.section.title(), labels) => {}
            Some(h) => misses.push(format!("{target}: got {} ({:.0})", h.section.id, h.score)),
            None => misses.push(format!("{target}: nothing")),
        }
    }
    let accuracy = 1.0 - misses.len() as f64 / CASES.len() as f64;
    println!(
        "labelled targets: {}, top-1 relevant: {:.1}%, top-3 precision: {:.1}%",
        CASES.len(),
        accuracy * 100.0,
        100.0 * top3_relevant as f64 / top3_total.max(1) as f64
    );
    for m in &misses {
        println!("  miss: {m}");
    }
    assert!(CASES.len() >= 60);
    assert!(
        accuracy >= 0.9,
        "top-1 accuracy {accuracy:.3}; misses: {misses:#?}"
    );
}

#[test]
fn uncovered_targets_find_nothing() {
    let index = NotesIndex::builtin();
    for target in UNCOVERED {
        let hits = index.lookup(&Topic::parse(target), 3);
        let found: Vec<&str> = hits.iter().map(|h| h.section.id.as_str()).collect();
        assert!(
            found.is_empty(),
            "{target} should find nothing, found {found:?}"
        );
    }
}
