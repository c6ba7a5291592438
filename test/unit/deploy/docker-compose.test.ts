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
      depends_on?: Record<string, unknown> | string[];
      volumes?: string[];
      secrets?: string[];
      expose?: string[];
    }
  >;
  secrets: Record<string, { file: string }>;
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
    'codec/keys.ts',
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
  expect(Object.keys(compose.services).sort()).toEqual([
    'api',
    'grafana',
    'migrate',
    'postgres',
    'prometheus',
    'temporal',
    'temporal-ui',
    'worker',
  ]);
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

it('encrypts payloads in the API and the worker with one key file, from a secret', () => {
  for (const name of ['api', 'worker']) {
    expect(service(name).environment!.PAYLOAD_CODEC_KEY_FILE).toBe('/run/secrets/payload_keys');
    expect(service(name).secrets).toContain('payload_keys');
  }
  expect(compose.secrets.payload_keys!.file).toMatch(/secrets\/payload-keys\.json/);
});

it("lets the Temporal UI decode through the API's codec server, with the ops person's cookie", () => {
  const ui = service('temporal-ui').environment!;
  expect(ui.TEMPORAL_CODEC_ENDPOINT).toMatch(/\/codec$/);
  expect(ui.TEMPORAL_CODEC_INCLUDE_CREDENTIALS).toBe('true');
  // The API answers CORS for the UI's browser origin (its published port).
  expect(service('api').environment!.CODEC_CORS_ORIGINS).toContain('8080');
});

describe('Prometheus and Grafana', () => {
  const prometheus = parse(readFileSync(path.join(root, 'deploy/prometheus/prometheus.yml'), 'utf8')) as {
    scrape_configs: {
      job_name: string;
      metrics_path: string;
      static_configs?: { targets: string[] }[];
      dns_sd_configs?: { names: string[]; port: number }[];
    }[];
  };

  it('scrapes the API and every worker (found by DNS, so scaled workers are scraped too)', () => {
    const job = (name: string) => prometheus.scrape_configs.find((j) => j.job_name === name);
    expect(job('api')?.static_configs?.[0]?.targets).toEqual([`api:${service('api').environment!.API_PORT}`]);
    const workerPort = service('worker').environment!.WORKER_METRICS_ADDRESS!.split(':')[1];
    expect(job('worker')?.dns_sd_configs?.[0]).toEqual({ names: ['worker'], type: 'A', port: Number(workerPort) });
    expect(service('worker').environment!.WORKER_METRICS_ADDRESS).toMatch(/^0\.0\.0\.0:/);
    expect(service('worker').expose).toContain(workerPort);
  });

  it('mounts the Prometheus config and provisions Grafana with the datasource and the dashboard', () => {
    expect(service('prometheus').image).toMatch(/^prom\/prometheus:v\d/);
    expect(service('prometheus').volumes).toContain('./deploy/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro');
    expect(service('grafana').image).toMatch(/^grafana\/grafana:\d/);
    expect(service('grafana').volumes).toEqual(
      expect.arrayContaining([
        './deploy/grafana/provisioning:/etc/grafana/provisioning:ro',
        './deploy/grafana/dashboards:/var/lib/grafana/dashboards:ro',
      ]),
    );
    const provider = parse(readFileSync(path.join(root, 'deploy/grafana/provisioning/dashboards/secondary-claims.yml'), 'utf8')) as {
      providers: { options: { path: string } }[];
    };
    expect(provider.providers[0]!.options.path).toBe('/var/lib/grafana/dashboards');
    const datasource = parse(readFileSync(path.join(root, 'deploy/grafana/provisioning/datasources/prometheus.yml'), 'utf8')) as {
      datasources: { uid: string; url: string }[];
    };
    expect(datasource.datasources[0]).toMatchObject({ uid: 'prometheus', url: 'http://prometheus:9090' });
    expect(service('grafana').environment!.GF_SECURITY_ADMIN_PASSWORD).toMatch(/\?set GRAFANA_ADMIN_PASSWORD/);
  });
});
