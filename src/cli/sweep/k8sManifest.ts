/**
 * `ntk sweep k8s`: a Kubernetes Indexed Job running the plan: one completion index per task (the pod
 * gets it as JOB_COMPLETION_INDEX, which `ntk sweep run` reads), the plan directory on a shared volume,
 * a per-index retry budget, and the image and command as options.
 * @packageDocumentation
 */
import { stringify } from 'yaml';
import type { TaskResources } from './estimate.ts';
import type { Plan } from './plan.ts';

/** Options of {@link k8sManifest}. */
export interface K8sManifestOptions {
  readonly image: string;
  /** The command that starts `ntk` in the image (argv). */
  readonly command: readonly string[];
  /** Pods running at once. */
  readonly parallelism: number;
  /** Retries of a failing index before it is marked failed (spec.backoffLimitPerIndex). */
  readonly backoffPerIndex: number;
  /** PersistentVolumeClaim holding the plan directory. */
  readonly claim: string;
  /** Where the volume is mounted in the pod. */
  readonly mountPath: string;
  /** The plan directory's path inside the volume. */
  readonly subPath: string;
  readonly resources: TaskResources;
  readonly namespace?: string;
}

/** A DNS-1123 label from the plan name (lower case, [a-z0-9-], at most 63 characters). */
export function jobName(name: string): string {
  const s = `ntk-sweep-${name}`
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-');
  return s.slice(0, 63).replace(/-+$/, '');
}

/** The Indexed Job as an object (what the YAML holds). */
export function k8sJob(plan: Plan, o: K8sManifestOptions): Record<string, unknown> {
  const dir = `${o.mountPath.replace(/\/+$/, '')}/${o.subPath.replace(/^\/+/, '')}`.replace(/\/+$/, '');
  const res = { cpu: String(o.resources.cpus), memory: `${o.resources.memMiB}Mi` };
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: jobName(plan.manifest.name),
      ...(o.namespace === undefined ? {} : { namespace: o.namespace }),
      labels: { 'app.kubernetes.io/name': 'ntk-sweep', 'ntk-sweep/plan': jobName(plan.manifest.name) },
    },
    spec: {
      completionMode: 'Indexed',
      completions: plan.tasks.length,
      parallelism: Math.min(o.parallelism, plan.tasks.length),
      backoffLimitPerIndex: o.backoffPerIndex,
      maxFailedIndexes: plan.tasks.length,
      activeDeadlineSeconds: Math.max(
        600,
        o.resources.minutes * 60 * Math.ceil(plan.tasks.length / o.parallelism) * 2,
      ),
      template: {
        metadata: { labels: { 'app.kubernetes.io/name': 'ntk-sweep' } },
        spec: {
          restartPolicy: 'Never',
          containers: [
            {
              name: 'ntk',
              image: o.image,
              command: [...o.command, 'sweep', 'run', dir],
              workingDir: dir,
              resources: { requests: res, limits: res },
              volumeMounts: [{ name: 'plan', mountPath: o.mountPath }],
            },
          ],
          volumes: [{ name: 'plan', persistentVolumeClaim: { claimName: o.claim } }],
        },
      },
    },
  };
}

/** The manifest as YAML text. */
export function k8sManifest(plan: Plan, o: K8sManifestOptions): string {
  return `# ntk sweep "${plan.manifest.name}": ${plan.tasks.length} tasks. Apply with: kubectl apply -f <this file>\n${stringify(k8sJob(plan, o), { aliasDuplicateObjects: false })}`;
}
