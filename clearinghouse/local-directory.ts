import { promises as fs } from 'fs';
import { join } from 'path';
import { RemoteFileNotFoundError, IncompleteTransferError } from './errors';
import { idempotentUpload, type StagingStore } from './idempotent-upload';
import { officeAllyUploadName } from './office-ally-names';
import {
  assertSafeFileName,
  isTemporaryName,
  type Clearinghouse,
  type OutgoingFile,
  type RemoteFile,
  type UploadOptions,
  type UploadReceipt,
} from './port';

/**
 * A clearinghouse made of folders, for the embedded default and for tests:
 * `<dataDir>/inbound/` receives uploads, `<dataDir>/outbound/` holds responses,
 * `<dataDir>/.staging/` holds uploads being written, `<dataDir>/archive/` keeps acknowledged
 * responses. The payer simulator (simulator/) plays the other side: it takes files out of
 * `inbound/` (as Office Ally does) and writes its answers into `outbound/`.
 * Same contract as every adapter (see port.ts).
 */
export class LocalDirectoryClearinghouse implements Clearinghouse {
  readonly kind = 'local-directory';

  constructor(
    readonly dataDir: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Named as Office Ally test files are: the local clearinghouse is never Office Ally's production. */
  claimFileName(stem: string): string {
    return officeAllyUploadName(stem, { testMode: true });
  }

  get inboundDir(): string {
    return join(this.dataDir, 'inbound');
  }

  get outboundDir(): string {
    return join(this.dataDir, 'outbound');
  }

  get stagingDir(): string {
    return join(this.dataDir, '.staging');
  }

  get archiveDir(): string {
    return join(this.dataDir, 'archive');
  }

  /** Creates the folders (done by every operation too). */
  async init(): Promise<void> {
    for (const dir of [this.inboundDir, this.outboundDir, this.stagingDir, this.archiveDir]) {
      await fs.mkdir(dir, { recursive: true });
    }
  }

  async upload(file: OutgoingFile, options: UploadOptions = {}): Promise<UploadReceipt> {
    await this.init();
    return idempotentUpload(this.store(), file, options, this.now);
  }

  async listResponses(): Promise<RemoteFile[]> {
    await this.init();
    const files: RemoteFile[] = [];
    for (const entry of await fs.readdir(this.outboundDir, { withFileTypes: true })) {
      if (!entry.isFile() || isTemporaryName(entry.name)) continue;
      const stat = await fs.stat(join(this.outboundDir, entry.name)).catch(() => null);
      if (stat === null) continue; // taken away meanwhile
      files.push({ name: entry.name, sizeBytes: stat.size, modifiedAt: stat.mtime.toISOString() });
    }
    return files.sort((a, b) => a.modifiedAt.localeCompare(b.modifiedAt) || a.name.localeCompare(b.name));
  }

  async download(name: string): Promise<Buffer> {
    assertSafeFileName(name);
    const path = join(this.outboundDir, name);
    try {
      return await fs.readFile(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new RemoteFileNotFoundError(`download ${name}: no such file in the outbound folder`, { cause: error });
      }
      throw error;
    }
  }

  /** Moves the response into archive/; nothing to do when it is already gone. */
  async acknowledge(name: string): Promise<void> {
    assertSafeFileName(name);
    await this.init();
    try {
      await fs.rename(join(this.outboundDir, name), join(this.archiveDir, name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }

  async close(): Promise<void> {}

  private store(): StagingStore {
    const pathOf = (where: 'final' | 'staged', name: string) => join(where === 'final' ? this.inboundDir : this.stagingDir, name);
    return {
      sizeOf: async (where, name) => {
        try {
          return (await fs.stat(pathOf(where, name))).size;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
          throw error;
        }
      },
      readBack: async (where, name) => fs.readFile(pathOf(where, name)).catch(() => null),
      writeStaged: async (name, content) => {
        const handle = await fs.open(pathOf('staged', name), 'w');
        try {
          await handle.writeFile(content);
          await handle.sync();
        } finally {
          await handle.close();
        }
        const size = (await fs.stat(pathOf('staged', name))).size;
        if (size !== content.length) throw new IncompleteTransferError(`staged ${name} holds ${size} bytes, expected ${content.length}`);
      },
      // One atomic rename: the staged name and the final name never both exist, so a crash
      // leaves either a staged file (not committed) or a committed one. rename() would replace
      // an existing target, so refuse when one exists (only a concurrent upload of the very same
      // name and content could slip in between, which is harmless).
      commit: async (staged, finalName) => {
        const target = pathOf('final', finalName);
        const exists = await fs.stat(target).then(
          () => true,
          () => false,
        );
        if (exists) throw Object.assign(new Error(`${finalName} already exists in the inbound folder`), { code: 'EEXIST' });
        await fs.rename(pathOf('staged', staged), target);
      },
      removeStaged: async (name) => {
        await fs.rm(pathOf('staged', name), { force: true });
      },
    };
  }
}
