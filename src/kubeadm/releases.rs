//! What each kubeadm release ships with: its default image registry, the CoreDNS and pause tags
//! compiled into the binary, and its etcd version map (`SupportedEtcdVersion`).
//!
//! Everything here is keyed by the **kubeadm binary** version. CoreDNS and pause tags come from
//! the binary alone; the etcd tag comes from the binary's map, looked up with the minor of
//! `kubernetesVersion` (facts 5.1, `cmd/kubeadm/app/images/images.go`).
//!
//! Sources, cited by short name in the tables below:
//! * \[facts\] `reference/kubeadm-facts.md`, sections 5.2, 5.3, 5.4, 8, 11.1, 11.2.
//! * \[MK\] `kubernetes/minikube:pkg/minikube/constants/constants_kubeadm_images.go`
//!   (commits `006286b09bed057df735f2b342ecde9427f201ec` for 1.17–1.32 and
//!   `383c3aa4af9c2d637800f0b4c70b360980d523cf` for 1.28–1.37): real `kubeadm config images
//!   list` output of the released kubeadm binary X for `--kubernetes-version X`, i.e. the tags of
//!   every patch release for its *own* minor.
//! * \[map@X.Y\] a copy of `cmd/kubeadm/app/constants/constants.go` of that line, read in a
//!   fork of kubernetes/kubernetes (the upstream repository index keeps only one version):
//!   1.20.5 `KangYingjie0/kubernetes-1.20.5-customize@b0b6145`, 1.21 `k8sli/kubernetes@020ce71`
//!   and `openshift/kubernetes@78f2946`, 1.22 beta `Haleygo/kubernetes@3d6c2d5`, 1.23 dev
//!   `kcp-dev/kubernetes@3c97efc`, 1.24 `yuuri/kubernetes@26513cf`, 1.25.4+
//!   `Laisky/kubernetes@a77feb6`, 1.26 `ak1ra-lab/kubernetes@4dd95d6` and
//!   `translatecn/kubernetes@ac57958`, 1.27 `kkkkun/kubernetes@096cabf`, 1.30 dev
//!   `shichanglin5/kubernetes@1f42002`, 1.31 `kubernetes/kubernetes@3301161c` [facts 5.4], 1.33
//!   dev `mmorel-35/kubernetes@0b0abd6` and `roseteromeo56/kubernetes@5d25311`, 1.34 dev
//!   `danwinship/kubernetes@6c763fd`, 1.38 dev `dims/kubernetes@247af52`; for 1.34.2+ a
//!   third-party copy of `constants.go` (repository not shown by the index) with
//!   `{31, 32, 33: "3.5.24-0", 34: "3.6.5-0"}`.
//! * PR threads in kubernetes/kubernetes: #118733 (1.28: "drop versions < 1.22 in the etcd map,
//!   use 3.5.9-0 for >= 1.22"), #126703 (1.32 entry), #134692/#134779 (3.5.23/3.5.24 for the
//!   supported 3.5 lines), #134866 (1.35: two computed entries).
//!
//! Within one minor, a kubeadm pre-release (`1.31.0-rc.0`) is treated as its `.0` release;
//! pre-release builds that shipped other tags (etcd `3.7.0-rc.0-0` in 1.37 alphas) are not
//! modelled. Minors outside [`OLDEST_KNOWN`]..=[`NEWEST_KNOWN`] are answered with the nearest
//! known line; callers should check [`is_known`] first.

use std::ops::RangeInclusive;

use super::version::{Minor, Version};

/// The oldest kubeadm minor these tables describe.
pub const OLDEST_KNOWN: Minor = Minor::new(1, 20);
/// The newest kubeadm minor with a final release (1.37.0, 2026-08-26; facts 11.1).
pub const NEWEST_RELEASED: Minor = Minor::new(1, 37);
/// The newest kubeadm minor known at all (1.38, in development; facts 11.1).
pub const NEWEST_KNOWN: Minor = Minor::new(1, 38);

/// kubeadm's `DefaultImageRepository` since 1.25.0 (and the 1.22.17/1.23.15/1.24.9 backports).
pub const DEFAULT_REGISTRY: &str = "registry.k8s.io";
/// kubeadm's `DefaultImageRepository` before the move to registry.k8s.io.
pub const LEGACY_REGISTRY: &str = "k8s.gcr.io";
/// `DefaultCIImageRepository`: control plane and kube-proxy images of `ci/` versions.
pub const CI_REGISTRY: &str = "gcr.io/k8s-staging-ci-images";

/// Whether the tables describe this kubeadm minor.
pub fn is_known(minor: Minor) -> bool {
    (OLDEST_KNOWN..=NEWEST_KNOWN).contains(&minor)
}

/// A value that changed in a patch release: `since` is the first patch of the minor that has it.
struct Since<T: 'static> {
    since: u32,
    value: T,
}

const fn from<T>(since: u32, value: T) -> Since<T> {
    Since { since, value }
}

