#!/usr/bin/env python3
"""Generates the benchmark tree: renamed copies of the kubeadm corpus plus unrelated
Kubernetes manifests, split into two halves (h0/, h1/) of equal size so that the
linearity check can lint one half and then the whole tree.

Deterministic: the same arguments always give byte-identical trees.

    gen_tree.py CORPUS_DIR OUT_DIR [--kubeadm N] [--manifests N]
"""

import argparse
import os
import random
import shutil
import sys

APPS = ["api", "web", "worker", "billing", "search", "auth", "gateway", "cart", "ledger",
        "notifier", "reports", "ingest", "scheduler", "metrics", "frontend", "backend"]
TEAMS = ["payments", "platform", "data", "growth", "identity", "infra", "ml", "core"]
ENVS = ["dev", "staging", "prod", "qa"]
REGISTRIES = ["ghcr.io/acme", "registry.example.com/team", "docker.io/library",
              "quay.io/acme", "123456789012.dkr.ecr.eu-west-1.amazonaws.com"]


def labels(rng, app, indent):
    pad = " " * indent
    lines = [f"{pad}app.kubernetes.io/name: {app}",
             f"{pad}app.kubernetes.io/part-of: {rng.choice(TEAMS)}"]
    if rng.random() < 0.6:
        lines.append(f"{pad}app.kubernetes.io/version: \"{rng.randint(1, 9)}.{rng.randint(0, 30)}.{rng.randint(0, 9)}\"")
    if rng.random() < 0.5:
        lines.append(f"{pad}app.kubernetes.io/managed-by: kustomize")
    return "\n".join(lines)


def container(rng, app, indent):
    pad = " " * indent
    image = f"{rng.choice(REGISTRIES)}/{app}:{rng.randint(1, 5)}.{rng.randint(0, 40)}.{rng.randint(0, 9)}"
    out = [f"{pad}- name: {app}",
           f"{pad}  image: {image}",
           f"{pad}  imagePullPolicy: IfNotPresent",
           f"{pad}  ports:",
           f"{pad}    - name: http",
           f"{pad}      containerPort: {rng.choice([8080, 8000, 3000, 9090])}",
           f"{pad}      protocol: TCP"]
    if rng.random() < 0.8:
        out.append(f"{pad}  env:")
        for i in range(rng.randint(1, 8)):
            key = f"{app.upper()}_SETTING_{i}"
            if rng.random() < 0.3:
                out += [f"{pad}    - name: {key}",
                        f"{pad}      valueFrom:",
                        f"{pad}        secretKeyRef:",
                        f"{pad}          name: {app}-secrets",
                        f"{pad}          key: {key.lower()}"]
            else:
                out += [f"{pad}    - name: {key}",
                        f"{pad}      value: \"{rng.choice(['true', 'false', '30s', 'info', str(rng.randint(1, 999))])}\""]
    out += [f"{pad}  resources:",
            f"{pad}    requests:",
            f"{pad}      cpu: {rng.choice(['50m', '100m', '250m', '500m'])}",
            f"{pad}      memory: {rng.choice(['64Mi', '128Mi', '256Mi', '1Gi'])}",
            f"{pad}    limits:",
            f"{pad}      memory: {rng.choice(['256Mi', '512Mi', '2Gi'])}"]
    if rng.random() < 0.7:
        out += [f"{pad}  readinessProbe:",
                f"{pad}    httpGet:",
                f"{pad}      path: /healthz",
                f"{pad}      port: http",
                f"{pad}    periodSeconds: 10",
                f"{pad}  livenessProbe:",
                f"{pad}    httpGet: {{path: /livez, port: http}}",
                f"{pad}    initialDelaySeconds: {rng.randint(5, 60)}"]
    if rng.random() < 0.4:
        out += [f"{pad}  securityContext:",
                f"{pad}    runAsNonRoot: true",
                f"{pad}    readOnlyRootFilesystem: true",
                f"{pad}    allowPrivilegeEscalation: false",
                f"{pad}    capabilities:",
                f"{pad}      drop: [\"ALL\"]"]
    return "\n".join(out)


