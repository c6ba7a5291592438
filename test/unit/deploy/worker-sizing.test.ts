/**
 * The worker is sized on purpose: its workflow cache, task concurrency and heap come from the
 * environment with defaults fit for a 300 MB process, and it loads a prebuilt workflow bundle
 * when one is given or built (docker-compose.yml and the Dockerfile do both).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { workerSizingFromEnv } from '../../../config/env';
import { workflowBundleToLoad } from '../../../worker/bundle';

const root = path.resolve(__dirname, '..', '..', '..');
const NAMES = [
  'WORKER_MAX_CACHED_WORKFLOWS',
  'WORKER_MAX_CONCURRENT_WORKFLOW_TASKS',
  'WORKER_MAX_CONCURRENT_ACTIVITIES',
  'WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES',
  'WORKFLOW_BUNDLE_PATH',
  'WORKER_HEAP_MB',
];

function withEnv<T>(vars: Record<string, string>, fn: () => T): T {
  const saved = Object.fromEntries(NAMES.map((n) => [n, process.env[n]]));
  for (const n of NAMES) delete process.env[n];
  Object.assign(process.env, vars);
  try {
    return fn();
  } finally {
    for (const n of NAMES) {
      if (saved[n] === undefined) delete process.env[n];
      else process.env[n] = saved[n];
    }
  }
}

describe('worker sizing', () => {
  it('has explicit defaults: a few hundred cached workflows, bounded concurrency, a heap limit', () => {
    expect(withEnv({}, workerSizingFromEnv)).toEqual({
      maxCachedWorkflows: 250,
      maxConcurrentWorkflowTaskExecutions: 10,
      maxConcurrentActivityTaskExecutions: 20,
      maxConcurrentLocalActivityExecutions: 20,
      workflowBundlePath: undefined,
      heapMb: 384,
    });
  });

  it('reads each limit from the environment, and refuses one that is not a positive integer', () => {
    const sizing = withEnv(
      {
        WORKER_MAX_CACHED_WORKFLOWS: '100',
        WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '4',
        WORKER_MAX_CONCURRENT_ACTIVITIES: '8',
        WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES: '6',
        WORKFLOW_BUNDLE_PATH: 'some/bundle.js',
        WORKER_HEAP_MB: '256',
      },
      workerSizingFromEnv,
    );
    expect(sizing).toEqual({
      maxCachedWorkflows: 100,
      maxConcurrentWorkflowTaskExecutions: 4,
      maxConcurrentActivityTaskExecutions: 8,
      maxConcurrentLocalActivityExecutions: 6,
      workflowBundlePath: path.resolve('some/bundle.js'),
      heapMb: 256,
    });
    expect(() => withEnv({ WORKER_MAX_CACHED_WORKFLOWS: '0' }, workerSizingFromEnv)).toThrow(/WORKER_MAX_CACHED_WORKFLOWS/);
    expect(() => withEnv({ WORKER_HEAP_MB: 'lots' }, workerSizingFromEnv)).toThrow(/WORKER_HEAP_MB/);
  });

  it('loads the bundle WORKFLOW_BUNDLE_PATH names, refuses one that is missing, else the built default if any', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bundle-'));
    try {
      const file = path.join(dir, 'b.js');
      writeFileSync(file, '// bundle');
      expect(workflowBundleToLoad(file)).toBe(file);
      expect(() => workflowBundleToLoad(path.join(dir, 'none.js'))).toThrow(/WORKFLOW_BUNDLE_PATH names no file/);
      expect(workflowBundleToLoad(undefined)).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is set in docker-compose.yml, the image builds the bundle, and npm run worker passes the heap limit', () => {
    const compose = parse(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8')) as {
      services: Record<string, { environment?: Record<string, string> }>;
    };
    const env = compose.services.worker?.environment ?? {};
    for (const name of ['WORKER_MAX_CACHED_WORKFLOWS', 'WORKER_MAX_CONCURRENT_WORKFLOW_TASKS', 'WORKER_HEAP_MB', 'WORKFLOW_BUNDLE_PATH']) {
      expect([name, env[name]]).toEqual([name, expect.any(String)]);
    }
    expect(readFileSync(path.join(root, 'Dockerfile'), 'utf8')).toMatch(/RUN npm run build:workflows/);
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.worker).toMatch(/--max-old-space-size=\$\{WORKER_HEAP_MB:-384\}/);
    expect(pkg.scripts['build:workflows']).toBeDefined();
  });
});
