//! Fields move between kubeadm API versions (v1beta4 moved the control-plane and discovery
//! timeouts into `timeouts` and replaced the PublicKeysECDSA gate with `encryptionAlgorithm`;
//! v1beta3 dropped `dns.type` and `useHyperKubeImage`; v1beta1 split MasterConfiguration). After
//! an apiVersion bump the old key is unknown, and kubeadm only warns ("strict decoding error")
//! and drops it with its value (`cmd/kubeadm/app/util/config/strict/strict.go`), so the setting
//! silently stops working. The moves are in `kubeadm::relocations`, shared with
//! unknown-or-miscased-field, which leaves these keys to this rule.

use crate::fix::structure::{self, NewValue};
use crate::kubeadm::api::{ApiVersion, KubeadmVersion};
use crate::kubeadm::relocations::{self, Destination, Loss, Relocation};
use crate::kubeadm::schema;
use crate::kubeadm::validation;
use crate::kubeadm::version::Minor;
use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "relocated-or-removed-field",
    summary: "a field that moved or was removed in the document's apiVersion, which kubeadm silently drops",
    severity: Severity::Warning,
    fix: FixAvailability::SafeOrUnsafe,
    page: include_str!("../../rules/relocated-or-removed-field.md"),
    check,
};

/// The first kubeadm release that refuses the PublicKeysECDSA gate (PR #136016).
const ECDSA_GATE_REMOVED: Minor = Minor::new(1, 37);

fn check(config: &ConfigSet, sink: &mut Sink) {
    for doc in &config.documents {
        let (ApiVersion::Kubeadm(version), Some(kind)) = (doc.api, doc.kind) else { continue };
        if doc.is_run_together() {
            continue;
        }
        for relocation in relocations::RELOCATIONS {
            if version < relocation.from || !relocation.kinds.contains(&kind) {
                continue;
            }
            // Most relocations are absent from most files: walk the path without collecting it.
            let (parent_dotted, last) = relocation.path.rsplit_once('.').unwrap_or(("", relocation.path));
            let mut parent_path = parent_dotted.split('.').filter(|s| !s.is_empty());
            let Some(parent) = parent_path.clone().try_fold(doc.root, |node, key| node.get(key)) else { continue };
            let Some((key, value)) = parent.entry(last) else { continue };
            let parent_path: Vec<&str> = parent_path.by_ref().collect();
            let removal = delete_pruning(config.text(), doc.root, &parent_path, parent, key);
            report(config, sink, doc, relocation, removal, key, value);
        }
        if version >= KubeadmVersion::V1beta4 && kind == Kind::ClusterConfiguration {
            public_keys_ecdsa(config, sink, doc);
        }
    }
}

fn report(
    config: &ConfigSet,
    sink: &mut Sink,
    doc: &KubeadmDocument,
    relocation: &Relocation,
    removal: Option<Edit>,
    key: Node,
    value: Node,
) {
    let text = config.text();
    let api = doc.api_version_node.as_str().unwrap_or_default();
    let kind = doc.kind.map_or("", |k| k.as_str());
    let path = relocation.path;
    let written = value_text(text, value);
    let (message, instead) = match relocation.to {
        Destination::Field { kinds, path: to } => {
            let kinds: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
            let place = if kinds == [kind] { String::new() } else { format!(" in the {}", kinds.join(" and the ")) };
            (
                format!("`{path}` is not a field of {kind} in `{api}`: it moved to `{to}`"),
                format!("write `{to}: {written}`{place}"),
            )
        }
        Destination::Document(target) => (
            format!("`{path}` is not a field of {kind} in `{api}`: it became a {} document", target.as_str()),
            format!("move its content into a separate `{}` document", target.as_str()),
        ),
        Destination::Gone(note) => (format!("`{path}` no longer exists in `{api}`"), note.to_string()),
    };
    let severity = match relocation.loss {
        Loss::Topology => Severity::Error,
        Loss::Setting | Loss::Nothing => Severity::Warning,
    };
    let report = sink
        .report(key.span(), message)
        .severity(severity)
        .primary_label("dropped by kubeadm")
        .help(format!(
            "kubeadm only warns (\"strict decoding error: unknown field\") and drops it with its value; {instead} ({})",
            relocation.source
        ));
    match relocation.path {
        "apiServer.timeoutForControlPlane" => {
            let edits = move_timeout(config, removal, value, &written);
            report.fix_safe(format!("move it to the InitConfiguration's timeouts.controlPlaneComponentHealthCheck: {written}"), edits.unwrap_or_default());
        }
        "discovery.timeout" => {
            let edits = move_discovery_timeout(text, doc, removal, &written);
            report.fix_safe(format!("move it to timeouts.discovery: {written}"), edits.unwrap_or_default());
        }
        "dns.type" => {
            let edit: Vec<Edit> = removal.into_iter().collect();
            if value.as_str().is_some_and(|v| v.eq_ignore_ascii_case("CoreDNS")) {
                report.fix_safe("delete dns.type: CoreDNS is all kubeadm deploys", edit);
            } else {
                report.fix_unsafe("delete dns.type", edit);
            }
        }
        "useHyperKubeImage" => {
            let edit: Vec<Edit> = removal.into_iter().collect();
            if value.as_bool() == Some(false) {
                report.fix_safe("delete useHyperKubeImage: false", edit);
            } else {
                report.fix_unsafe("delete useHyperKubeImage", edit);
            }
        }
        _ => {}
    }
}

