// Making a file system change durable: a file's bytes, or a folder's
// entries (a rename or a new file), are on disk once synced.
import { open } from 'node:fs/promises';

/** Syncs a file or a folder (a folder: its entries, after a rename into it). */
export async function syncPath(path: string, flags: 'r' | 'r+' = 'r'): Promise<void> {
  const handle = await open(path, flags);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