/// How kubeadm names the CoreDNS image (facts 5.1, 5.3; `GetDNSImage` in
/// `cmd/kubeadm/app/images/images.go`, `CoreDNSImageName` in `constants.go`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CorednsLayout {
    /// Up to 1.20: `<repo>/coredns:<tag>` under every repository (CoreDNS ≤ 1.7 was published
    /// flat, tags without `v`).
    Flat,
    /// 1.21.0 and 1.21.1: the image name constant was `coredns/coredns`, so every repository,
    /// custom ones included, gets `<repo>/coredns/coredns:<tag>` (kubernetes/kubeadm#2501).
    NestedEverywhere,
    /// From 1.21.2 (PR #102502, cherry-pick #102506): `/coredns` is appended to the repository
    /// only when it equals this binary's default exactly; other repositories get
    /// `<repo>/coredns:<tag>`.
    NestedUnderDefaultOnly,
}

/// One kubeadm minor release line.
struct ReleaseLine {
    minor: u32,
    /// The newest release seen (facts 11.1, \[MK\]); `newest_suffix` is empty for a final release.
    newest_patch: u32,
    newest_suffix: &'static str,
    /// `DefaultImageRepository` of the binary, per patch.
    registry: &'static [Since<&'static str>],
    /// `CoreDNSVersion` of the binary, per patch.
    coredns: &'static [Since<&'static str>],
    /// `PauseVersion` of the binary (no patch release of a line ever changed it, per \[MK\]).
    pause: &'static str,
    layout: &'static [Since<CorednsLayout>],
    /// `SupportedEtcdVersion` of the binary, per patch.
    etcd: &'static [EtcdRow],
}

/// `SupportedEtcdVersion` as shipped from one kubeadm patch release until the next row of the
/// same minor: control-plane minors → etcd image tag. Consecutive minors with the same tag are
/// written as one range; kubeadm's Go map has one key per minor.
struct EtcdRow {
    since: u32,
    map: EtcdMap,
    /// Entries for Kubernetes < 1.22 that kubeadm 1.20–1.27 still carried in the same map
    /// (\[map@1.20\]..\[map@1.27\]; dropped by PR #118733 in 1.28).
    older: EtcdMap,
}

type EtcdMap = &'static [(RangeInclusive<u32>, &'static str)];

const fn etcd(since: u32, map: EtcdMap) -> EtcdRow {
    EtcdRow {
        since,
        map,
        older: &[],
    }
}

const fn etcd_with_pre_1_22(since: u32, map: EtcdMap) -> EtcdRow {
    EtcdRow {
        since,
        map,
        older: PRE_1_22,
    }
}

/// The map entries for Kubernetes 1.13–1.21, identical in every map from 1.20 to 1.27
/// (\[map@1.20\], \[map@1.21\], \[map@1.22\], \[map@1.24\], \[map@1.26\], \[map@1.27\]).
const PRE_1_22: EtcdMap = &[
    (13..=13, "3.2.24"),
    (14..=15, "3.3.10"),
    (16..=16, "3.3.17-0"),
    (17..=18, "3.4.3-0"),
    (19..=21, "3.4.13-0"),
];

const GCR_ONLY: &[Since<&str>] = &[from(0, LEGACY_REGISTRY)];
const REGISTRY_K8S_IO: &[Since<&str>] = &[from(0, DEFAULT_REGISTRY)];
const NESTED_UNDER_DEFAULT: &[Since<CorednsLayout>] =
    &[from(0, CorednsLayout::NestedUnderDefaultOnly)];

