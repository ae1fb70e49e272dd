//! Deployment lifecycle events of each platform, in the order CodeDeploy runs
//! them, with which of them accept hooks. Facts from the CodeDeploy user guide
//! ("AppSpec 'hooks' section").

use super::platform::Platform;

/// One lifecycle event of one platform.
#[derive(Clone, Copy, Debug)]
pub struct Event {
    pub name: &'static str,
    /// False for events CodeDeploy runs itself, which take no hook.
    pub hookable: bool,
    /// When it runs and what it is for.
    pub doc: &'static str,
}

const fn hook(name: &'static str, doc: &'static str) -> Event {
    Event {
        name,
        hookable: true,
        doc,
    }
}

const fn reserved(name: &'static str, doc: &'static str) -> Event {
    Event {
        name,
        hookable: false,
        doc,
    }
}

/// In-place deployment behind a load balancer; without one, the traffic events are skipped.
const EC2: &[Event] = &[
    hook("BeforeBlockTraffic", "Runs on the instance before it is deregistered from its load balancer."),
    reserved("BlockTraffic", "CodeDeploy deregisters the instance from its load balancer, so it gets no more traffic."),
    hook("AfterBlockTraffic", "Runs on the instance after it is deregistered from its load balancer."),
    hook(
        "ApplicationStop",
        "Stops the running application before the new revision is downloaded. Its scripts come from the previous successfully deployed revision, so a change here takes effect on the next deployment.",
    ),
    reserved("DownloadBundle", "The CodeDeploy agent copies the revision files to a temporary location on the instance."),
    hook(
        "BeforeInstall",
        "Runs before the revision files are copied to their destinations: decrypt files, back up the current version, install dependencies.",
    ),
    reserved("Install", "The CodeDeploy agent copies the revision files from the temporary location to their destinations."),
    hook(
        "AfterInstall",
        "Runs after the files are in place: configure the application, change file permissions.",
    ),
    hook("ApplicationStart", "Starts the services stopped during ApplicationStop."),
    hook("ValidateService", "Verifies that the deployment completed successfully."),
    hook("BeforeAllowTraffic", "Runs on the instance before it is registered with its load balancer."),
    reserved("AllowTraffic", "CodeDeploy registers the instance with its load balancer, so it gets traffic again."),
    hook("AfterAllowTraffic", "Runs on the instance after it is registered with its load balancer."),
];

const LAMBDA: &[Event] = &[
    hook(
        "BeforeAllowTraffic",
        "Invokes a Lambda function before traffic shifts to the target version of the alias: check that the new version works.",
    ),
    reserved("AllowTraffic", "CodeDeploy shifts the alias's traffic from the current version to the target version."),
    hook(
        "AfterAllowTraffic",
        "Invokes a Lambda function after all traffic has shifted to the target version: check that it behaves under real traffic.",
    ),
];

const ECS: &[Event] = &[
    hook(
        "BeforeInstall",
        "Invokes a Lambda function before the replacement task set is created; the original task set still serves all traffic.",
    ),
    reserved("Install", "CodeDeploy creates the replacement task set."),
    hook(
        "AfterInstall",
        "Invokes a Lambda function after the replacement task set is created, before any traffic reaches it.",
    ),
    reserved("AllowTestTraffic", "The test listener starts routing traffic to the replacement task set."),
    hook(
        "AfterAllowTestTraffic",
        "Invokes a Lambda function while the test listener serves the replacement task set: run validation tests.",
    ),
    hook(
        "BeforeAllowTraffic",
        "Invokes a Lambda function before production traffic shifts to the replacement task set.",
    ),
    reserved("AllowTraffic", "CodeDeploy shifts production traffic from the original to the replacement task set."),
    hook(
        "AfterAllowTraffic",
        "Invokes a Lambda function after production traffic has shifted to the replacement task set.",
    ),
];

/// The events of a platform in run order.
pub fn events(platform: Platform) -> &'static [Event] {
    match platform {
        Platform::Ec2 => EC2,
        Platform::Lambda => LAMBDA,
        Platform::Ecs => ECS,
    }
}

pub fn find(platform: Platform, name: &str) -> Option<&'static Event> {
    events(platform).iter().find(|e| e.name == name)
}

/// The names of the events that take hooks on a platform, in run order.
pub fn hook_names(platform: Platform) -> Vec<&'static str> {
    events(platform)
        .iter()
        .filter(|e| e.hookable)
        .map(|e| e.name)
        .collect()
}

/// The other platforms on which `name` takes a hook.
pub fn hookable_elsewhere(platform: Platform, name: &str) -> Vec<Platform> {
    Platform::ALL
        .into_iter()
        .filter(|p| *p != platform && find(*p, name).is_some_and(|e| e.hookable))
        .collect()
}

/// "A, B and C".
pub fn join_names(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {}", rest.join(", "), last),
    }
}

/// Markdown: the platform's events in order, the one named in bold, reserved
/// ones marked as such.
pub fn order_markdown(platform: Platform, current: &str) -> String {
    let mut out = format!("Lifecycle order ({}):\n\n", platform.label());
    for (i, event) in events(platform).iter().enumerate() {
        let name = if event.name == current {
            format!("**{}**", event.name)
        } else {
            event.name.to_string()
        };
        let note = if event.hookable {
            ""
        } else {
            " (run by CodeDeploy, no hooks)"
        };
        out.push_str(&format!("{}. {}{}\n", i + 1, name, note));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ec2_hooks_in_order_without_reserved_events() {
        assert_eq!(
            hook_names(Platform::Ec2),
            [
                "BeforeBlockTraffic",
                "AfterBlockTraffic",
                "ApplicationStop",
                "BeforeInstall",
                "AfterInstall",
                "ApplicationStart",
                "ValidateService",
                "BeforeAllowTraffic",
                "AfterAllowTraffic"
            ]
        );
    }

    #[test]
    fn ecs_events_are_found_on_other_platforms() {
        assert_eq!(
            hookable_elsewhere(Platform::Lambda, "AfterAllowTestTraffic"),
            [Platform::Ecs]
        );
        assert_eq!(
            hookable_elsewhere(Platform::Lambda, "BeforeInstall"),
            [Platform::Ec2, Platform::Ecs]
        );
        assert!(hookable_elsewhere(Platform::Ec2, "Install").is_empty());
    }

    #[test]
    fn order_marks_current_and_reserved() {
        let md = order_markdown(Platform::Lambda, "AfterAllowTraffic");
        assert!(md.contains("3. **AfterAllowTraffic**"), "{md}");
        assert!(
            md.contains("2. AllowTraffic (run by CodeDeploy, no hooks)"),
            "{md}"
        );
    }
}
