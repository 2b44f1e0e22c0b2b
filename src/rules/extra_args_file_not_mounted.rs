//! Static Pods see only the host paths mounted into them. kubeadm mounts a fixed set
//! (`cmd/kubeadm/app/phases/controlplane/volumes.go`: certificatesDir, /etc/ssl/certs, the
//! kubeconfigs, and some CA directories only when the host has them) plus the component's
//! `extraVolumes`; a file flag in `extraArgs` that points elsewhere makes the component exit
//! ("open /etc/kubernetes/enc-conf.yaml: no such file or directory", kubernetes/kubeadm#640,
//! kubernetes/kubernetes#101521). The mounts and the file-taking flags are in `kubeadm::mounts`.

use crate::fix::structure;
use crate::kubeadm::extra_args::{self, ArgsBlock, Component};
use crate::kubeadm::mounts::{self, Access};
use crate::rules::prelude::*;

pub const RULE: Rule = Rule {
    name: "extra-args-file-not-mounted",
    summary: "a control-plane flag names a host file that no volume of the static Pod mounts",
    severity: Severity::Error,
    fix: FixAvailability::Unsafe,
    page: include_str!("../../rules/extra-args-file-not-mounted.md"),
    check,
};

/// Markers of template placeholders: such paths are filled in later.
const TEMPLATE_MARKERS: [&str; 3] = ["{{", "{%", "${"];

struct Volume {
    mount_path: String,
    read_only: bool,
}

fn check(config: &ConfigSet, sink: &mut Sink) {
    let target = config.target();
    let kubeadm = target.kubeadm_minor();
    for doc in config.of_kind(Kind::ClusterConfiguration) {
        let certificates = doc
            .str_at(&["certificatesDir"])
            .map_or(mounts::DEFAULT_CERTIFICATES_DIR, |c| c.value);
        let etcd_dirs: Vec<String> = ["caFile", "certFile", "keyFile"]
            .iter()
            .filter_map(|f| doc.str_at(&["etcd", "external", f]))
            .map(|f| mounts::directory_for(f.value, Access::ReadFile))
            .collect();
        for block in extra_args::blocks(config, doc) {
            let component = block.field.component;
            let Some(section) = component.cluster_key().and_then(|k| doc.get(k)) else { continue };
            let volumes = volumes(section);
            let mut always = mounts::always_mounted(component, certificates);
            if component == Component::ApiServer {
                always.extend(etcd_dirs.iter().cloned());
            }
            for arg in block.args() {
                let Some(access) = mounts::file_flag(component, arg.name) else { continue };
                let Some(path) = arg.text().filter(|p| p.starts_with('/')) else { continue };
                if TEMPLATE_MARKERS.iter().any(|m| path.contains(m)) {
                    continue;
                }
                let binary = component.binary();
                let span = arg.value_or_name().span();
                if let Some(volume) = volumes.iter().find(|v| mounts::covers(&v.mount_path, path)) {
                    if volume.read_only && access != Access::ReadFile {
                        sink.report(span, format!("{binary} writes `{path}`, but the extraVolumes entry for `{}` is read-only", volume.mount_path))
                            .severity(Severity::Warning)
                            .primary_label("read-only mount")
                            .help("the component cannot create or append to it; set `readOnly: false` on that volume");
                    }
                    continue;
                }
                if always.iter().any(|m| mounts::covers(m, path)) {
                    continue;
                }
                if component == Component::ControllerManager
                    && arg.name == "flex-volume-plugin-dir"
                    && kubeadm < mounts::FLEX_VOLUME_MOUNT_REMOVED
                {
                    continue;
                }
                let dir = mounts::directory_for(path, access);
                if let Some(distro) = mounts::DISTRO_CA_DIRS.iter().find(|d| mounts::covers(d, path)) {
                    sink.report(span, format!("`{path}` is visible to {binary} only on hosts that have `{distro}`"))
                        .severity(Severity::Warning)
                        .primary_label("depends on the node's distribution")
                        .help(format!("kubeadm mounts {distro} only when it exists on the node (RHEL has /etc/pki, Debian does not); add an extraVolumes entry for `{dir}` to be sure"));
                    continue;
                }
                let flex_note = if arg.name == "flex-volume-plugin-dir" {
                    format!(" (kubeadm stopped mounting the flex-volume directory in 1.36, PR #136423){}", target.assumption_suffix())
                } else {
                    String::new()
                };
                let edit = add_volume(config.text(), &block, section, arg.name, &dir, access);
                sink.report(span, format!("`--{}={path}`: no volume of the {binary} static Pod mounts `{dir}`", arg.name))
                    .primary_label("not mounted into the Pod")
                    .help(format!("{binary} cannot open it and exits, and kubeadm waits for it in vain{flex_note}; add to `{}.extraVolumes`: name: {}, hostPath: {dir}, mountPath: {dir}, readOnly: {}, pathType: DirectoryOrCreate", component.cluster_key().unwrap_or_default(), arg.name, access == Access::ReadFile))
                    .fix_unsafe(format!("mount {dir} into {binary}"), edit.into_iter().collect());
            }
        }
    }
}

fn volumes(section: Node) -> Vec<Volume> {
    section
        .get("extraVolumes")
        .into_iter()
        .flat_map(|list| list.items())
        .filter_map(|item| {
            Some(Volume {
                mount_path: item.get_str("mountPath")?.to_string(),
                read_only: item.get("readOnly").and_then(|r| r.as_bool()).unwrap_or(false),
            })
        })
        .collect()
}

/// Appends an extraVolumes item (or inserts `extraVolumes:` after `extraArgs`).
fn add_volume(text: &str, block: &ArgsBlock, section: Node, name: &str, dir: &str, access: Access) -> Option<Edit> {
    let eol = structure::line_ending(text);
    let dir = structure::render_string(dir);
    let read_only = access == Access::ReadFile;
    let body = |dash: usize| {
        let pad = " ".repeat(dash);
        let inner = " ".repeat(dash + 2);
        format!("{pad}- name: {name}{eol}{inner}hostPath: {dir}{eol}{inner}mountPath: {dir}{eol}{inner}readOnly: {read_only}{eol}{inner}pathType: DirectoryOrCreate{eol}")
    };
    match section.entry("extraVolumes") {
        Some((_, list)) if list.is_sequence() && !list.is_flow() && !list.is_empty() => {
            let last = list.items().last()?;
            let first = list.items().next()?;
            let dash = structure::item_dash(text, first)?;
            let at = structure::item_lines(text, last)?.end;
            let lead = if text[..at].ends_with('\n') { "" } else { eol };
            Some(Edit::insert(at, format!("{lead}{}", body(structure::column(text, dash)))))
        }
        Some(_) => None,
        None => {
            let lines = structure::entry_lines(text, block.key, block.value)?;
            let key_column = structure::column(text, block.key.span().start);
            let dash = match structure::indents_sequences(text, section) {
                Some(false) => key_column,
                _ => key_column + structure::indent_step(text, section),
            };
            let lead = if text[..lines.end].ends_with('\n') { "" } else { eol };
            let pad = " ".repeat(key_column);
            Some(Edit::insert(lines.end, format!("{lead}{pad}extraVolumes:{eol}{}", body(dash))))
        }
    }
}