/// The release lines, oldest first, one per minor from [`OLDEST_KNOWN`] to [`NEWEST_KNOWN`].
///
/// Own-minor etcd tags per patch are \[MK\] observations (and agree with \[facts\] 5.4 and 11.2).
/// The other keys of each map come from the \[map@…\] copies; where a line's map was not read
/// (1.22 final, 1.28, 1.29, 1.32, 1.35–1.37) it is filled in by the pattern every read map
/// follows and marked UNVERIFIED. From 1.22 to 1.33 every entry of the current etcd line carries
/// the same tag and patch bumps moved all of them together, so a control plane one minor below
/// the binary gets the binary's own tag; in 1.34 and 1.35 minor N-1 stays on etcd 3.5 while N
/// has 3.6, and in 1.37 N-1 has 3.6 while N has 3.7.
const RELEASES: &[ReleaseLine] = &[
    ReleaseLine {
        minor: 20,
        newest_patch: 15,
        newest_suffix: "",
        registry: GCR_ONLY,
        coredns: &[from(0, "1.7.0")],
        pause: "3.2",
        layout: &[from(0, CorednsLayout::Flat)],
        // [map@1.20]: 13..=21, one minor ahead of the binary.
        etcd: &[etcd_with_pre_1_22(0, &[])],
    },
    ReleaseLine {
        minor: 21,
        newest_patch: 14,
        newest_suffix: "",
        registry: GCR_ONLY,
        coredns: &[from(0, "v1.8.0")],
        pause: "3.4.1",
        layout: &[
            from(0, CorednsLayout::NestedEverywhere),
            from(2, CorednsLayout::NestedUnderDefaultOnly),
        ],
        // [map@1.21]: 13..=22.
        etcd: &[etcd_with_pre_1_22(0, &[(22..=22, "3.4.13-0")])],
    },
    ReleaseLine {
        minor: 22,
        newest_patch: 17,
        newest_suffix: "",
        // Backport PR #113388 shipped in 1.22.17 [facts 5.2].
        registry: &[from(0, LEGACY_REGISTRY), from(17, DEFAULT_REGISTRY)],
        coredns: &[from(0, "v1.8.4")],
        pause: "3.5",
        layout: NESTED_UNDER_DEFAULT,
        // [map@1.22] (beta) had {22, 23: "3.5.0-rc.0-0"}; the final values are [MK]'s own-minor
        // tags. UNVERIFIED: that 23 moved together with 22.
        etcd: &[
            etcd_with_pre_1_22(0, &[(22..=23, "3.5.0-0")]),
            etcd_with_pre_1_22(17, &[(22..=23, "3.5.6-0")]),
        ],
    },
    ReleaseLine {
        minor: 23,
        newest_patch: 17,
        newest_suffix: "",
        // Backport PR #113393 shipped in 1.23.15 [facts 5.2].
        registry: &[from(0, LEGACY_REGISTRY), from(15, DEFAULT_REGISTRY)],
        coredns: &[from(0, "v1.8.6")],
        pause: "3.6",
        layout: NESTED_UNDER_DEFAULT,
        // [map@1.23] (dev) had {22, 23: "3.5.1-0"}; bumps per [MK].
        etcd: &[
            etcd_with_pre_1_22(0, &[(22..=23, "3.5.1-0")]),
            etcd_with_pre_1_22(14, &[(22..=23, "3.5.5-0")]),
            etcd_with_pre_1_22(15, &[(22..=23, "3.5.6-0")]),
        ],
    },
    ReleaseLine {
        minor: 24,
        newest_patch: 17,
        newest_suffix: "",
        // Backport PR #113395 shipped in 1.24.9 [facts 5.2].
        registry: &[from(0, LEGACY_REGISTRY), from(9, DEFAULT_REGISTRY)],
        coredns: &[from(0, "v1.8.6")],
        pause: "3.7",
        layout: NESTED_UNDER_DEFAULT,
        // [map@1.24]: {22, 23, 24: "3.5.3-0"}; bumps per [MK].
        etcd: &[
            etcd_with_pre_1_22(0, &[(22..=24, "3.5.3-0")]),
            etcd_with_pre_1_22(8, &[(22..=24, "3.5.5-0")]),
            etcd_with_pre_1_22(9, &[(22..=24, "3.5.6-0")]),
        ],
    },
    ReleaseLine {
        minor: 25,
        newest_patch: 16,
        newest_suffix: "",
        // PRs #109938, #110343 [facts 5.2].
        registry: REGISTRY_K8S_IO,
        coredns: &[from(0, "v1.9.3")],
        pause: "3.8",
        layout: NESTED_UNDER_DEFAULT,
        // [map@1.25.4+]: {22..=25: "3.5.5-0"}; the other rows follow the same shape, tags per [MK].
        etcd: &[
            etcd_with_pre_1_22(0, &[(22..=25, "3.5.4-0")]),
            etcd_with_pre_1_22(4, &[(22..=25, "3.5.5-0")]),
            etcd_with_pre_1_22(5, &[(22..=25, "3.5.6-0")]),
            etcd_with_pre_1_22(15, &[(22..=25, "3.5.9-0")]),
        ],
    },
    ReleaseLine {
        minor: 26,
        newest_patch: 15,
        newest_suffix: "",
        registry: REGISTRY_K8S_IO,
        coredns: &[from(0, "v1.9.3")],
        pause: "3.9",
        layout: NESTED_UNDER_DEFAULT,
        // [map@1.26]: {22..=26: "3.5.6-0"}; bumps per [MK].
        etcd: &[
            etcd_with_pre_1_22(0, &[(22..=26, "3.5.6-0")]),
            etcd_with_pre_1_22(10, &[(22..=26, "3.5.9-0")]),
            etcd_with_pre_1_22(13, &[(22..=26, "3.5.10-0")]),
        ],
    },
    ReleaseLine {
        minor: 27,
        newest_patch: 16,
        newest_suffix: "",
        registry: REGISTRY_K8S_IO,
        coredns: &[from(0, "v1.10.1")],
        pause: "3.9",
        layout: NESTED_UNDER_DEFAULT,
        // [map@1.27] (3.5.9 era): {22..=27: "3.5.9-0"}; the other rows have the same shape,
        // tags per [MK].
        etcd: &[
            etcd_with_pre_1_22(0, &[(22..=27, "3.5.7-0")]),
            etcd_with_pre_1_22(7, &[(22..=27, "3.5.9-0")]),
            etcd_with_pre_1_22(10, &[(22..=27, "3.5.10-0")]),
            etcd_with_pre_1_22(12, &[(22..=27, "3.5.12-0")]),
        ],
    },
    ReleaseLine {
        minor: 28,
        newest_patch: 15,
        newest_suffix: "",
        registry: REGISTRY_K8S_IO,
        coredns: &[from(0, "v1.10.1")],
        pause: "3.9",
        layout: NESTED_UNDER_DEFAULT,
        // PR #118733: "drop versions < 1.22 in the etcd map; use 3.5.9-0 for >= 1.22 versions".
        // UNVERIFIED: the exact key range (22..=28 assumed, as in [map@1.30]); tags per [MK].
        etcd: &[
            etcd(0, &[(22..=28, "3.5.9-0")]),
            etcd(6, &[(22..=28, "3.5.10-0")]),
            etcd(8, &[(22..=28, "3.5.12-0")]),
            etcd(14, &[(22..=28, "3.5.15-0")]),
        ],
    },
    ReleaseLine {
        minor: 29,
        newest_patch: 15,
        newest_suffix: "",
        registry: REGISTRY_K8S_IO,
        coredns: &[from(0, "v1.11.1")],
        pause: "3.9",
        layout: NESTED_UNDER_DEFAULT,
        // UNVERIFIED key range (22..=29 assumed, between [map@1.27]/PR #118733 and [map@1.30]);
        // tags per [MK].
        etcd: &[
            etcd(0, &[(22..=29, "3.5.10-0")]),
            etcd(3, &[(22..=29, "3.5.12-0")]),
            etcd(9, &[(22..=29, "3.5.15-0")]),
            etcd(11, &[(22..=29, "3.5.16-0")]),
        ],
    },
    ReleaseLine {
        minor: 30,
        newest_patch: 14,
        newest_suffix: "",
        registry: REGISTRY_K8S_IO,
        // v1.11.3 from 1.30.5 [facts 5.4], [MK].
        coredns: &[from(0, "v1.11.1"), from(5, "v1.11.3")],
        pause: "3.9",
        layout: NESTED_UNDER_DEFAULT,
        // [map@1.30] (dev): {22..=30: "3.5.12-0"}; the 1.30.5 bump per [MK].
        etcd: &[
            etcd(0, &[(22..=30, "3.5.12-0")]),
            etcd(5, &[(22..=30, "3.5.15-0")]),
        ],
    },
    ReleaseLine {
        minor: 31,
        newest_patch: 14,
        newest_suffix: "",
        registry: REGISTRY_K8S_IO,
        // PR #126449 missed 1.31.0; cherry-pick #126796 shipped v1.11.3 in 1.31.1 [facts 5.4].
        coredns: &[from(0, "v1.11.1"), from(1, "v1.11.3")],
        pause: "3.10",
        layout: NESTED_UNDER_DEFAULT,
        // [map@1.31] = constants.go @3301161c: {29, 30, 31: "3.5.15-0"} [facts 5.4]. The
        // 1.31.14 bump is [MK]; UNVERIFIED that 29/30 moved with 31 (PR #134692 pattern).
        etcd: &[
            etcd(0, &[(29..=31, "3.5.15-0")]),
            etcd(14, &[(29..=31, "3.5.24-0")]),
        ],
    },
    ReleaseLine {
        minor: 32,
        newest_patch: 13,
        newest_suffix: "",
        registry: REGISTRY_K8S_IO,
        coredns: &[from(0, "v1.11.3")],
        pause: "3.10",
        layout: NESTED_UNDER_DEFAULT,
        // PR #126703 added 32 and kept 29 (four keys, as in [map@1.33]). UNVERIFIED: the exact
        // keys and that all of them carry the own-minor tag observed by [MK].
        etcd: &[
            etcd(0, &[(29..=32, "3.5.16-0")]),
            etcd(10, &[(29..=32, "3.5.24-0")]),
        ],
    },
    ReleaseLine {
        minor: 33,
        newest_patch: 13,
        newest_suffix: "",
        registry: REGISTRY_K8S_IO,
        coredns: &[from(0, "v1.12.0")],
        pause: "3.10",
        layout: NESTED_UNDER_DEFAULT,
        // [map@1.33]: {30..=33: "3.5.21-0"} ([facts 5.4]: a 1.33 binary gives 3.5.21-0 for
        // 1.31.5 too); 1.33.6 bump per [MK] and PR #134779.
        etcd: &[
            etcd(0, &[(30..=33, "3.5.21-0")]),
            etcd(6, &[(30..=33, "3.5.24-0")]),
        ],
    },
    ReleaseLine {
        minor: 34,
        newest_patch: 11,
        newest_suffix: "",
        registry: REGISTRY_K8S_IO,
        coredns: &[from(0, "v1.12.1")],
        pause: "3.10.1",
        layout: NESTED_UNDER_DEFAULT,
        // {31, 32, 33: "3.5.21-0", 34: "3.6.4-0"} [facts 5.4] ([map@1.34] dev had 3.6.1-1 for 34);
        // 1.34.2+: {31, 32, 33: "3.5.24-0", 34: "3.6.5-0"} (a third-party copy of the 1.34.2+
        // constants.go; own minor per [MK]).
        etcd: &[
            etcd(0, &[(31..=33, "3.5.21-0"), (34..=34, "3.6.4-0")]),
            etcd(2, &[(31..=33, "3.5.24-0"), (34..=34, "3.6.5-0")]),
        ],
    },
    ReleaseLine {
        minor: 35,
        newest_patch: 8,
        newest_suffix: "",
        registry: REGISTRY_K8S_IO,
        coredns: &[from(0, "v1.13.1")],
        pause: "3.10.1",
        layout: NESTED_UNDER_DEFAULT,
        // PR #134866: two entries, N-1 and N; review diff of PR #135271 shows
        // {N-1: "3.5.24-0", N: "3.6.6-0"} [facts 11.2.1]. UNVERIFIED for 34 (only 35 observed).
        etcd: &[etcd(0, &[(34..=34, "3.5.24-0"), (35..=35, "3.6.6-0")])],
    },
    ReleaseLine {
        minor: 36,
        newest_patch: 4,
        newest_suffix: "",
        registry: REGISTRY_K8S_IO,
        coredns: &[from(0, "v1.14.2")],
        pause: "3.10.2",
        layout: NESTED_UNDER_DEFAULT,
        // "etcd < v3.6.0 is no longer supported" (PR #135701); the master map before the 1.36
        // branch was {34, 35, 36: "3.6.8-0"} [facts 11.2.1]. UNVERIFIED for 34 and 35.
        etcd: &[etcd(0, &[(34..=36, "3.6.8-0")])],
    },
    ReleaseLine {
        minor: 37,
        // Later 1.37 patches are UNVERIFIED [facts 11.1].
        newest_patch: 0,
        newest_suffix: "",
        registry: REGISTRY_K8S_IO,
        coredns: &[from(0, "v1.14.6")],
        pause: "3.10.2",
        layout: NESTED_UNDER_DEFAULT,
        // Release note of PR #138746: "v3.6.11 for supported control plane versions v1.34, v1.35,
        // and v1.36"; own minor 3.7.0-0 observed for beta.0/rc.0 [facts 11.2]. UNVERIFIED: the
        // "-0" suffix of 3.6.11 and whether 34 survived next to 37.
        etcd: &[etcd(0, &[(34..=36, "3.6.11-0"), (37..=37, "3.7.0-0")])],
    },
    ReleaseLine {
        minor: 38,
        // In development: alpha.1 and alpha.2 are the newest builds seen [facts 11.1].
        newest_patch: 0,
        newest_suffix: "-alpha.2",
        registry: REGISTRY_K8S_IO,
        // [map@1.38] (master after alpha.2): CoreDNSVersion v1.14.7 (PR #141462), PauseVersion
        // 3.10.2, DefaultEtcdVersion 3.7.2-0 (alpha.1 had 3.7.1, PR #141032). UNVERIFIED until
        // the release.
        coredns: &[from(0, "v1.14.7")],
        pause: "3.10.2",
        layout: NESTED_UNDER_DEFAULT,
        etcd: &[etcd(0, &[(36..=38, "3.7.2-0")])],
    },
];

