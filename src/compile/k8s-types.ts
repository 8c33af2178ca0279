/**
 * The few Kubernetes shapes the compile modules build field by field. Objects are plain data;
 * these types only keep the builders honest, the check stage validates the real schemas.
 */
export type Obj = Record<string, unknown>;

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: Obj;
}

export interface VolumeMount {
  name: string;
  mountPath: string;
  readOnly?: boolean;
  subPath?: string;
}

export interface Container extends Obj {
  name: string;
}

export interface PodVolume extends Obj {
  name: string;
}
