import { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

/**
 * Platform events (e.g. `model.stage_changed` from training, which detection listens to in
 * order to reload). In-process by default; with Redis, published on one channel so every
 * process (API, workers) sees every event exactly once.
 */
export interface EventBus {
  emit(topic: string, payload: unknown): Promise<void>;
  /** Subscribe; returns the unsubscribe function. Handler errors are logged, not thrown. */
  on(topic: string, handler: (payload: any) => void | Promise<void>): () => void;
  close(): Promise<void>;
}

function dispatcher(log?: Logger) {
  const ee = new EventEmitter();
  ee.setMaxListeners(0);
  return {
    ee,
    deliver(topic: string, payload: unknown) {
      for (const h of ee.listeners(topic)) {
        Promise.resolve()
          .then(() => (h as (p: unknown) => unknown)(payload))
          .catch((err) => log?.error({ err, topic }, 'event handler failed'));
      }
    },
    on(topic: string, handler: (p: any) => unknown) {
      ee.on(topic, handler);
      return () => void ee.off(topic, handler);
    },
  };
}

export function createMemoryEventBus(log?: Logger): EventBus {
  const d = dispatcher(log);
  return {
    async emit(topic, payload) {
      d.deliver(topic, payload);
    },
    on: d.on,
    async close() {
      d.ee.removeAllListeners();
    },
  };
}

/** `pub` is the shared connection; a duplicate is made for subscribing (Redis requires it). */
export async function createRedisEventBus(pub: Redis, log?: Logger, prefix = 'mlsec'): Promise<EventBus> {
  const CHANNEL = `${prefix}:events`;
  const d = dispatcher(log);
  const sub = pub.duplicate();
  await sub.subscribe(CHANNEL);
  sub.on('message', (_channel: string, raw: string) => {
    try {
      const { topic, payload } = JSON.parse(raw) as { topic: string; payload: unknown };
      d.deliver(topic, payload);
    } catch (err) {
      log?.warn({ err }, 'ignored malformed event');
    }
  });
  return {
    async emit(topic, payload) {
      await pub.publish(CHANNEL, JSON.stringify({ topic, payload }));
    },
    on: d.on,
    async close() {
      d.ee.removeAllListeners();
      sub.disconnect();
    },
  };
}
