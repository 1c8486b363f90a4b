import type { Config } from './config.js';

/**
 * OpenTelemetry traces over OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT is set (Jaeger,
 * Tempo, an OTel collector). Must run before the first Fastify instance is created: the
 * Fastify instrumentation attaches to every instance at creation. Returns a shutdown function
 * that flushes pending spans.
 */
export async function startTelemetry(
  config: Pick<Config, 'otelEndpoint'>,
  serviceName = 'mlsec',
): Promise<() => Promise<void>> {
  if (!config.otelEndpoint) return async () => {};
  const { NodeSDK } = await import('@opentelemetry/sdk-node');
  const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
  const { FastifyOtelInstrumentation: FastifyOtel } = await import('@fastify/otel');
  const { resourceFromAttributes } = await import('@opentelemetry/resources');
  const base = config.otelEndpoint.replace(/\/+$/, '');
  const sdk = new NodeSDK({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    traceExporter: new OTLPTraceExporter({ url: `${base}/v1/traces` }),
    instrumentations: [new FastifyOtel({ registerOnInitialization: true })],
  });
  sdk.start();
  return () => sdk.shutdown();
}
