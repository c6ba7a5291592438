/**
 * No Docker engine runs on the machines that build this project, so docker-compose.yml is
 * checked here: the services production needs, their ports and wiring, and that every
 * variable it sets is one the code reads (a misspelt variable would be silently ignored).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const root = path.resolve(__dirname, '..', '..', '..');
const compose = parse(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8')) as {
  services: Record<
    string,
    {
      image?: string;
      build?: string;
      command?: string[];
      ports?: string[];
      environment?: Record<string, string>;
      depends_on?: Record<string, unknown>;
    }
  >;
};
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

/** Every environment variable name the service's code reads. */
function variablesReadByCode(): Set<string> {
  const files = [
    'config/env.ts',
    'clearinghouse/config.ts',
    'activities/claims/x12-settings.ts',
    'prisma.config.ts',
    'observability/logger.ts',
  ];
  const names = new Set<string>();
  for (const file of files) {
    const text = readFileSync(path.join(root, file), 'utf8');
    for (const m of text.matchAll(
      /process\.env\.([A-Z][A-Z0-9_]+)|env\.([A-Z][A-Z0-9_]+)|\(\s*env\s*,\s*'([A-Z][A-Z0-9_]+)'|(?:strVar|intVar)\('([A-Z][A-Z0-9_]+)'/g,
    )) {
      names.add((m[1] ?? m[2] ?? m[3] ?? m[4])!);
    }
  }
  return names;
}

const service = (name: string) => {
  const s = compose.services[name];
  if (!s) throw new Error(`docker-compose.yml has no ${name} service`);
  return s;
};

it('has every part production needs', () => {
  expect(Object.keys(compose.services).sort()).toEqual(['api', 'migrate', 'postgres', 'temporal', 'temporal-ui', 'worker']);
  expect(service('postgres').image).toMatch(/^postgres:/);
  expect(service('temporal').image).toMatch(/^temporalio\/auto-setup:/);
  expect(service('temporal-ui').image).toMatch(/^temporalio\/ui:/);
});

it('publishes Temporal, its UI and the API on their ports', () => {
  expect(service('temporal').ports).toContain('7233:7233');
  expect(service('temporal-ui').ports).toContain('8080:8080');
  const api = service('api');
  expect(api.ports).toContain(`${api.environment!.API_PORT}:${api.environment!.API_PORT}`);
  expect(api.environment!.API_HOST).toBe('0.0.0.0');
});

it('runs the API, the worker and the migrations with npm scripts that exist', () => {
  for (const name of ['api', 'worker', 'migrate']) {
    const command = service(name).command!;
    expect(command.slice(0, 2)).toEqual(['npm', 'run']);
    expect(pkg.scripts[command[2]!]).toBeDefined();
  }
});

it('points the API and the worker at the compose PostgreSQL and Temporal', () => {
  for (const name of ['api', 'worker', 'migrate']) {
    const env = service(name).environment!;
    expect(new URL(env.DATABASE_URL!.replace(/\$\{[^}]+\}/g, 'x')).host).toBe('postgres:5432');
  }
  for (const name of ['api', 'worker']) {
    expect(service(name).environment!.TEMPORAL_ADDRESS).toBe('temporal:7233');
    expect(service(name).depends_on).toHaveProperty('migrate');
  }
  expect(service('temporal').environment!.POSTGRES_SEEDS).toBe('postgres');
  expect(service('temporal-ui').environment!.TEMPORAL_ADDRESS).toBe('temporal:7233');
  expect(service('worker').environment!.CLEARINGHOUSE).toBe('office-ally-sftp');
});

it('sets only variables the code reads', () => {
  const known = variablesReadByCode();
  expect(known.has('DATABASE_URL')).toBe(true);
  expect(known.has('OA_SFTP_HOST_KEY_SHA256')).toBe(true);
  for (const name of ['api', 'worker', 'migrate']) {
    const unknown = Object.keys(service(name).environment ?? {}).filter((v) => !known.has(v));
    expect({ service: name, unknown }).toEqual({ service: name, unknown: [] });
  }
});
