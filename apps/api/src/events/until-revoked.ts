import { Repeater } from 'graphql-yoga';
import type { CredentialRevoked } from './bus.ts';

/*
 * A subscription is authorised once, when it starts. So that a logout, a revoked API key or an
 * expired session does not keep an open stream flowing, the stream ends at whichever comes first.
 */

export interface SubscriberCredential {
  readonly kind: CredentialRevoked['kind'];
  readonly id: string;
  /** When the credential stops being valid; null for keys that never expire. */
  readonly expiresAt: Date | null;
}

/** setTimeout cannot wait longer than about 24.8 days; a credential valid longer is re-armed. */
const LONGEST_TIMER_MS = 2_147_483_647;

/**
 * The events of `source` until `credential` is revoked (as announced on `revocations`, from any API
 * instance) or expires; then the stream completes and both sources are closed.
 */
export function untilRevoked<T>(
  source: AsyncIterator<T> & { return?(): Promise<IteratorResult<T>> },
  revocations: AsyncIterator<CredentialRevoked> & { return?(): Promise<IteratorResult<CredentialRevoked>> },
  credential: SubscriberCredential,
  now: () => number = Date.now,
): Repeater<T> {
  return new Repeater<T>(async (push, stop) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const armExpiry = () => {
      if (!credential.expiresAt) return;
      const left = credential.expiresAt.getTime() - now();
      if (left <= 0) stop();
      else timer = setTimeout(left > LONGEST_TIMER_MS ? armExpiry : stop, Math.min(left, LONGEST_TIMER_MS));
    };
    armExpiry();
    void (async () => {
      for (let next = await revocations.next(); !next.done; next = await revocations.next()) {
        if (next.value.kind === credential.kind && next.value.id === credential.id) break;
      }
      stop();
    })().catch(stop);
    void (async () => {
      for (let next = await source.next(); !next.done; next = await source.next()) await push(next.value);
      stop();
    })().catch(stop);
    await stop;
    clearTimeout(timer);
    await Promise.all([source.return?.(), revocations.return?.()]);
  });
}
