import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Model artifacts and other blobs. Files under `<dataDir>/artifacts` by default; any
 * S3-compatible store (MinIO, AWS) when S3_ENDPOINT is set. Every object is stored with its
 * SHA-256, and `get` with an expected checksum refuses corrupted or swapped content.
 */
export interface StoredArtifact {
  key: string;
  sha256: string;
  size: number;
}

export interface ArtifactStore {
  readonly backend: 'fs' | 's3';
  readonly location: string;
  put(key: string, data: Uint8Array | string): Promise<StoredArtifact>;
  /** Throws ArtifactError('missing') if absent, ArtifactError('checksum') on mismatch. */
  get(key: string, expectedSha256?: string): Promise<Buffer>;
  exists(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
  list(prefix: string): Promise<string[]>;
  ping(): Promise<boolean>;
}

export class ArtifactError extends Error {
  constructor(
    readonly kind: 'missing' | 'checksum' | 'invalid-key',
    message: string,
  ) {
    super(message);
    this.name = 'ArtifactError';
  }
}

export const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

function checkKey(key: string) {
  if (
    !key ||
    key.startsWith('/') ||
    key.split('/').some((p) => p === '..' || p === '') ||
    /[\\\0]/.test(key)
  ) {
    throw new ArtifactError('invalid-key', `invalid artifact key '${key}'`);
  }
}

function verify(key: string, body: Buffer, expected?: string) {
  if (expected && sha256(body) !== expected) {
    throw new ArtifactError(
      'checksum',
      `artifact '${key}' failed its checksum: it is corrupted or was replaced`,
    );
  }
  return body;
}

export function createFsArtifactStore(root: string): ArtifactStore {
  const file = (key: string) => {
    checkKey(key);
    return path.join(root, key);
  };
  return {
    backend: 'fs',
    location: root,
    async put(key, data) {
      const p = file(key);
      await fs.mkdir(path.dirname(p), { recursive: true });
      const body = typeof data === 'string' ? Buffer.from(data) : data;
      // write-then-rename so a crash never leaves a half-written artifact under the real key
      const tmp = `${p}.${process.pid}.tmp`;
      await fs.writeFile(tmp, body);
      await fs.rename(tmp, p);
      return { key, sha256: sha256(body), size: body.byteLength };
    },
    async get(key, expected) {
      try {
        return verify(key, await fs.readFile(file(key)), expected);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT')
          throw new ArtifactError('missing', `artifact '${key}' not found`);
        throw e;
      }
    },
    async exists(key) {
      return fs.access(file(key)).then(
        () => true,
        () => false,
      );
    },
    async delete(key) {
      await fs.rm(file(key), { force: true });
    },
    async list(prefix) {
      const out: string[] = [];
      const walk = async (dir: string) => {
        const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
        for (const e of entries) {
          const p = path.join(dir, e.name);
          if (e.isDirectory()) await walk(p);
          else if (!e.name.endsWith('.tmp')) out.push(path.relative(root, p).split(path.sep).join('/'));
        }
      };
      await walk(root);
      return out.filter((k) => k.startsWith(prefix)).sort();
    },
    async ping() {
      await fs.mkdir(root, { recursive: true });
      return fs.access(root, (await import('node:fs')).constants.W_OK).then(
        () => true,
        () => false,
      );
    },
  };
}

export async function createS3ArtifactStore(opts: {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
}): Promise<ArtifactStore> {
  const s3 = await import('@aws-sdk/client-s3');
  const client = new s3.S3Client({
    endpoint: opts.endpoint,
    region: opts.region,
    forcePathStyle: opts.forcePathStyle,
    credentials: opts.accessKeyId
      ? { accessKeyId: opts.accessKeyId, secretAccessKey: opts.secretAccessKey! }
      : undefined,
  });
  const Bucket = opts.bucket;
  try {
    await client.send(new s3.HeadBucketCommand({ Bucket }));
  } catch {
    await client.send(new s3.CreateBucketCommand({ Bucket }));
  }
  const isMissing = (e: any) =>
    e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
  return {
    backend: 's3',
    location: `${opts.endpoint}/${Bucket}`,
    async put(key, data) {
      checkKey(key);
      const body = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data);
      const digest = sha256(body);
      await client.send(
        new s3.PutObjectCommand({ Bucket, Key: key, Body: body, Metadata: { sha256: digest } }),
      );
      return { key, sha256: digest, size: body.byteLength };
    },
    async get(key, expected) {
      checkKey(key);
      try {
        const r = await client.send(new s3.GetObjectCommand({ Bucket, Key: key }));
        const body = Buffer.from(await r.Body!.transformToByteArray());
        return verify(key, body, expected ?? r.Metadata?.sha256);
      } catch (e) {
        if (isMissing(e)) throw new ArtifactError('missing', `artifact '${key}' not found`);
        throw e;
      }
    },
    async exists(key) {
      checkKey(key);
      try {
        await client.send(new s3.HeadObjectCommand({ Bucket, Key: key }));
        return true;
      } catch (e) {
        if (isMissing(e)) return false;
        throw e;
      }
    },
    async delete(key) {
      checkKey(key);
      await client.send(new s3.DeleteObjectCommand({ Bucket, Key: key }));
    },
    async list(prefix) {
      const out: string[] = [];
      let token: string | undefined;
      do {
        const r = await client.send(
          new s3.ListObjectsV2Command({ Bucket, Prefix: prefix, ContinuationToken: token }),
        );
        for (const o of r.Contents ?? []) if (o.Key) out.push(o.Key);
        token = r.IsTruncated ? r.NextContinuationToken : undefined;
      } while (token);
      return out.sort();
    },
    async ping() {
      try {
        await client.send(new s3.HeadBucketCommand({ Bucket }));
        return true;
      } catch {
        return false;
      }
    },
  };
}
