/**
 * Handlers build their wiring (SDK clients, stores, configuration) once per container, on
 * first use. Whoever moves the environment under them — the local runtime starting a stack
 * on new emulator endpoints, a test suite starting a second one — calls `rewire()`, and each
 * wiring module that has been loaded forgets what it built. On AWS nothing calls it.
 */
const resets = new Set<() => void>();

export function onRewire(reset: () => void): void {
  resets.add(reset);
}

export function rewire(): void {
  for (const reset of resets) reset();
}
