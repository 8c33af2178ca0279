import { shortHash } from "./hash.js";

/** DNS-1123 label length: the limit for most object names and every label value. */
export const MAX_NAME_LENGTH = 63;

/**
 * A Kubernetes object name: lower case and at most `max` characters. A longer name keeps its
 * beginning and ends with `-` plus 8 hex characters of the SHA-256 of the full name (the cdk8s
 * convention), so two long names that share a prefix still differ and the result is stable.
 */
export function k8sName(name: string, max = MAX_NAME_LENGTH): string {
  const lower = name.toLowerCase();
  if (lower.length <= max) return lower;
  const suffix = `-${shortHash(lower)}`;
  const head = lower.slice(0, max - suffix.length).replace(/[-.]+$/, "");
  return `${head}${suffix}`;
}

/** `<name><stamp>`: the DataOS instance name every object of a runnable derives from. */
export function instanceName(name: string, stamp: string): string {
  return `${name}${stamp}`;
}

/** Names DataOS templates rely on (reference §2.4, §6 "Naming"), before length limiting. */
export const dataosNames = {
  deployment: (name: string, stamp: string) => `${name}${stamp}-d`,
  mainContainer: (name: string, stamp: string) => `${name}${stamp}-main`,
  serviceAccount: (name: string, stamp: string) => `${name}${stamp}-sa`,
  configMap: (name: string, type: string, stamp: string) => `${name}-${type}${stamp}`,
  tempVolume: (name: string, type: string, stamp: string) => `${name}-${type}${stamp}-tdm`,
  persistentVolume: (name: string, type: string, stamp: string) => `${name}-${type}${stamp}-pdm`,
};
