//! kubeadm sets up the kubelet with authentication, webhook authorization and its own
//! client CA, and relies on its health endpoint and static Pod directory; it only prints "The
//! recommended value for … is" when a KubeletConfiguration says otherwise, and silently forces
//! `rotateCertificates` (cmd/kubeadm/app/componentconfigs/kubelet.go). The values below either
//! open the kubelet API to anyone who can reach the node, or break `kubeadm init` itself.

use crate::fix::{blocks, edits};
use crate::kubeadm::kubelet_defaults::{HEALTHZ_BIND_ADDRESS, HEALTHZ_PORT, STATIC_POD_PATH};
use crate::kubeadm::places;
use crate::kubeadm::version::Version;
use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "kubelet-insecure-settings",
    summary: "a KubeletConfiguration that opens the kubelet API or departs from what kubeadm sets up and relies on",
    severity: Severity::Warning,
    fix: FixAvailability::SafeOrUnsafe,
    page: include_str!("../../rules/kubelet-insecure-settings.md"),
    check,
};

fn check(config: &ConfigSet, sink: &mut Sink) {
    for kubelet in places::documents(config, Kind::KubeletConfiguration) {
        check_kubelet(config, kubelet, sink);
    }
}

fn check_kubelet(config: &ConfigSet, kubelet: &KubeadmDocument, sink: &mut Sink) {
    let value = |path: &[&str]| {
        kubelet
            .path(path)
            .filter(|n| !n.is_null() && !places::is_templated(config, *n))
    };

    if let Some(port) = value(&["readOnlyPort"])
        && port.as_str().is_some_and(|p| p != "0")
    {
        sink.report(port.span(), format!("readOnlyPort {} serves the kubelet API without authentication", port.as_str().unwrap_or_default()))
            .primary_label("unauthenticated port")
            .help("anyone who reaches the node can list its pods, their specs and environment; metrics scrapers should use the authenticated port 10250")
            .fix_unsafe("set readOnlyPort to 0", blocks::replace_plain(port, "0").into_iter().collect());
    }
    if let Some(anonymous) = value(&["authentication", "anonymous", "enabled"])
        && anonymous.as_bool() == Some(true)
    {
        sink.report(anonymous.span(), "anonymous requests to the kubelet API are allowed")
            .help("kubeadm turns anonymous authentication off; with it on, and any authorizer that lets `system:anonymous` through, anyone can exec into pods on the node")
            .fix_unsafe("set authentication.anonymous.enabled to false", blocks::replace_plain(anonymous, "false").into_iter().collect());
    }
    if let Some(webhook) = value(&["authentication", "webhook", "enabled"])
        && webhook.as_bool() == Some(false)
    {
        sink.report(webhook.span(), "the kubelet does not accept API server tokens (authentication.webhook.enabled: false)")
            .help("kubeadm enables webhook authentication so service-account and user tokens work against the kubelet API; without it only client certificates authenticate")
            .fix_unsafe("set authentication.webhook.enabled to true", blocks::replace_plain(webhook, "true").into_iter().collect());
    }
    if let Some(mode) = value(&["authorization", "mode"])
        && mode.as_str() == Some("AlwaysAllow")
    {
        sink.report(mode.span(), "authorization.mode AlwaysAllow lets every authenticated caller do anything on the kubelet")
            .help("kubeadm sets Webhook, which asks the API server (RBAC) whether the caller may read logs, exec or port-forward")
            .fix_unsafe("set authorization.mode to Webhook", edits::replace_scalar(mode, "Webhook").into_iter().collect());
    }
    if let Some(rotate) = value(&["rotateCertificates"])
        && rotate.as_bool() == Some(false)
    {
        sink.report(rotate.span(), "kubeadm ignores rotateCertificates: false and sets it to true")
            .primary_label("overridden by kubeadm")
            .help("kubeadm always enables client certificate rotation for the kubelets it sets up; the value here only misleads the reader")
            .fix_safe("set rotateCertificates to true", blocks::replace_plain(rotate, "true").into_iter().collect());
    }
    if let Some(ca) = value(&["authentication", "x509", "clientCAFile"])
        && let Some(text) = ca.as_str()
    {
        let dir = places::certificates_dir(config);
        let expected = format!("{}/ca.crt", dir.trim_end_matches('/'));
        if text != expected && !crate::kubeadm::validation::is_templated(dir) {
            sink.report(ca.span(), format!("clientCAFile `{text}` is not the cluster CA kubeadm sets up (`{expected}`)"))
                .help("the API server authenticates to kubelets with a certificate signed by the cluster CA; with another client CA, `kubectl logs`/`exec` fail unless that CA also signs the API server's kubelet client certificate")
                .fix_unsafe(format!("set clientCAFile to {expected}"), edits::replace_scalar(ca, &expected).into_iter().collect());
        }
    }
    if let Some(path) = value(&["staticPodPath"])
        && let Some(text) = path.as_str()
        && !text.is_empty()
        && text.trim_end_matches('/') != STATIC_POD_PATH
    {
        sink.report(path.span(), format!("staticPodPath `{text}`: the kubelet will not see the control-plane manifests kubeadm writes"))
            .severity(Severity::Error)
            .help(format!("kubeadm always writes the API server, controller manager, scheduler and etcd manifests to {STATIC_POD_PATH}; with another staticPodPath they never start and `kubeadm init` times out waiting for the control plane"))
            .fix_unsafe(format!("set staticPodPath to {STATIC_POD_PATH}"), edits::replace_scalar(path, STATIC_POD_PATH).into_iter().collect());
    }
    if let Some(address) = value(&["healthzBindAddress"])
        && let Some(text) = address.as_str()
        && text.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_unspecified())
    {
        sink.report(address.span(), format!("healthzBindAddress `{text}` exposes the kubelet health endpoint on every interface"))
            .help(format!("kubeadm binds it to {HEALTHZ_BIND_ADDRESS}, where its own checks reach it; the endpoint needs no credentials, so keep it on loopback"))
            .fix_unsafe(format!("set healthzBindAddress to {HEALTHZ_BIND_ADDRESS}"), edits::replace_scalar(address, HEALTHZ_BIND_ADDRESS).into_iter().collect());
    }
    if let Some(port) = value(&["healthzPort"])
        && let Some(text) = port.as_str()
        && let Ok(number) = text.parse::<i64>()
        && number != HEALTHZ_PORT
    {
        let target = config.target();
        let fix = blocks::replace_plain(port, &HEALTHZ_PORT.to_string());
        let report = if target.kubeadm < Version::new(1, 30, 2) {
            sink.report(port.span(), format!("healthzPort {number}: kubeadm {} checks the kubelet on port {HEALTHZ_PORT} and will not find it{}", target.kubeadm, target.assumption_suffix()))
                .severity(Severity::Error)
                .help(format!("before 1.31 and 1.30.2 (kubernetes/kubernetes#125265) `kubeadm init` and `join` poll http://localhost:{HEALTHZ_PORT}/healthz whatever the kubelet is configured with, and fail when nothing answers there"))
        } else {
            sink.report(port.span(), format!("healthzPort {number} differs from kubeadm's {HEALTHZ_PORT}"))
                .severity(Severity::Info)
                .help("kubeadm 1.31 and 1.30.2 or later follow the configured port (and skip the kubelet check at 0) but print a \"recommended value\" warning; older releases fail init and join")
        };
        report.fix_unsafe(format!("set healthzPort to {HEALTHZ_PORT}"), fix.into_iter().collect());
    }
}
