import { Type, type Static } from 'typebox';

/** Request schemas of the red-team API, declared once (validation, types, OpenAPI). */

export const TargetOptionsSchema = Type.Object(
  {
    threshold: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'Detection threshold (model targets)' })),
    model: Type.Optional(Type.String({ maxLength: 200, description: 'Model name sent to an external chat endpoint' })),
    api_key: Type.Optional(Type.String({ maxLength: 500, description: 'Bearer token for an external endpoint (never returned)' })),
    system_prompt: Type.Optional(Type.String({ maxLength: 20000, description: 'System prompt for an external target; {CANARY} is replaced by the canary' })),
    canary: Type.Optional(Type.String({ minLength: 6, maxLength: 200 })),
    timeout_ms: Type.Optional(Type.Integer({ minimum: 100, maximum: 120000 })),
    max_retries: Type.Optional(Type.Integer({ minimum: 0, maximum: 5 })),
    concurrency: Type.Optional(Type.Integer({ minimum: 1, maximum: 32 })),
  },
  { additionalProperties: false },
);

export const CampaignBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    categories: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20 })),
    strategies: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 50 })),
    count: Type.Integer({ minimum: 1, maximum: 10000 }),
    target: Type.String({ minLength: 1, maxLength: 2000, description: "'model:<name>', 'ensemble', or an http(s) chat-completions URL" }),
    seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2147483647 })),
    options: Type.Optional(TargetOptionsSchema),
  },
  { additionalProperties: false },
);
export type CampaignBodyT = Static<typeof CampaignBody>;

export const ScheduleBody = Type.Object(
  { ...CampaignBody.properties, interval_seconds: Type.Integer({ minimum: 60, maximum: 30 * 86400, description: 'Seconds between runs' }) },
  { additionalProperties: false },
);

export const ListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  status: Type.Optional(Type.Union(['pending', 'running', 'completed', 'failed', 'cancelled'].map((s) => Type.Literal(s)))),
});

export const ResultsQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  page_size: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  category: Type.Optional(Type.String({ maxLength: 100 })),
  strategy: Type.Optional(Type.String({ maxLength: 100 })),
  outcome: Type.Optional(Type.Union([Type.Literal('missed'), Type.Literal('detected'), Type.Literal('error')])),
});

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });

export const GenerateBody = Type.Object(
  {
    categories: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20 })),
    strategies: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 50 })),
    count: Type.Integer({ minimum: 1, maximum: 1000 }),
    seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2147483647 })),
    benign: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000, description: 'Also return this many benign look-alikes' })),
  },
  { additionalProperties: false },
);
