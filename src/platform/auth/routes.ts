import { Type } from 'typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../context.js';
import { appError } from '../errors.js';
import type { ServiceApp } from '../http/service.js';
import { ROLES, createApiKey, createUser, listApiKeys, listUsers, login, revokeApiKey } from './index.js';

const LoginBody = Type.Object({
  email: Type.Optional(Type.String({ minLength: 1, maxLength: 320 })),
  // OAuth2 password-form clients send `username`
  username: Type.Optional(Type.String({ minLength: 1, maxLength: 320 })),
  password: Type.String({ minLength: 1, maxLength: 1024 }),
});
const TokenResponse = Type.Object({
  access_token: Type.String(),
  token_type: Type.Literal('bearer'),
  expires_in: Type.Integer(),
});
const RoleSchema = Type.Union(ROLES.map((r) => Type.Literal(r)));
const UserBody = Type.Object({
  email: Type.String({ format: 'email', maxLength: 320 }),
  password: Type.String({ minLength: 8, maxLength: 1024 }),
  role: RoleSchema,
});
const ApiKeyBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }), role: RoleSchema });

/** `/api/auth/*`: login (form or JSON), who am I, users and API keys (admin). */
export function authRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (fastify) => {
    const app = fastify as unknown as ServiceApp;
    app.post(
      '/login',
      {
        config: {
          auth: 'public',
          rateLimit: { max: ctx.config.loginRateLimit, timeWindow: '1 minute' },
        } as any,
        schema: {
          tags: ['auth'],
          summary: 'Log in with email and password (form or JSON)',
          body: LoginBody,
          response: { 200: TokenResponse },
        },
      },
      async (req) => {
        const email = req.body.email ?? req.body.username;
        if (!email) throw appError('VALIDATION_FAILED', { detail: 'body.email is required' });
        return login(ctx, email, req.body.password);
      },
    );
    app.get('/me', { schema: { tags: ['auth'], summary: 'The caller' } }, async (req) => req.principal);
    app.get('/users', { config: { role: 'admin' }, schema: { tags: ['auth'] } }, async () => ({
      users: await listUsers(ctx),
    }));
    app.post(
      '/users',
      { config: { role: 'admin' }, schema: { tags: ['auth'], body: UserBody } },
      async (req, reply) => reply.status(201).send(await createUser(ctx, req.body)),
    );
    app.get('/api-keys', { config: { role: 'admin' }, schema: { tags: ['auth'] } }, async () => ({
      api_keys: await listApiKeys(ctx),
    }));
    app.post(
      '/api-keys',
      { config: { role: 'admin' }, schema: { tags: ['auth'], body: ApiKeyBody } },
      async (req, reply) =>
        reply.status(201).send(await createApiKey(ctx, { ...req.body, createdBy: req.principal?.id })),
    );
    app.delete(
      '/api-keys/:id',
      { config: { role: 'admin' }, schema: { tags: ['auth'], params: Type.Object({ id: Type.String() }) } },
      async (req, reply) => {
        await revokeApiKey(ctx, req.params.id);
        return reply.status(204).send();
      },
    );
  };
}
