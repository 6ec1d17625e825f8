// The reusable workflows' shape, read from their YAML: what act cannot show in two runs. Every provider input of
// blue-green-switch reaches each step that talks to the proxy (a provider added to the action is a missing input
// here until the workflow passes it on), privileges are granted per job, and docs/workflows.md documents every
// input, secret and output.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { root } from './support/act.js';

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Job {
  permissions?: Record<string, string>;
  steps?: Step[];
  concurrency?: { group: string; 'cancel-in-progress': boolean };
}
interface Workflow {
  on: { workflow_call: { inputs?: object; secrets?: object; outputs?: object } };
  permissions: object;
  jobs: Record<string, Job>;
}

const read = (file: string): Workflow =>
  parse(readFileSync(path.join(root, '.github/workflows', file), 'utf8')) as Workflow;
const REUSABLE = ['quality.yml', 'security.yml', 'build-image.yml', 'deploy-blue-green.yml'];

/** blue-green-switch's provider inputs: every input but the ones about the switch itself. */
function providerInputs(): string[] {
  const action = parse(readFileSync(path.join(root, 'actions/blue-green-switch/action.yml'), 'utf8')) as {
    inputs: Record<string, unknown>;
  };
  const aboutTheSwitch = /^(target|dry-run|lock-timeout|verify-.*)$/;
  return Object.keys(action.inputs).filter((name) => !aboutTheSwitch.test(name));
}

describe('deploy-blue-green.yml', () => {
  const workflow = read('deploy-blue-green.yml');
  const deploy = workflow.jobs['deploy']!;
  const proxySteps = deploy.steps!.filter(
    (step) => step.uses?.includes('/blue-green-switch@') || step.with?.['rollback'] === 'blue-green',
  );

  it('declares each provider input of blue-green-switch', () => {
    const declared = Object.keys(workflow.on.workflow_call.inputs ?? {});
    expect(providerInputs().filter((name) => !declared.includes(name))).toEqual([]);
  });

  it('passes every provider input on, unchanged, to each step that reads or switches the proxy', () => {
    expect(proxySteps.map((step) => step.id)).toEqual(['live', 'switch', 'watch', 'after']);
    for (const step of proxySteps) {
      const missing = providerInputs().filter((name) => step.with?.[name] !== `\${{ inputs.${name} }}`);
      expect({ step: step.id, missing }).toEqual({ step: step.id, missing: [] });
    }
  });

  it('serialises deploys per environment and never cancels one in progress', () => {
    expect(deploy.concurrency).toEqual({
      group: 'deploy-blue-green-${{ inputs.environment }}',
      'cancel-in-progress': false,
    });
  });
});