/// The release line of a kubeadm binary; minors outside the tables get the nearest line.
fn line(kubeadm: &Version) -> &'static ReleaseLine {
    let minor = kubeadm.minor_line().clamp(OLDEST_KNOWN, NEWEST_KNOWN);
    RELEASES
        .iter()
        .find(|line| line.minor == minor.minor)
        .expect("RELEASES holds every minor from OLDEST_KNOWN to NEWEST_KNOWN")
}

/// The patch number the tables use: a binary clamped into the known range counts as the first
/// (older binaries) or newest (newer binaries) patch of the nearest line.
fn patch_of(kubeadm: &Version) -> u32 {
    let minor = kubeadm.minor_line();
    if minor < OLDEST_KNOWN {
        0
    } else if minor > NEWEST_KNOWN {
        u32::MAX
    } else {
        kubeadm.patch
    }
}

fn at<T: Copy>(rows: &'static [Since<T>], patch: u32) -> T {
    rows.iter()
        .rev()
        .find(|row| row.since <= patch)
        .or(rows.first())
        .map(|row| row.value)
        .expect("every table has a row from patch 0")
}

/// kubeadm's `DefaultImageRepository` for a kubeadm binary release (k8s.gcr.io up to
/// 1.24.8/1.23.14/1.22.16 and all of 1.20/1.21; registry.k8s.io from 1.22.17, 1.23.15, 1.24.9
/// and 1.25.0). Facts 5.2.
pub fn default_image_repository(kubeadm: &Version) -> &'static str {
    at(line(kubeadm).registry, patch_of(kubeadm))
}