/// Removes `key` from `parent`; when it is the parent's only entry, removes the parent's own
/// entry instead, so no empty `dns:` or `featureGates:` is left behind.
fn delete_pruning(text: &str, root: Node, parent_path: &[&str], parent: Node, key: Node) -> Option<Edit> {
    if parent.len() == 1
        && let Some((last, above)) = parent_path.split_last()
        && let Some(grandparent) = root.path(above)
        && let Some((parent_key, _)) = grandparent.entry(last)
    {
        return structure::delete_entry(text, grandparent, parent_key);
    }
    structure::delete_entry(text, parent, key)
}

/// The value as written (quotes kept); a collection of scalars in flow style; anything larger
/// summarised.
fn value_text(text: &str, value: Node) -> String {
    let scalar = |node: Node| structure::string_source(text, node).filter(|s| !s.contains('\n'));
    if let Some(source) = scalar(value) {
        return source.to_string();
    }
    if value.is_sequence() {
        let items: Option<Vec<&str>> = value.items().map(scalar).collect();
        if let Some(items) = items.filter(|i| i.len() <= 6) {
            return format!("[{}]", items.join(", "));
        }
    } else if value.is_mapping() {
        let pairs: Option<Vec<String>> = value
            .entries()
            .map(|(k, v)| Some(format!("{}: {}", scalar(k)?, scalar(v)?)))
            .collect();
        if let Some(pairs) = pairs.filter(|p| p.len() <= 4) {
            return format!("{{{}}}", pairs.join(", "));
        }
    }
    "…".to_string()
}

/// apiServer.timeoutForControlPlane -> InitConfiguration.timeouts.controlPlaneComponentHealthCheck.
fn move_timeout(config: &ConfigSet, removal: Option<Edit>, value: Node, written: &str) -> Option<Vec<Edit>> {
    let text = config.text();
    if structure::string_source(text, value).is_none() || value.is_null() {
        return None;
    }
    let delete = removal?;
    // Without an InitConfiguration to move it to, only kubeadm's own default can be dropped
    // without changing anything.
    let Some(init) = config
        .of_kind(Kind::InitConfiguration)
        .find(|d| matches!(d.api, ApiVersion::Kubeadm(v) if v >= KubeadmVersion::V1beta4))
    else {
        let seconds = value.as_str().and_then(validation::parse_go_duration);
        return (seconds == Some(relocations::CONTROL_PLANE_HEALTH_CHECK_DEFAULT_SECONDS)).then(|| vec![delete]);
    };
    let insert = insert_timeout(text, init, "controlPlaneComponentHealthCheck", written)?;
    Some(match insert {
        Some(edit) => vec![delete, edit],
        None => vec![delete],
    })
}

/// discovery.timeout -> timeouts.discovery of the same JoinConfiguration.
fn move_discovery_timeout(text: &str, doc: &KubeadmDocument, removal: Option<Edit>, written: &str) -> Option<Vec<Edit>> {
    if written == "…" {
        return None;
    }
    let delete = removal?;
    let insert = insert_timeout(text, doc, "discovery", written)?;
    Some(match insert {
        Some(edit) => vec![delete, edit],
        None => vec![delete],
    })
}