def workload(rng, app, ns, kind):
    spec_extra = ""
    if kind == "StatefulSet":
        spec_extra = f"  serviceName: {app}\n"
    replicas = "" if kind == "DaemonSet" else f"  replicas: {rng.randint(1, 6)}\n"
    return (f"apiVersion: apps/v1\nkind: {kind}\nmetadata:\n  name: {app}\n  namespace: {ns}\n"
            f"  labels:\n{labels(rng, app, 4)}\n"
            f"  annotations:\n    kubernetes.io/change-cause: \"rollout {rng.randint(1, 400)}\"\n"
            f"spec:\n{replicas}{spec_extra}  selector:\n    matchLabels:\n      app.kubernetes.io/name: {app}\n"
            f"  template:\n    metadata:\n      labels:\n{labels(rng, app, 8)}\n"
            f"    spec:\n      serviceAccountName: {app}\n      containers:\n{container(rng, app, 8)}\n")


def service(rng, app, ns):
    return (f"apiVersion: v1\nkind: Service\nmetadata:\n  name: {app}\n  namespace: {ns}\n"
            f"  labels:\n{labels(rng, app, 4)}\nspec:\n  type: {rng.choice(['ClusterIP', 'ClusterIP', 'NodePort'])}\n"
            f"  selector:\n    app.kubernetes.io/name: {app}\n  ports:\n    - name: http\n      port: 80\n"
            f"      targetPort: http\n")


def configmap(rng, app, ns):
    lines = [f"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {app}-config\n  namespace: {ns}\ndata:"]
    for i in range(rng.randint(2, 12)):
        lines.append(f"  key_{i}: \"{rng.choice(['enabled', 'disabled', 'https://example.com/x', str(rng.random())])}\"")
    if rng.random() < 0.5:
        lines.append("  config.yaml: |")
        for i in range(rng.randint(3, 25)):
            lines.append(f"    setting{i}: {rng.randint(0, 10000)}")
    return "\n".join(lines) + "\n"


def ingress(rng, app, ns):
    host = f"{app}.{rng.choice(ENVS)}.example.com"
    return (f"apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: {app}\n  namespace: {ns}\n"
            f"  annotations:\n    cert-manager.io/cluster-issuer: letsencrypt\n"
            f"    nginx.ingress.kubernetes.io/proxy-body-size: \"{rng.randint(1, 64)}m\"\n"
            f"spec:\n  ingressClassName: nginx\n  tls:\n    - hosts: [{host}]\n      secretName: {app}-tls\n"
            f"  rules:\n    - host: {host}\n      http:\n        paths:\n          - path: /\n"
            f"            pathType: Prefix\n            backend:\n              service:\n"
            f"                name: {app}\n                port:\n                  name: http\n")


def rbac(rng, app, ns):
    return (f"apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: {app}\n  namespace: {ns}\n---\n"
            f"apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: {app}\n  namespace: {ns}\n"
            f"rules:\n  - apiGroups: [\"\"]\n    resources: [configmaps, secrets]\n    verbs: [get, list, watch]\n---\n"
            f"apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: {app}\n  namespace: {ns}\n"
            f"roleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: {app}\n"
            f"subjects:\n  - kind: ServiceAccount\n    name: {app}\n    namespace: {ns}\n")


def cronjob(rng, app, ns):
    return (f"apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: {app}-nightly\n  namespace: {ns}\n"
            f"spec:\n  schedule: \"{rng.randint(0, 59)} {rng.randint(0, 23)} * * *\"\n  concurrencyPolicy: Forbid\n"
            f"  jobTemplate:\n    spec:\n      backoffLimit: 2\n      template:\n        spec:\n"
            f"          restartPolicy: OnFailure\n          containers:\n{container(rng, app, 12)}\n")


def kustomization(rng, app, ns):
    res = "\n".join(f"  - {r}.yaml" for r in rng.sample(["deployment", "service", "ingress", "rbac", "configmap", "hpa"], 4))
    return (f"apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: {ns}\n"
            f"resources:\n{res}\nimages:\n  - name: {app}\n    newTag: \"{rng.randint(1, 5)}.{rng.randint(0, 40)}.0\"\n"
            f"commonLabels:\n  team: {rng.choice(TEAMS)}\n")


def helmrelease(rng, app, ns):
    return (f"apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: {app}\n  namespace: {ns}\n"
            f"spec:\n  interval: 10m\n  chart:\n    spec:\n      chart: {app}\n      version: \">={rng.randint(1, 9)}.0.0\"\n"
            f"      sourceRef:\n        kind: HelmRepository\n        name: {rng.choice(TEAMS)}-charts\n"
            f"  values:\n    replicaCount: {rng.randint(1, 5)}\n    image:\n      tag: latest\n"
            f"    resources: {{requests: {{cpu: 100m, memory: 128Mi}}}}\n")