/// The CoreDNS tag compiled into the binary (`constants.CoreDNSVersion`), including the 1.30.5+
/// and 1.31.1+ bumps to v1.11.3. Tags up to 1.20 have no `v`. Facts 5.4, 11.2.
pub fn coredns_version(kubeadm: &Version) -> &'static str {
    at(line(kubeadm).coredns, patch_of(kubeadm))
}

/// The pause tag compiled into the binary (`constants.PauseVersion`). Facts 5.4, 11.2.
pub fn pause_version(kubeadm: &Version) -> &'static str {
    line(kubeadm).pause
}

/// How the binary names the CoreDNS image.
pub fn coredns_layout(kubeadm: &Version) -> CorednsLayout {
    at(line(kubeadm).layout, patch_of(kubeadm))
}

/// 1.21.0 and 1.21.1 appended `coredns/coredns` for custom repositories.
pub fn nests_coredns_for_custom_repo(kubeadm: &Version) -> bool {
    coredns_layout(kubeadm) == CorednsLayout::NestedEverywhere
}

/// From kubeadm 1.29.0 the list order is apiserver, controller-manager, scheduler, proxy,
/// coredns, pause, etcd; before: ..., proxy, pause, etcd, coredns. The same change (PR #114534)
/// made kubeadm skip the kube-proxy and CoreDNS images of disabled add-ons. Facts 5.1.
pub fn lists_addons_before_pause(kubeadm: &Version) -> bool {
    kubeadm.minor_line() >= Minor::new(1, 29)
}

