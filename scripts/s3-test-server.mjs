// A real S3-compatible server (s3rver) on loopback, for CI's storage-backed test pass.
// Usage: node scripts/s3-test-server.mjs <port> <dir>
import S3rver from 's3rver';

const [port = '4569', dir = '/tmp/mlsec-s3'] = process.argv.slice(2);
const server = new S3rver({ port: Number(port), address: '127.0.0.1', directory: dir, silent: true });
await server.run();
console.log(`s3rver listening on http://127.0.0.1:${port} (data in ${dir})`);
