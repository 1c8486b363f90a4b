// Usage: npm run db:generate -- <domain> [--name migration_name]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const [domain, ...rest] = process.argv.slice(2);
if (!domain || !existsSync(`src/${domain}/schema.ts`)) {
  console.error(`usage: npm run db:generate -- <domain>   (src/<domain>/schema.ts must exist)`);
  process.exit(2);
}
const r = spawnSync('npx', ['drizzle-kit', 'generate', ...rest], {
  stdio: 'inherit',
  env: { ...process.env, DRIZZLE_DOMAIN: domain },
});
process.exit(r.status ?? 1);
