import { createHash, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import { count, eq } from 'drizzle-orm';
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import { LRUCache } from 'lru-cache';
import type { AppContext } from '../context.js';
import { appError } from '../errors.js';
import { apiKeys, users } from '../schema.js';

export const ROLES = ['viewer', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: a logged-in user (JWT) or a service API key. */
export interface Principal {
  kind: 'user' | 'api_key';
  id: string;
  role: Role;
  email?: string;
  name?: string;
}

export function roleAtLeast(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

// argon2id with the library defaults (m=19 MiB, t=2, p=1: OWASP's minimum recommendation).
export const hashPassword = (password: string) => argonHash(password);
export const verifyPassword = (stored: string, password: string) =>
  argonVerify(stored, password).catch(() => false);

const secrets = new WeakMap<AppContext, Uint8Array>();

/** The HS256 key: MLSEC_JWT_SECRET, or a random one generated once and kept in the data dir. */
function jwtKey(ctx: AppContext): Uint8Array {
  let key = secrets.get(ctx);
  if (key) return key;
  if (ctx.config.jwtSecret) {
    key = new TextEncoder().encode(ctx.config.jwtSecret);
  } else if (ctx.database.location === 'memory') {
    key = randomBytes(32);
  } else {
    const file = path.join(ctx.config.dataDir, 'jwt-secret');
    if (!fs.existsSync(file)) {
      fs.mkdirSync(ctx.config.dataDir, { recursive: true });
      fs.writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600, flag: 'wx' });
    }
    key = new TextEncoder().encode(fs.readFileSync(file, 'utf8').trim());
  }
  secrets.set(ctx, key);
  return key;
}

export async function issueToken(ctx: AppContext, user: { id: string; email: string; role: Role }) {
  const token = await new SignJWT({ role: user.role, email: user.email })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(user.id)
    .setIssuedAt()
    .setIssuer('mlsec')
    .setExpirationTime(Math.floor(Date.now() / 1000) + ctx.config.jwtTtl)
    .sign(jwtKey(ctx));
  return { access_token: token, token_type: 'bearer' as const, expires_in: ctx.config.jwtTtl };
}

const API_KEY_PREFIX = 'mlsk_';
const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

/**
 * Resolve the Authorization header (`Bearer <jwt>` or `Bearer mlsk_...`) or `X-API-Key`.
 * Throws AUTH_REQUIRED when absent, AUTH_INVALID_TOKEN when expired, tampered, revoked or
 * belonging to a disabled user.
 */
// Verified credentials are remembered briefly: the user/key lookup is a database round trip
// that would otherwise dominate a fast /predict. Revoking a key clears the cache of this
// process; other processes notice within PRINCIPAL_TTL_MS.
const PRINCIPAL_TTL_MS = 10_000;
const principalCaches = new WeakMap<AppContext, LRUCache<string, Principal>>();
function principalCache(ctx: AppContext) {
  let c = principalCaches.get(ctx);
  if (!c) {
    c = new LRUCache<string, Principal>({ max: 10_000, ttl: PRINCIPAL_TTL_MS });
    principalCaches.set(ctx, c);
  }
  return c;
}

export async function authenticate(
  ctx: AppContext,
  headers: { authorization?: string; 'x-api-key'?: string | string[] },
): Promise<Principal> {
  const cacheKey =
    headers.authorization ?? (typeof headers['x-api-key'] === 'string' ? headers['x-api-key'] : undefined);
  const cached = cacheKey ? principalCache(ctx).get(cacheKey) : undefined;
  if (cached) return cached;
  const { principal, expiresAtMs } = await resolvePrincipal(ctx, headers);
  // A cached JWT must not outlive its own expiry.
  const ttl =
    expiresAtMs === undefined ? PRINCIPAL_TTL_MS : Math.min(PRINCIPAL_TTL_MS, expiresAtMs - Date.now());
  if (cacheKey && ttl > 0) principalCache(ctx).set(cacheKey, principal, { ttl });
  return principal;
}

async function resolvePrincipal(
  ctx: AppContext,
  headers: { authorization?: string; 'x-api-key'?: string | string[] },
): Promise<{ principal: Principal; expiresAtMs?: number }> {
  let credential: string | undefined;
  const auth = headers.authorization;
  if (auth) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (!m)
      throw appError('AUTH_INVALID_TOKEN', { reason: 'the Authorization header must be "Bearer <token>"' });
    credential = m[1];
  } else if (typeof headers['x-api-key'] === 'string') {
    credential = headers['x-api-key'];
  }
  if (!credential) throw appError('AUTH_REQUIRED');

  if (credential.startsWith(API_KEY_PREFIX)) {
    const [row] = await ctx.db
      .select()
      .from(apiKeys)
      .where(eq(apiKeys.keyHash, hashKey(credential)));
    if (!row || row.revokedAt) throw appError('AUTH_INVALID_TOKEN', { reason: 'unknown or revoked API key' });
    // last-used is informative; don't make the request wait for it
    ctx.db
      .update(apiKeys)
      .set({ lastUsedAt: new Date() })
      .where(eq(apiKeys.id, row.id))
      .catch(() => {});
    return { principal: { kind: 'api_key', id: row.id, role: row.role as Role, name: row.name } };
  }

  let payload;
  try {
    ({ payload } = await jwtVerify(credential, jwtKey(ctx), { issuer: 'mlsec', algorithms: ['HS256'] }));
  } catch (e) {
    const reason =
      e instanceof joseErrors.JWTExpired
        ? 'the token has expired; log in again'
        : e instanceof joseErrors.JWSSignatureVerificationFailed
          ? 'bad signature'
          : 'malformed token';
    throw appError('AUTH_INVALID_TOKEN', { reason });
  }
  const [user] = await ctx.db
    .select()
    .from(users)
    .where(eq(users.id, String(payload.sub)));
  if (!user || user.disabled)
    throw appError('AUTH_INVALID_TOKEN', { reason: 'the user no longer exists or is disabled' });
  return {
    principal: { kind: 'user', id: user.id, role: user.role as Role, email: user.email },
    expiresAtMs: typeof payload.exp === 'number' ? payload.exp * 1000 : undefined,
  };
}

