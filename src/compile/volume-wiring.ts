import type { RenderedRunnable } from "../render/types.js";
import type { VolumeResource } from "../validate/types.js";
import type { PodVolume, VolumeMount } from "./k8s-types.js";
import { MOUNT_PATHS } from "./mount-paths.js";
import { dataosNames, k8sName } from "./names.js";

/** Pod volumes and main-container mounts for a runnable's Volume resources. */
export interface VolumeWiring {
  volumes: PodVolume[];
  mounts: VolumeMount[];
}

/** True for Volume types that live only as long as the pod: they become emptyDir, not a PVC. */
export function isTempVolume(volume: VolumeResource): boolean {
  return volume.spec.type === "temp" || volume.spec.type === "CloudTemp";
}

type Attachment = {
  volume: VolumeResource;
  directory?: string;
  readOnly: boolean;
  subPath?: string;
};

/**
 * `tempVolume` is mounted at the temp dir; `persistentVolume` and `dataosVolumes` at
 * `/var/dataos/persistent/<directory>` with `subPath: <directory>`. A Volume used twice is one
 * pod volume mounted twice, so a claim is never listed twice in the pod.
 */
export function volumeWiring(r: RenderedRunnable): VolumeWiring {
  const wiring: VolumeWiring = { volumes: [], mounts: [] };
  const podVolumeOf = new Map<string, string>();
  const attach = (volume: VolumeResource, podName: string): string => {
    const known = podVolumeOf.get(volume.meta.name);
    if (known !== undefined) return known;
    podVolumeOf.set(volume.meta.name, podName);
    wiring.volumes.push(podVolume(volume, podName));
    return podName;
  };
  const type = r.orchestrator;
  if (r.tempVolume !== undefined) {
    const name = attach(r.tempVolume, k8sName(dataosNames.tempVolume(r.name, type, r.stamp)));
    wiring.mounts.push({ mountPath: MOUNT_PATHS.temp, name });
  }
  const persistent: Array<[Attachment, string]> = [];
  if (r.persistentVolume !== undefined) {
    const podName = k8sName(dataosNames.persistentVolume(r.name, type, r.stamp));
    persistent.push([r.persistentVolume, podName]);
  }
  for (const v of r.dataosVolumes) {
    persistent.push([v, k8sName(`${r.name}-${type}${r.stamp}-${v.volume.meta.name}`)]);
  }
  for (const [attachment, podName] of persistent) {
    wiring.mounts.push(persistentMount(attachment, attach(attachment.volume, podName)));
  }
  return wiring;
}

function podVolume(volume: VolumeResource, name: string): PodVolume {
  if (isTempVolume(volume)) return { emptyDir: { sizeLimit: volume.spec.size }, name };
  return { name, persistentVolumeClaim: { claimName: k8sName(volume.meta.name) } };
}

function persistentMount(a: Attachment, name: string): VolumeMount {
  const directory = a.directory ?? a.volume.meta.name;
  const mount: VolumeMount = { mountPath: `${MOUNT_PATHS.persistent}/${directory}`, name };
  if (a.readOnly) mount.readOnly = true;
  const subPath = a.subPath ?? a.directory;
  if (subPath !== undefined) mount.subPath = subPath;
  return mount;
}