def hpa(rng, app, ns):
    return (f"apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: {app}\n  namespace: {ns}\n"
            f"spec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: {app}\n"
            f"  minReplicas: 2\n  maxReplicas: {rng.randint(3, 30)}\n  metrics:\n    - type: Resource\n"
            f"      resource:\n        name: cpu\n        target:\n          type: Utilization\n"
            f"          averageUtilization: {rng.randint(50, 90)}\n")


def kubeadm_configmap(rng, app, ns):
    """What `kubectl get cm -n kube-system kubeadm-config -o yaml` gives: kubeadm text inside a
    ConfigMap. It contains the marker strings but is not a kubeadm file."""
    version = f"v1.{rng.randint(26, 34)}.{rng.randint(0, 9)}"
    return (f"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kubeadm-config\n  namespace: kube-system\n"
            f"data:\n  ClusterConfiguration: |\n    apiServer: {{}}\n    apiVersion: kubeadm.k8s.io/v1beta3\n"
            f"    certificatesDir: /etc/kubernetes/pki\n    clusterName: {app}-{rng.choice(ENVS)}\n"
            f"    controllerManager: {{}}\n    dns: {{}}\n    etcd:\n      local:\n        dataDir: /var/lib/etcd\n"
            f"    imageRepository: registry.k8s.io\n    kind: ClusterConfiguration\n"
            f"    kubernetesVersion: {version}\n    networking:\n      dnsDomain: cluster.local\n"
            f"      podSubnet: 10.244.0.0/16\n      serviceSubnet: 10.96.0.0/12\n    scheduler: {{}}\n")


GENERATORS = [
    (workload, "deployment", 22), (service, "service", 14), (configmap, "configmap", 14),
    (ingress, "ingress", 8), (rbac, "rbac", 8), (cronjob, "cronjob", 5),
    (kustomization, "kustomization", 8), (helmrelease, "helmrelease", 8), (hpa, "hpa", 6),
]


def manifest(rng, index):
    app = f"{rng.choice(APPS)}{index % 97}"
    ns = f"{rng.choice(TEAMS)}-{rng.choice(ENVS)}"
    if rng.random() < 0.01:
        return "kubeadm-config-cm", kubeadm_configmap(rng, app, ns)
    total = sum(w for _, _, w in GENERATORS)
    pick = rng.uniform(0, total)
    for gen, name, weight in GENERATORS:
        pick -= weight
        if pick <= 0:
            break
    if gen is workload:
        text = workload(rng, app, ns, rng.choice(["Deployment", "Deployment", "StatefulSet", "DaemonSet"]))
    else:
        text = gen(rng, app, ns)
    # A third of the files bundle a Service (or two) with the main object, as kustomize bases do.
    if rng.random() < 0.33 and gen is not service:
        text += "---\n" + service(rng, app, ns)
    if rng.random() < 0.1:
        text = "# Managed by GitOps; do not edit by hand.\n" + text
    return name, text


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("out")
    parser.add_argument("--kubeadm", type=int, default=10000, help="renamed corpus copies")
    parser.add_argument("--manifests", type=int, default=10000, help="unrelated manifests")
    args = parser.parse_args()

    corpus = sorted(f for f in os.listdir(args.corpus) if f.endswith((".yaml", ".yml")))
    if not corpus:
        sys.exit(f"no YAML files in {args.corpus}")
    sources = [open(os.path.join(args.corpus, f), "rb").read() for f in corpus]
    if os.path.exists(args.out):
        shutil.rmtree(args.out)

    def place(half, group, index, name, ext):
        directory = os.path.join(args.out, f"h{half}", group, f"{(index // 100) % 100:02d}")
        os.makedirs(directory, exist_ok=True)
        return os.path.join(directory, f"{name}-{index:05d}.{ext}")

    rng = random.Random(8)
    for i in range(args.kubeadm):
        path = place(i % 2, "clusters", i, "kubeadm-" + corpus[i % len(corpus)].rsplit(".", 1)[0],
                     "yml" if i % 10 == 3 else "yaml")
        with open(path, "wb") as f:
            f.write(sources[i % len(sources)])
    for i in range(args.manifests):
        name, text = manifest(rng, i)
        path = place(i % 2, "apps", i, name, "yml" if i % 10 == 7 else "yaml")
        with open(path, "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
