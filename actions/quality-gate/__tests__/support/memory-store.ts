// A BaselineStore keeping entries in memory, in the order saved: restore takes the newest whose key has the prefix,
// as the Actions cache does, and a key is never overwritten. With `failure`, every call throws it.
import type { BaselineStore } from '../../src/baseline-cache.js';

export class MemoryStore implements BaselineStore {
  readonly entries: { key: string; text: string }[] = [];

  constructor(private readonly failure?: Error) {}

  async restore(keyPrefix: string): Promise<{ key: string; text: string } | undefined> {
    if (this.failure) throw this.failure;
    return [...this.entries].reverse().find((entry) => entry.key.startsWith(keyPrefix));
  }

  async save(key: string, text: string): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.entries.some((entry) => entry.key === key)) throw new Error(`key ${key} exists`);
    this.entries.push({ key, text });
  }
}
