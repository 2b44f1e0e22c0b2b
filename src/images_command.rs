//! `kubeadm-lint images FILE`: the list `kubeadm config images list --config FILE` prints, from
//! the same image computation the rules use, optionally with each image's place on
//! registry.k8s.io and whether a path-preserving mirror of it would hold the pulled path.

use serde::Serialize;

use crate::app::{EXIT_CLEAN, EXIT_FINDINGS, MAX_INPUT_BYTES, fail};
use crate::cli::{ImagesArgs, ListFormat};
use crate::discover::{self, Input};
use crate::kubeadm::images::{self, Image};
use crate::kubeadm::version::KubernetesVersionValue;
use crate::kubeadm::{ConfigSet, releases};
use crate::yaml;

#[derive(Serialize)]
struct Listed {
    component: &'static str,
    image: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    upstream: Option<String>,
    /// With --mirror-of: what a path-preserving mirror at imageRepository holds for it, and
    /// whether that is the pulled reference (`None` when the image comes from elsewhere).
    #[serde(skip_serializing_if = "Option::is_none")]
    mirror: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mirror_has_it: Option<bool>,
}

#[derive(Serialize)]
struct Output {
    kubeadm_version: String,
    kubernetes_version: String,
    images: Vec<Listed>,
}

pub fn run(args: &ImagesArgs) -> u8 {
    if let Some(registry) = &args.mirror_of
        && registry != releases::DEFAULT_REGISTRY
    {
        return fail(format!(
            "--mirror-of `{registry}`: only {} is known",
            releases::DEFAULT_REGISTRY
        ));
    }
    let versions = match crate::app::version_flags(&args.kubernetes_version, &args.kubeadm_version)
    {
        Ok(versions) => versions,
        Err(message) => return fail(message),
    };
    let input = if args.file.as_os_str() == "-" {
        Input::Stdin
    } else {
        Input::named(&args.file)
    };
    let source = match discover::read(&input, "-", MAX_INPUT_BYTES) {
        Ok(source) => source,
        Err(error) => return fail(error),
    };
    let tree = yaml::parse(&source.text);
    if let Some(error) = tree.errors.first() {
        let (line, column) = source.line_col(error.offset);
        return fail(format!(
            "{}:{line}:{column}: YAML syntax error: {}",
            source.name, error.message
        ));
    }
    let config = ConfigSet::new(&source, &tree, &versions);
    if let Some(cluster) = config.cluster()
        && let Some(text) = cluster.root.get_str("kubernetesVersion")
        && matches!(
            KubernetesVersionValue::parse(text),
            KubernetesVersionValue::Label(_) | KubernetesVersionValue::Malformed
        )
    {
        eprintln!(
            "note: kubernetesVersion `{text}` is not a version; listing the images of Kubernetes {}",
            config.target().kubernetes_or_kubeadm()
        );
    }
    if let Some(assumption) = &config.target().assumption {
        eprintln!("note: {assumption}");
    }
    let settings = config.image_settings();
    let inputs = settings.inputs();
    let mirror_root = inputs
        .image_repository
        .unwrap_or(releases::default_image_repository(&settings.kubeadm));
    let listed: Vec<Listed> = images::control_plane_images(&inputs)
        .into_iter()
        .map(|image| describe(image, args.mirror_of.is_some(), mirror_root))
        .collect();
    let output = Output {
        kubeadm_version: settings.kubeadm.to_string(),
        kubernetes_version: config.target().kubernetes_or_kubeadm().to_string(),
        images: listed,
    };
    let code = if output.images.iter().any(|i| i.mirror_has_it == Some(false)) {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    };
    crate::app::print_out(render(&output, args.format), code)
}

fn describe(image: Image, mirror: bool, mirror_root: &str) -> Listed {
    let reference = image.reference();
    if !mirror {
        return Listed {
            component: image.component.image_name(),
            image: reference,
            upstream: None,
            mirror: None,
            mirror_has_it: None,
        };
    }
    let upstream = images::upstream_reference(&image);
    let path = upstream
        .strip_prefix(releases::DEFAULT_REGISTRY)
        .unwrap_or(&upstream);
    let under_root = reference
        .strip_prefix(mirror_root)
        .is_some_and(|rest| rest.starts_with('/'));
    let mirrored = format!("{mirror_root}{path}");
    Listed {
        component: image.component.image_name(),
        mirror_has_it: under_root.then(|| mirrored == reference),
        mirror: under_root.then_some(mirrored),
        image: reference,
        upstream: Some(upstream),
    }
}

fn render(output: &Output, format: ListFormat) -> String {
    match format {
        ListFormat::Json => {
            let mut text = serde_json::to_string_pretty(output).expect("plain data serialises");
            text.push('\n');
            text
        }
        ListFormat::Text => {
            let mut text = String::new();
            for image in &output.images {
                text.push_str(&image.image);
                if let Some(upstream) = &image.upstream {
                    text.push_str(&format!("  (upstream: {upstream})"));
                }
                match (&image.mirror, image.mirror_has_it) {
                    (Some(mirror), Some(false)) => text.push_str(&format!(
                        "  MISSING on a path-preserving mirror, which holds {mirror}"
                    )),
                    (None, None) if image.upstream.is_some() => {
                        text.push_str("  (not under imageRepository)")
                    }
                    _ => {}
                }
                text.push('\n');
            }
            text
        }
    }
}
