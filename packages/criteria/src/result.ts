/**
 * The outcome of an operation that can fail in an expected way. Failures are data the caller switches
 * on, never exceptions.
 *
 * @example
 * const registry = createUnitKindRegistry(nationalUnitKinds);
 * if (!registry.ok) return registry.errors.map((issue) => issue.code);
 * registry.value.get('commune');
 */
export type Result<T, E> = { ok: true; value: T } | { ok: false; errors: E };

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function err<E>(errors: E): { ok: false; errors: E } {
  return { ok: false, errors };
}