describe('deploy-blue-green.yml notifications', () => {
  const workflow = read('deploy-blue-green.yml');
  const notifySteps = Object.entries(workflow.jobs).flatMap(([job, { steps }]) =>
    (steps ?? []).filter((step) => step.uses?.includes('/notify@')).map((step) => ({ job, step })),
  );
  const DESTINATIONS = {
    secrets: [
      'slack-webhook-url',
      'slack-token',
      'teams-webhook-url',
      'webhook-url',
      'webhook-secret',
      'grafana-token',
    ],
    inputs: ['slack-channel', 'grafana-url', 'pushgateway-url', 'loki-url'],
  };

  it('notifies at the start, the end and the approval wait', () => {
    expect(notifySteps.map(({ job, step }) => `${job}: ${step.with?.['event']?.trim().split(/\s/)[0]}`)).toEqual([
      'announce: approval-needed',
      'deploy: started',
      'deploy: ${{',
    ]);
    expect(notifySteps[2]!.step.with?.['event']).toMatch(/'rolled-back'.*'succeeded'.*'cancelled'.*'failed'/s);
  });

  it('runs each notify step only when the caller passed a destination, passing every one on', () => {
    for (const { job, step } of notifySteps) {
      expect({ job, if: step.if }).toEqual({
        job,
        if: expect.stringContaining("steps.notify-on.outputs.configured == 'true'"),
      });
      const check = workflow.jobs[job]!.steps!.find((candidate) => candidate.id === 'notify-on')!;
      for (const name of DESTINATIONS.secrets) {
        expect(step.with?.[name]).toBe(`\${{ secrets.${name} }}`);
        if (!['webhook-secret', 'grafana-token'].includes(name))
          expect(check.env?.['CONFIGURED']).toContain(`secrets.${name} != ''`);
      }
      for (const name of DESTINATIONS.inputs) {
        expect(step.with?.[name]).toBe(`\${{ inputs.${name} }}`);
        if (name !== 'slack-channel') expect(check.env?.['CONFIGURED']).toContain(`inputs.${name} != ''`);
      }
    }
  });

  it('follows one Slack message and one Grafana region from the start to the end', () => {
    const end = notifySteps[2]!.step;
    expect(end.with?.['slack-message-ts']).toBe('${{ steps.notify-start.outputs.slack-message-ts }}');
    expect(end.with?.['grafana-annotation-id']).toBe('${{ steps.notify-start.outputs.grafana-annotation-id }}');
    expect(end.if).toMatch(/^\$\{\{ always\(\) && /);
  });
});

describe('build-image.yml', () => {
  const workflow = read('build-image.yml');
  const build = workflow.jobs['build']!;
  const step = (job: Job, id: string): Step => job.steps!.find((candidate) => candidate.id === id)!;

  it('grants packages: write to the job that pushes and to no other', () => {
    const writers = Object.entries(workflow.jobs).filter(([, job]) => job.permissions?.['packages'] === 'write');
    expect(writers.map(([name]) => name)).toEqual(['build']);
  });

  it('builds with the gha layer cache, the metadata tags, SBOM and provenance, and pushes', () => {
    expect(step(build, 'build').with).toMatchObject({
      push: true,
      tags: '${{ steps.meta.outputs.tags }}',
      labels: '${{ steps.meta.outputs.labels }}',
      'cache-from': 'type=gha,scope=${{ steps.name.outputs.image }}',
      'cache-to': 'type=gha,mode=max,scope=${{ steps.name.outputs.image }}',
      sbom: true,
      provenance: 'mode=max',
    });
    expect(step(build, 'meta').with?.['tags']?.split('\n').filter(Boolean)).toEqual([
      'type=ref,event=branch',
      'type=sha,prefix=sha-,format=short',
      'type=semver,pattern={{version}}',
      'type=semver,pattern={{major}}.{{minor}}',
    ]);
  });

  it('gives back the image by digest and scans that digest, not a tag', () => {
    expect(step(build, 'pushed').env?.['DIGEST']).toBe('${{ steps.build.outputs.digest }}');
    expect(workflow.on.workflow_call.outputs).toMatchObject({ image: { value: '${{ jobs.build.outputs.image }}' } });
    expect(step(workflow.jobs['scan']!, 'trivy').env?.['IMAGE']).toBe('${{ needs.build.outputs.image }}');
  });

  it("scans with security.yml's Trivy release and checksum", () => {
    const pins = (job: Job) => {
      const env = job.steps!.find((candidate) => candidate.env?.['TRIVY_VERSION'])!.env!;
      return { version: env['TRIVY_VERSION'], sha256: env['TRIVY_SHA256'] };
    };
    expect(pins(workflow.jobs['scan']!)).toEqual(pins(read('security.yml').jobs['scan']!));
  });
});

describe('quality.yml', () => {
  const steps = read('quality.yml').jobs['quality']!.steps!;

  it("hands the caller's report globs and gate settings to quality-gate unchanged", () => {
    const gate = steps.find((step) => step.id === 'gate')!;
    const passed = ['coverage', 'tests', 'lint', 'conditions', 'baseline', 'min-new-lines', 'if-missing'];
    for (const name of [...passed, 'working-directory']) expect(gate.with?.[name]).toBe(`\${{ inputs.${name} }}`);
  });

  it('runs lint, typecheck and tests once the install succeeded, even after one of them failed', () => {
    for (const id of ['lint', 'typecheck', 'test']) {
      const step = steps.find((candidate) => candidate.id === id)!;
      expect(step.if).toBe(`\${{ !cancelled() && steps.install.outcome == 'success' && inputs.${id}-command != '' }}`);
      expect(step.env).toEqual({ COMMAND: `\${{ inputs.${id}-command }}` }); // never \${{ }} inside run:
    }
  });
});

describe.each(REUSABLE)('%s', (file) => {
  const workflow = read(file);

  it('grants nothing at the top and each job only what it names', () => {
    expect(workflow.permissions).toEqual({});
    for (const job of Object.values(workflow.jobs)) expect(Object.keys(job.permissions ?? {})).not.toHaveLength(0);
  });

  it('has every input, secret and output in docs/workflows.md', () => {
    const docs = readFileSync(path.join(root, 'docs/workflows.md'), 'utf8');
    const call = workflow.on.workflow_call;
    const names = [call.inputs, call.secrets, call.outputs].flatMap((group) => Object.keys(group ?? {}));
    expect(names.filter((name) => !docs.includes(`| \`${name}\``))).toEqual([]);
  });
});

describe('callers of the reusable workflows (the sample pipeline and the act tier callers)', () => {
  const callers = [
    'examples/sample-service/.github/workflows/pipeline.yml',
    'tools/workflows/__tests__/callers/quality.yml',
    'tools/workflows/__tests__/callers/security.yml',
    'tools/workflows/__tests__/callers/deploy.yml',
    'tools/workflows/__tests__/callers/build-image.yml',
    'tools/workflows/__tests__/callers/deploy-image.yml',
  ];
  const calls = callers.flatMap((file) => {
    const caller = parse(readFileSync(path.join(root, file), 'utf8')) as {
      jobs: Record<string, { uses?: string; with?: Record<string, unknown> }>;
    };
    return Object.entries(caller.jobs).flatMap(([job, { uses, with: given }]) => {
      const called = /^your-org\/actions-kit\/\.github\/workflows\/([\w-]+\.yml)@v1$/.exec(uses ?? '')?.[1];
      return called ? [{ call: `${file} ${job}`, called, given: Object.keys(given ?? {}) }] : [];
    });
  });

  it('are there: the pipeline calls quality, security and build-image once each and deploy three times', () => {
    expect(calls.filter(({ call }) => call.startsWith('examples/')).map(({ called }) => called)).toEqual([
      'quality.yml',
      'security.yml',
      'build-image.yml',
      'deploy-blue-green.yml',
      'deploy-blue-green.yml',
      'deploy-blue-green.yml',
    ]);
  });

  it('deploy, in the pipeline, the digest build-image pushed, and only after it passed', () => {
    const pipeline = parse(
      readFileSync(path.join(root, 'examples/sample-service/.github/workflows/pipeline.yml'), 'utf8'),
    ) as { jobs: Record<string, { uses?: string; needs?: string[]; with?: Record<string, unknown> }> };
    const deploys = Object.values(pipeline.jobs).filter((job) => job.uses?.includes('/deploy-blue-green.yml@'));
    expect(deploys).toHaveLength(3);
    for (const deploy of deploys) {
      expect(deploy.with?.['image']).toBe('${{ needs.image.outputs.image }}');
      expect(deploy.needs).toContain('image');
    }
  });

  it('pass every required input and only declared ones (act and GitHub would refuse the rest at run time)', () => {
    for (const { call, called, given } of calls) {
      const inputs = (read(called).on.workflow_call.inputs ?? {}) as Record<string, { required?: boolean }>;
      const missing = Object.keys(inputs).filter((name) => inputs[name]!.required && !given.includes(name));
      const unknown = given.filter((name) => !(name in inputs));
      expect({ call, missing, unknown }).toEqual({ call, missing: [], unknown: [] });
    }
  });
});
