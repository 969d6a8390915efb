import { createSeededTestDatabase, databaseKindsUnderTest } from '@antt/db/testing';

/** Builds the seeded templates once, before test files start in parallel and each want one. */
export default async function setup(): Promise<void> {
  for (const kind of databaseKindsUnderTest()) {
    const db = await createSeededTestDatabase(kind);
    await db.close();
  }
}
