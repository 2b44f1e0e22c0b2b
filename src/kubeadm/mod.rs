//! Domain knowledge about kubeadm, as data: API versions and kinds, field schemas, version
//! tables, image computation, and the typed view of one file's documents.

pub mod api;
pub mod api_features;
pub mod components;
pub mod config;
pub mod cri;
pub mod extra_args;
pub mod feature_gates;
pub mod images;
pub mod kubelet_defaults;
pub mod mounts;
pub mod network;
pub mod placeholders;
pub mod places;
pub mod reference;
pub mod registry;
pub mod releases;
pub mod relocations;
pub mod removals;
pub mod schema;
pub mod tokens;
pub mod topology;
pub mod validation;
pub mod version;

pub use api::{ApiVersion, Kind, KubeadmVersion};
pub use config::{ConfigSet, KubeadmDocument, Secret, Spanned, Target, VersionOptions};
