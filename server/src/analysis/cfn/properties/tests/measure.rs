//! Timing of the property checks on a large template. Run with
//! `cargo test -p awsls --release measure_large_template -- --ignored --nocapture`.

use std::time::Instant;

use crate::analysis::Snapshot;

use super::super::super::template::Template;

fn large_template(groups: usize) -> String {
    let mut text = String::from("Resources:\n");
    for i in 0..groups {
        text.push_str(&format!(
            "  Bucket{i}:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Sub 'b-{i}-${{AWS::AccountId}}'\n      VersioningConfiguration: {{Status: Enabled}}\n      LifecycleConfiguration:\n        Rules:\n          - {{Id: r{i}, Status: Enabled, ExpirationInDays: 30}}\n      Tags:\n        - {{Key: team, Value: t{i}}}\n\
             \x20 Queue{i}:\n    Type: AWS::SQS::Queue\n    Properties: {{QueueName: q-{i}, DelaySeconds: 5, VisibilityTimeout: '30'}}\n\
             \x20 Fn{i}:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: python3.13\n      Handler: index.handler\n      Role: arn:aws:iam::123456789012:role/r{i}\n      Code: {{ZipFile: x}}\n      Environment: {{Variables: {{AB: c}}}}\n      VpcConfig: {{SubnetIds: [subnet-0abc], SecurityGroupIds: [sg-0abc]}}\n\
             \x20 Sg{i}:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: sg\n      VpcId: vpc-0abc\n      SecurityGroupIngress:\n        - {{IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/8}}\n"
        ));
    }
    text
}

#[test]
#[ignore]
fn measure_large_template() {
    let text = large_template(500);
    let snapshot = Snapshot::from_text("big.yaml", &text);
    let template = Template::of(&snapshot);
    assert_eq!(template.resources.len(), 2000);
    let warm = super::check_template(&snapshot);
    assert!(warm.is_empty(), "{:?}", warm.first());
    let start = Instant::now();
    let runs = 10;
    for _ in 0..runs {
        super::check_template(&snapshot);
    }
    println!("2000 resources: {:?} per check", start.elapsed() / runs);
}
