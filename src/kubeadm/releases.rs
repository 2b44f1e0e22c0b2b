//! TEMPORARY until the tables land (being written in parallel).
use super::version::{Minor, Version};
pub const OLDEST_KNOWN: Minor = Minor::new(1, 20);
pub const NEWEST_RELEASED: Minor = Minor::new(1, 37);
pub const NEWEST_KNOWN: Minor = Minor::new(1, 38);
pub fn newest_patch(minor: Minor) -> Version {
    minor.dot_zero()
}
pub fn is_known(minor: Minor) -> bool {
    (OLDEST_KNOWN..=NEWEST_KNOWN).contains(&minor)
}
pub const DEFAULT_REGISTRY: &str = "registry.k8s.io";
pub const LEGACY_REGISTRY: &str = "k8s.gcr.io";
pub fn default_image_repository(kubeadm: &Version) -> &'static str {
    let _ = kubeadm;
    DEFAULT_REGISTRY
}