/// The newest patch release known for a minor (used when only a minor is known), e.g.
/// 1.31 -> 1.31.14. For 1.38, still in development, the newest pre-release (1.38.0-alpha.2);
/// for minors outside the tables, the `.0` release.
pub fn newest_patch(minor: Minor) -> Version {
    if !is_known(minor) {
        return minor.dot_zero();
    }
    let line = line(&minor.dot_zero());
    let mut version = Version::new(minor.major, minor.minor, line.newest_patch);
    version.suffix = line.newest_suffix.to_string();
    version
}

/// The etcd tag kubeadm picked and whether it had to fall back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EtcdChoice {
    pub tag: &'static str,
    /// True when the control-plane minor is not in the binary's map and kubeadm used the nearest
    /// end of it, logging "could not find officially supported version of etcd for Kubernetes
    /// %s, falling back to the nearest etcd version (%s)" (a warning in older releases, V(1) in
    /// newer ones).
    pub fell_back: bool,
}

/// etcd tag kubeadm `kubeadm` picks for control plane `kubernetes` (its SupportedEtcdVersion
/// map, with the nearest-end fallback and per-patch bumps as observed in the facts).
///
/// Mirrors `constants.EtcdSupportedVersion`: the key is the minor of `kubernetes` only; an
/// unknown minor below the map takes its smallest key, above it its largest. A control plane
/// older than kubeadm's `MinimumControlPlaneVersion` (minor − 1) is refused by kubeadm before
/// images are computed; this function still answers with what the map says.
pub fn etcd_version(kubeadm: &Version, kubernetes: &Version) -> EtcdChoice {
    let line = line(kubeadm);
    let patch = patch_of(kubeadm);
    let row = line
        .etcd
        .iter()
        .rev()
        .find(|row| row.since <= patch)
        .or(line.etcd.first())
        .expect("every line has an etcd row from patch 0");
    let entries = || row.older.iter().chain(row.map.iter());
    let wanted = kubernetes.minor;
    if let Some((_, tag)) = entries().find(|(minors, _)| minors.contains(&wanted)) {
        return EtcdChoice {
            tag,
            fell_back: false,
        };
    }
    let lowest = entries().min_by_key(|(minors, _)| *minors.start());
    let highest = entries().max_by_key(|(minors, _)| *minors.end());
    let tag = match (lowest, highest) {
        (Some((minors, tag)), _) if wanted < *minors.start() => tag,
        (_, Some((_, tag))) => tag,
        _ => unreachable!("every etcd row has entries"),
    };
    EtcdChoice {
        tag,
        fell_back: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(text: &str) -> Version {
        Version::parse(text).unwrap()
    }

    #[test]
    fn the_table_covers_every_known_minor_once_in_order() {
        let minors: Vec<u32> = RELEASES.iter().map(|line| line.minor).collect();
        let expected: Vec<u32> = (OLDEST_KNOWN.minor..=NEWEST_KNOWN.minor).collect();
        assert_eq!(minors, expected);
        for line in RELEASES {
            for rows in [line.registry, line.coredns] {
                assert_eq!(rows[0].since, 0, "1.{}", line.minor);
                assert!(rows.windows(2).all(|w| w[0].since < w[1].since));
            }
            assert_eq!(line.layout[0].since, 0);
            assert_eq!(line.etcd[0].since, 0, "1.{}", line.minor);
            assert!(line.etcd.windows(2).all(|w| w[0].since < w[1].since));
            for row in line.etcd {
                // Every map holds the binary's own minor and is contiguous, as kubeadm's are.
                let mut keys: Vec<u32> = row
                    .older
                    .iter()
                    .chain(row.map)
                    .flat_map(|e| e.0.clone())
                    .collect();
                keys.sort();
                assert!(keys.contains(&line.minor), "1.{}", line.minor);
                assert!(
                    keys.windows(2).all(|w| w[1] == w[0] + 1),
                    "1.{}",
                    line.minor
                );
            }
        }
        assert!(is_known(Minor::new(1, 20)) && is_known(Minor::new(1, 38)));
        assert!(!is_known(Minor::new(1, 19)) && !is_known(Minor::new(1, 39)));
        assert!(NEWEST_RELEASED < NEWEST_KNOWN);
    }

    #[test]
    fn default_registry_switches_exactly_at_the_backports() {
        let cases = [
            ("1.20.15", LEGACY_REGISTRY),
            ("1.21.14", LEGACY_REGISTRY),
            ("1.22.16", LEGACY_REGISTRY),
            ("1.22.17", DEFAULT_REGISTRY),
            ("1.23.14", LEGACY_REGISTRY),
            ("1.23.15", DEFAULT_REGISTRY),
            ("1.24.8", LEGACY_REGISTRY),
            ("1.24.9", DEFAULT_REGISTRY),
            ("1.25.0", DEFAULT_REGISTRY),
            ("1.25.0-rc.1", DEFAULT_REGISTRY),
            ("1.37.0", DEFAULT_REGISTRY),
        ];
        for (kubeadm, registry) in cases {
            assert_eq!(default_image_repository(&v(kubeadm)), registry, "{kubeadm}");
        }
    }

    #[test]
    fn coredns_and_pause_follow_the_binary() {
        let cases = [
            ("1.20.0", "1.7.0", "3.2"),
            ("1.21.0", "v1.8.0", "3.4.1"),
            ("1.22.0", "v1.8.4", "3.5"),
            ("1.23.0", "v1.8.6", "3.6"),
            ("1.24.0", "v1.8.6", "3.7"),
            ("1.25.0", "v1.9.3", "3.8"),
            ("1.26.0", "v1.9.3", "3.9"),
            ("1.27.0", "v1.10.1", "3.9"),
            ("1.28.0", "v1.10.1", "3.9"),
            ("1.29.15", "v1.11.1", "3.9"),
            ("1.30.4", "v1.11.1", "3.9"),
            ("1.30.5", "v1.11.3", "3.9"),
            ("1.31.0", "v1.11.1", "3.10"),
            ("1.31.1", "v1.11.3", "3.10"),
            ("1.32.0", "v1.11.3", "3.10"),
            ("1.33.0", "v1.12.0", "3.10"),
            ("1.34.0", "v1.12.1", "3.10.1"),
            ("1.35.0", "v1.13.1", "3.10.1"),
            ("1.36.0", "v1.14.2", "3.10.2"),
            ("1.37.0", "v1.14.6", "3.10.2"),
            ("1.38.0-alpha.2", "v1.14.7", "3.10.2"),
        ];
        for (kubeadm, coredns, pause) in cases {
            assert_eq!(coredns_version(&v(kubeadm)), coredns, "{kubeadm}");
            assert_eq!(pause_version(&v(kubeadm)), pause, "{kubeadm}");
        }
    }

    #[test]
    fn etcd_for_the_binarys_own_version_per_patch() {
        // [MK] / facts 5.4 and 11.2: binary X with --kubernetes-version X.
        let cases = [
            ("1.20.0", "3.4.13-0"),
            ("1.21.5", "3.4.13-0"),
            ("1.22.16", "3.5.0-0"),
            ("1.22.17", "3.5.6-0"),
            ("1.23.13", "3.5.1-0"),
            ("1.23.14", "3.5.5-0"),
            ("1.23.15", "3.5.6-0"),
            ("1.24.7", "3.5.3-0"),
            ("1.24.8", "3.5.5-0"),
            ("1.24.9", "3.5.6-0"),
            ("1.25.3", "3.5.4-0"),
            ("1.25.4", "3.5.5-0"),
            ("1.25.5", "3.5.6-0"),
            ("1.25.14", "3.5.6-0"),
            ("1.25.15", "3.5.9-0"),
            ("1.26.9", "3.5.6-0"),
            ("1.26.10", "3.5.9-0"),
            ("1.26.13", "3.5.10-0"),
            ("1.27.6", "3.5.7-0"),
            ("1.27.7", "3.5.9-0"),
            ("1.27.10", "3.5.10-0"),
            ("1.27.12", "3.5.12-0"),
            ("1.28.5", "3.5.9-0"),
            ("1.28.6", "3.5.10-0"),
            ("1.28.8", "3.5.12-0"),
            ("1.28.13", "3.5.12-0"),
            ("1.28.14", "3.5.15-0"),
            ("1.29.2", "3.5.10-0"),
            ("1.29.3", "3.5.12-0"),
            ("1.29.9", "3.5.15-0"),
            ("1.29.11", "3.5.16-0"),
            ("1.30.4", "3.5.12-0"),
            ("1.30.5", "3.5.15-0"),
            ("1.31.13", "3.5.15-0"),
            ("1.31.14", "3.5.24-0"),
            ("1.32.9", "3.5.16-0"),
            ("1.32.10", "3.5.24-0"),
            ("1.33.5", "3.5.21-0"),
            ("1.33.6", "3.5.24-0"),
            ("1.34.1", "3.6.4-0"),
            ("1.34.2", "3.6.5-0"),
            ("1.35.7", "3.6.6-0"),
            ("1.36.3", "3.6.8-0"),
            ("1.37.0", "3.7.0-0"),
            ("1.37.0-rc.0", "3.7.0-0"),
        ];
        for (version, tag) in cases {
            let version = v(version);
            let choice = etcd_version(&version, &version);
            assert_eq!(
                choice,
                EtcdChoice {
                    tag,
                    fell_back: false
                },
                "{version}"
            );
        }
    }

    #[test]
    fn etcd_across_skew_and_fallback() {
        let pick = |kubeadm: &str, kubernetes: &str| etcd_version(&v(kubeadm), &v(kubernetes));
        // Facts 8.2: kubeadm 1.23 with 1.28.1 falls back to its nearest entry, 3.5.1-0.
        assert_eq!(
            pick("1.23.0", "1.28.1"),
            EtcdChoice {
                tag: "3.5.1-0",
                fell_back: true
            }
        );
        // Facts 5.4: a 1.33 binary gives 3.5.21-0 for Kubernetes 1.31.5.
        assert_eq!(
            pick("1.33.0", "1.31.5"),
            EtcdChoice {
                tag: "3.5.21-0",
                fell_back: false
            }
        );
        // One minor below the binary: the binary's tag (uniform maps) ...
        assert_eq!(pick("1.26.0", "1.25.9").tag, "3.5.6-0");
        assert_eq!(pick("1.31.0", "1.30.0").tag, "3.5.15-0");
        // ... except where the binary moved to a new etcd minor for its own line.
        assert_eq!(pick("1.34.0", "1.33.0").tag, "3.5.21-0");
        assert_eq!(pick("1.34.5", "1.33.0").tag, "3.5.24-0");
        assert_eq!(pick("1.35.0", "1.34.0").tag, "3.5.24-0");
        assert_eq!(pick("1.37.0", "1.36.0").tag, "3.6.11-0");
        // A 1.22 binary still maps a 1.21 control plane to 3.4.13-0.
        assert_eq!(
            pick("1.22.0", "1.21.3"),
            EtcdChoice {
                tag: "3.4.13-0",
                fell_back: false
            }
        );
        // Nearest end of the map on both sides.
        assert_eq!(
            pick("1.31.0", "1.25.0"),
            EtcdChoice {
                tag: "3.5.15-0",
                fell_back: true
            }
        );
        assert_eq!(
            pick("1.35.0", "1.33.0"),
            EtcdChoice {
                tag: "3.5.24-0",
                fell_back: true
            }
        );
        assert_eq!(
            pick("1.35.0", "1.36.0"),
            EtcdChoice {
                tag: "3.6.6-0",
                fell_back: true
            }
        );
        assert_eq!(
            pick("1.20.0", "1.12.0"),
            EtcdChoice {
                tag: "3.2.24",
                fell_back: true
            }
        );
        // 1.20 and 1.21 already knew the next minor.
        assert_eq!(
            pick("1.20.7", "1.21.0"),
            EtcdChoice {
                tag: "3.4.13-0",
                fell_back: false
            }
        );
        assert_eq!(
            pick("1.21.0", "1.22.0"),
            EtcdChoice {
                tag: "3.4.13-0",
                fell_back: false
            }
        );
    }

    #[test]
    fn coredns_layout_by_release() {
        assert_eq!(coredns_layout(&v("1.20.15")), CorednsLayout::Flat);
        assert!(nests_coredns_for_custom_repo(&v("1.21.0")));
        assert!(nests_coredns_for_custom_repo(&v("1.21.1")));
        assert!(nests_coredns_for_custom_repo(&v("1.21.0-rc.0")));
        assert!(!nests_coredns_for_custom_repo(&v("1.21.2")));
        assert!(!nests_coredns_for_custom_repo(&v("1.20.0")));
        assert!(!nests_coredns_for_custom_repo(&v("1.31.0")));
        assert_eq!(
            coredns_layout(&v("1.21.2")),
            CorednsLayout::NestedUnderDefaultOnly
        );
    }

    #[test]
    fn list_order_changes_at_1_29() {
        assert!(!lists_addons_before_pause(&v("1.28.15")));
        assert!(lists_addons_before_pause(&v("1.29.0")));
        assert!(lists_addons_before_pause(&v("1.29.0-rc.0")));
        assert!(lists_addons_before_pause(&v("1.37.0")));
    }

    #[test]
    fn newest_patches() {
        let m = Minor::new;
        assert_eq!(newest_patch(m(1, 31)), v("1.31.14"));
        assert_eq!(newest_patch(m(1, 20)), v("1.20.15"));
        assert_eq!(newest_patch(m(1, 29)), v("1.29.15"));
        assert_eq!(newest_patch(m(1, 36)), v("1.36.4"));
        assert_eq!(newest_patch(m(1, 37)), v("1.37.0"));
        assert_eq!(newest_patch(m(1, 38)), v("1.38.0-alpha.2"));
        assert_eq!(newest_patch(m(1, 19)), v("1.19.0"));
        assert_eq!(newest_patch(m(1, 40)), v("1.40.0"));
    }

    #[test]
    fn unknown_minors_use_the_nearest_line() {
        assert_eq!(default_image_repository(&v("1.19.16")), LEGACY_REGISTRY);
        assert_eq!(coredns_version(&v("1.19.16")), "1.7.0");
        assert_eq!(coredns_version(&v("1.45.0")), "v1.14.7");
        assert_eq!(etcd_version(&v("1.45.0"), &v("1.45.0")).tag, "3.7.2-0");
    }
}