/// Inserts `timeouts.<name>: <value>`; `Some(None)` when the document already sets it (its own
/// value wins, so only the deletion remains).
fn insert_timeout(text: &str, doc: &KubeadmDocument, name: &str, written: &str) -> Option<Option<Edit>> {
    match doc.get("timeouts") {
        Some(timeouts) if timeouts.is_mapping() && !timeouts.is_empty() => {
            if timeouts.entry(name).is_some() {
                return Some(None);
            }
            let order = timeout_order(doc);
            structure::insert_in_order(text, timeouts, &order, name, &NewValue::Scalar(written.to_string())).map(Some)
        }
        Some(timeouts) if !timeouts.is_null() => None,
        _ => {
            let order = root_order(doc);
            let (Some(_), Some(_)) = (doc.root.entries().next(), doc.kind) else { return None };
            if doc.root.entry("timeouts").is_some() {
                return None;
            }
            structure::insert_in_order(text, doc.root, &order, "timeouts", &NewValue::Map(vec![(name.to_string(), written.to_string())])).map(Some)
        }
    }
}

fn root_order(doc: &KubeadmDocument) -> Vec<&'static str> {
    doc.kind
        .and_then(|k| schema::root_fields(doc.api, k))
        .map(|fields| fields.iter().map(|f| f.name).collect())
        .unwrap_or_default()
}

fn timeout_order(doc: &KubeadmDocument) -> Vec<&'static str> {
    doc.kind
        .and_then(|k| schema::root_fields(doc.api, k))
        .and_then(|fields| schema::field(fields, "timeouts"))
        .and_then(|f| f.kind.fields())
        .map(|fields| fields.iter().map(|f| f.name).collect())
        .unwrap_or_default()
}

/// featureGates.PublicKeysECDSA in v1beta4: the key type is `encryptionAlgorithm` now.
fn public_keys_ecdsa(config: &ConfigSet, sink: &mut Sink, doc: &KubeadmDocument) {
    let Some(gates) = doc.get("featureGates").filter(|g| g.is_mapping()) else { return };
    let Some((key, value)) = gates.entry("PublicKeysECDSA") else { return };
    let text = config.text();
    let target = config.target();
    let release = target.kubeadm_minor();
    let assumed = target.assumption_suffix();
    let on = value.as_bool();
    let instead = if on == Some(true) {
        "write `encryptionAlgorithm: ECDSA-P256` instead"
    } else {
        "delete it; the default encryptionAlgorithm is RSA-2048"
    };
    let report = if release >= ECDSA_GATE_REMOVED {
        sink.report(key.span(), format!("kubeadm {release} has no feature gate `PublicKeysECDSA`: `kubeadm.k8s.io/v1beta4` sets the key type with `encryptionAlgorithm`{assumed}"))
            .severity(Severity::Error)
            .primary_label("not a valid feature name")
            .help(format!("kubeadm refuses the configuration (\"PublicKeysECDSA is not a valid feature name.\"); {instead} (gate removed in 1.37, PR #136016)"))
    } else {
        sink.report(key.span(), format!("`PublicKeysECDSA` is deprecated: `kubeadm.k8s.io/v1beta4` sets the key type with `encryptionAlgorithm`{assumed}"))
            .primary_label("deprecated gate")
            .help(format!("kubeadm 1.37 refuses the gate; {instead} (v1beta4/doc.go; gate removed in 1.37, PR #136016)"))
    };
    let Some(delete) = delete_pruning(text, doc.root, &["featureGates"], gates, key) else { return };
    match (on, doc.get("encryptionAlgorithm")) {
        (Some(true), None) => {
            let order = root_order(doc);
            let insert = structure::insert_in_order(text, doc.root, &order, "encryptionAlgorithm", &NewValue::Scalar("ECDSA-P256".to_string()));
            if let Some(insert) = insert {
                report.fix_safe("replace the gate with encryptionAlgorithm: ECDSA-P256", vec![delete, insert]);
            }
        }
        (Some(false), _) => {
            report.fix_safe("delete the gate, which is off", vec![delete]);
        }
        _ => {}
    }
}
