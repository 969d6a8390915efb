import { createHash, randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

/*
 * A fresh in-memory PGlite costs ~2.5 s (initdb); loading a dumped data directory costs ~0.5 s
 * (uncompressed; gzip makes loading slower). Dumps are cached in the OS temp folder, keyed by the
 * installed PGlite build and the caller's key, and shared by every process of a test run.
 */

function pgliteBuildKey(): string {
  // The resolved path names the installed version (pnpm's store layout).
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  return createHash('sha256').update(entry).digest('hex').slice(0, 8);
}

const EMPTY = 'empty';

export function cachedDataDirPath(key: string): string {
  return join(tmpdir(), `antt-db-pglite-${pgliteBuildKey()}-${key}.tar`);
}

const loaded = new Map<string, Promise<Blob>>();

async function loadOrBuild(key: string, prepare: (pglite: PGlite) => Promise<void>): Promise<Blob> {
  const path = cachedDataDirPath(key);
  try {
    return new Blob([new Uint8Array(await readFile(path))]);
  } catch {
    // Not cached yet: build below.
  }
  // Every other state starts from the cached empty cluster rather than a second initdb.
  const pglite = key === EMPTY ? await PGlite.create() : await emptyPglite();
  try {
    await prepare(pglite);
    const dump = await pglite.dumpDataDir('none');
    const partial = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
    await writeFile(partial, new Uint8Array(await dump.arrayBuffer()));
    await rename(partial, path); // atomic: concurrent builders never expose a half-written file
    return dump;
  } finally {
    await pglite.close();
  }
}

/** The data directory `prepare` leaves in a fresh PGlite, built once per key and cached. */
export function cachedDataDir(key: string, prepare: (pglite: PGlite) => Promise<void>): Promise<Blob> {
  let dump = loaded.get(key);
  if (!dump) {
    dump = loadOrBuild(key, prepare);
    loaded.set(key, dump);
    dump.catch(() => loaded.delete(key));
  }
  return dump;
}

/** A new in-memory PGlite holding a copy of the cached data directory. */
export async function pgliteFromCache(key: string, prepare: (pglite: PGlite) => Promise<void>): Promise<PGlite> {
  try {
    return await PGlite.create({ loadDataDir: await cachedDataDir(key, prepare) });
  } catch {
    // A damaged cache file: build it again, once.
    loaded.delete(key);
    await rm(cachedDataDirPath(key), { force: true });
    return PGlite.create({ loadDataDir: await cachedDataDir(key, prepare) });
  }
}

/** A new in-memory PGlite with a freshly initialised, empty cluster. */
export function emptyPglite(): Promise<PGlite> {
  return pgliteFromCache(EMPTY, async () => undefined);
}