export async function login(ctx: AppContext, email: string, password: string) {
  const [user] = await ctx.db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  // verify against a dummy hash when the user is unknown, so timing doesn't reveal which emails exist
  const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, password);
  if (!user || !ok || user.disabled) throw appError('AUTH_BAD_CREDENTIALS');
  await ctx.db.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, user.id));
  return issueToken(ctx, { id: user.id, email: user.email, role: user.role as Role });
}
const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$1Y0p0u7ZrJ8yq1bC3X3s3QJtm8t9yS8qfQ7l5mYQm1c';

export interface PublicUser {
  id: string;
  email: string;
  role: Role;
  disabled: boolean;
  created_at: string;
  last_login_at: string | null;
}

const publicUser = (u: typeof users.$inferSelect): PublicUser => ({
  id: u.id,
  email: u.email,
  role: u.role as Role,
  disabled: u.disabled,
  created_at: u.createdAt.toISOString(),
  last_login_at: u.lastLoginAt?.toISOString() ?? null,
});

/** Create a user; CONFLICT if the email is taken. */
export async function createUser(
  ctx: AppContext,
  input: { email: string; password: string; role: Role },
): Promise<PublicUser> {
  const email = input.email.trim().toLowerCase();
  const [existing] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (existing) throw appError('CONFLICT', { detail: `A user with email '${email}' already exists` });
  const [row] = await ctx.db
    .insert(users)
    .values({ id: randomUUID(), email, passwordHash: await hashPassword(input.password), role: input.role })
    .returning();
  return publicUser(row);
}

export async function listUsers(ctx: AppContext): Promise<PublicUser[]> {
  return (await ctx.db.select().from(users).orderBy(users.createdAt)).map(publicUser);
}

/**
 * First start: with no users, create the admin from MLSEC_ADMIN_EMAIL / MLSEC_ADMIN_PASSWORD,
 * or with a generated password that the caller prints once. Returns undefined if users exist.
 */
export async function bootstrapAdmin(
  ctx: AppContext,
): Promise<{ email: string; password?: string } | undefined> {
  return ctx.database.exclusive(727272, async () => {
    const [{ n }] = await ctx.db.select({ n: count() }).from(users);
    if (Number(n) > 0) return undefined;
    const generated = ctx.config.adminPassword ? undefined : randomBytes(12).toString('base64url');
    await createUser(ctx, {
      email: ctx.config.adminEmail,
      password: ctx.config.adminPassword ?? generated!,
      role: 'admin',
    });
    return { email: ctx.config.adminEmail, password: generated };
  });
}

/** Create an API key; the secret is returned once and only its hash is stored. */
export async function createApiKey(ctx: AppContext, input: { name: string; role: Role; createdBy?: string }) {
  const key = API_KEY_PREFIX + randomBytes(24).toString('base64url');
  const id = randomUUID();
  await ctx.db.insert(apiKeys).values({
    id,
    name: input.name,
    prefix: key.slice(0, 12),
    keyHash: hashKey(key),
    role: input.role,
    createdBy: input.createdBy ?? null,
  });
  return { id, name: input.name, role: input.role, key, prefix: key.slice(0, 12) };
}

export async function listApiKeys(ctx: AppContext) {
  const rows = await ctx.db.select().from(apiKeys).orderBy(apiKeys.createdAt);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    role: r.role,
    created_at: r.createdAt.toISOString(),
    last_used_at: r.lastUsedAt?.toISOString() ?? null,
    revoked: r.revokedAt !== null,
  }));
}

export async function revokeApiKey(ctx: AppContext, id: string) {
  const rows = await ctx.db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(eq(apiKeys.id, id))
    .returning();
  if (!rows.length) throw appError('RESOURCE_NOT_FOUND', { kind: 'API key', id });
  principalCache(ctx).clear();
}
