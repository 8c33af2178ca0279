/** The types of the instance (compute, depot, instance-secret): in no workspace, unique by name. */
export const INSTANCE_LEVEL_TYPES: ReadonlySet<string> = new Set([
  "compute",
  "depot",
  "instance-secret",
]);

/** Whether a resource of this type is in a workspace (stacks and the instance's are not). */
export function inWorkspace(type: string): boolean {
  return type !== "stack" && !INSTANCE_LEVEL_TYPES.has(type);
}
