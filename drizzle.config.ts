import { defineConfig } from 'drizzle-kit';

// Each domain owns its tables (src/<domain>/schema.ts) and its migration folder, applied in
// order by src/platform/db/migrate.ts with a per-domain journal table. Generate with
// `npm run db:generate -- <domain>`.
const domain = process.env.DRIZZLE_DOMAIN;
if (!domain) throw new Error('Set DRIZZLE_DOMAIN (use: npm run db:generate -- <domain>)');

export default defineConfig({
  dialect: 'postgresql',
  schema: `./src/${domain}/schema.ts`,
  out: `./src/${domain}/migrations`,
});
