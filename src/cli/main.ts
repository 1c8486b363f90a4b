import { randomBytes } from 'node:crypto';
import { Command, Option } from 'commander';
import { createContext, createLogger, VERSION } from '../platform/context.js';
import { buildApp, startServices, stopServices } from '../platform/app.js';
import { bootstrapAdmin, createUser, ROLES, type Role } from '../platform/auth/index.js';
import { describeSettings } from '../platform/config.js';
import { startTelemetry } from '../platform/telemetry.js';
import { migrateAll } from '../platform/db/index.js';
import { selectServices } from '../services.js';
import { readConfig, reportCliError, runWithContext } from './runner.js';
import { registerDomainCommands } from './domains.js';

const program = new Command('mlsec')
  .description('Self-hosted ML security platform for LLM applications')
  .version(VERSION)
  .showHelpAfterError();

program
  .command('start')
  .description(
    'Start every service in one process (embedded storage unless DATABASE_URL / REDIS_URL / S3_ENDPOINT are set)',
  )
  .option('--services <names>', 'comma-separated subset of services to run')
  .option('--no-gateway', 'do not start the one-port gateway (8501)')
  .option('--no-workers', 'do not run background jobs in this process (use `mlsec worker`; needs REDIS_URL)')
  .action(async (opts: { services?: string; gateway: boolean; workers: boolean }) => {
    const config = readConfig();
    const stopTelemetry = await startTelemetry(config);
    const log = createLogger(config);
    const services = selectServices(opts.services);
    if (!opts.workers && !config.redisUrl) {
      throw new Error(
        '--no-workers needs REDIS_URL: with the in-process queue, jobs run inside `mlsec start`.',
      );
    }
    const ctx = await createContext({ config, log });
    const admin = await bootstrapAdmin(ctx);
    if (admin) {
      log.info({ email: admin.email }, `created the first admin user ${admin.email}`);
      if (admin.password) {
        process.stderr.write(
          `\n  First start: admin user ${admin.email} created with password\n\n      ${admin.password}\n\n  It is shown only this once. Log in: POST /api/auth/login\n\n`,
        );
      }
    }
    const app = await buildApp({ ctx, services, gateway: opts.gateway });
    await startServices(ctx, services, { workers: opts.workers });
    const bound = await app.listen(config.host);
    for (const b of bound) log.info({ service: b.name, url: b.url }, `${b.name} listening on ${b.url}`);
    log.info(
      {
        database: `${ctx.database.kind} (${ctx.database.location})`,
        cache: ctx.cache.backend,
        queue: ctx.queue.backend,
        artifacts: `${ctx.artifacts.backend} (${ctx.artifacts.location})`,
        data_dir: config.dataDir,
        startup_ms: Math.round(process.uptime() * 1000),
        rss_mb: Math.round(process.memoryUsage().rss / 1048576),
      },
      `ready: ${bound.length} servers; storage ${ctx.database.kind}, cache ${ctx.cache.backend}, queue ${ctx.queue.backend}, artifacts ${ctx.artifacts.backend}; data in ${config.dataDir}`,
    );

    let stopping = false;
    const shutdown = async (signal: string) => {
      if (stopping) {
        log.warn('second signal: exiting now');
        process.exit(1);
      }
      stopping = true;
      log.info({ signal }, 'shutting down: finishing in-flight requests');
      const t = setTimeout(() => {
        log.error('shutdown took over 30 s; exiting');
        process.exit(1);
      }, 30_000);
      t.unref();
      await app.close(); // stops accepting, waits for in-flight requests
      await stopServices(ctx, services);
      // Any user of the encoder's session thread (drift jobs too): exiting mid-run aborts.
      await (await import('../ml/encoder.js')).closeEncoderThread();
      await ctx.close(); // queue, events, Redis, database
      await stopTelemetry();
      log.info('stopped');
      process.exit(0);
    };
    process.on('SIGINT', () => void shutdown('SIGINT'));
    process.on('SIGTERM', () => void shutdown('SIGTERM'));
  });

program
  .command('worker')
  .description('Run background jobs only (training, campaigns, retraining) from the shared Redis queue')
  .option('--services <names>', 'only the job kinds of these services')
  .action(async (opts: { services?: string }) => {
    const config = readConfig();
    if (!config.redisUrl || !config.databaseUrl) {
      throw new Error(
        '`mlsec worker` needs REDIS_URL and DATABASE_URL (a shared queue and database). With embedded defaults, jobs run inside `mlsec start`.',
      );
    }
    const log = createLogger(config);
    const services = selectServices(opts.services);
    const ctx = await createContext({ config, log });
    await startServices(ctx, services, { workers: true });
    log.info({ services: services.map((s) => s.name), queue: ctx.queue.backend }, 'worker ready');
    const shutdown = async () => {
      log.info('worker stopping: cancelling in-flight jobs');
      await stopServices(ctx, services);
      await (await import('../ml/encoder.js')).closeEncoderThread();
      await ctx.close();
      process.exit(0);
    };
    process.on('SIGINT', () => void shutdown());
    process.on('SIGTERM', () => void shutdown());
  });

program
  .command('migrate')
  .description('Apply database migrations (also done automatically at start)')
  .action(async () => {
    const config = readConfig();
    const ctx = await createContext({
      config,
      log: createLogger({ logLevel: 'warn' }, process.stderr),
      migrate: false,
    });
    try {
      const domains = await migrateAll(ctx.database);
      console.log(
        `migrations applied on ${ctx.database.kind} (${ctx.database.location}): ${domains.join(', ')}`,
      );
    } finally {
      await ctx.close();
    }
  });

const user = program.command('user').description('Manage users');
user
  .command('create')
  .description('Create a user')
  .requiredOption('--email <email>', 'login email')
  .addOption(new Option('--role <role>', 'role').choices([...ROLES]).default('analyst'))
  .option('--password <password>', 'password (default: generated and printed once)')
  .action(async (opts: { email: string; role: Role; password?: string }) => {
    const password = opts.password ?? randomBytes(12).toString('base64url');
    if (password.length < 8) throw new Error('--password must be at least 8 characters');
    const created = await runWithContext((ctx) =>
      createUser(ctx, { email: opts.email, password, role: opts.role }),
    );
    console.log(`created ${created.role} ${created.email} (id ${created.id})`);
    if (!opts.password) console.log(`password: ${password}`);
  });

program
  .command('config')
  .description('List every setting (environment variable, default, meaning)')
  .option('--markdown', 'as a Markdown table')
  .action((opts: { markdown?: boolean }) => {
    const rows = describeSettings();
    if (opts.markdown) {
      console.log('| variable | default | meaning |\n|---|---|---|');
      for (const r of rows) console.log(`| \`${r.env}\` | \`${r.default}\` | ${r.doc} |`);
    } else {
      for (const r of rows) console.log(`${r.env.padEnd(30)} ${r.default.padEnd(20)} ${r.doc}`);
    }
  });

registerDomainCommands(program, runWithContext);

program.parseAsync(process.argv).catch(reportCliError);
